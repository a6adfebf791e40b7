"""Random ids (UUID 4, hex tokens) from a per-thread buffer of `os.urandom` bytes.

Every `os.urandom` call is a system call that releases the GIL; taking it back costs up
to the interpreter's switch interval (5 ms) when another thread is computing. On the
decision path that stalled the CPU thread several times per decision. One system call
now serves 256 ids; the bytes are the same cryptographic randomness. A buffer is never
shared across threads, nor inherited by a forked child (the pid is checked).
"""

from __future__ import annotations

import os
import threading
import uuid

_BUFFER = 4096


class _Voorraad(threading.local):
    def __init__(self) -> None:
        self.bytes = b""
        self.positie = 0
        self.pid = 0


_voorraad = _Voorraad()


def willekeurige_bytes(n: int) -> bytes:
    """`n` bytes from the operating system's CSPRNG (buffered per thread)."""
    v = _voorraad
    if v.positie + n > len(v.bytes) or v.pid != os.getpid():
        v.bytes, v.positie, v.pid = os.urandom(max(_BUFFER, n)), 0, os.getpid()
    begin = v.positie
    v.positie = begin + n
    return v.bytes[begin : v.positie]


def nieuw_uuid() -> str:
    """A random UUID (version 4) as text."""
    return str(uuid.UUID(bytes=willekeurige_bytes(16), version=4))


def token_hex(n: int) -> str:
    """`n` random bytes as hex (like secrets.token_hex)."""
    return willekeurige_bytes(n).hex()
