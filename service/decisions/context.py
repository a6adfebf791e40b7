"""What taking and reviewing decisions needs from the running service, in one object."""

from __future__ import annotations

import hashlib
import hmac
import re
from dataclasses import dataclass

from service.decisions.principals import Principalregister
from service.engine.library import Regelbibliotheek
from service.ids import token_hex
from service.logboek.logboek import Aanroeper, Logboek
from service.mandates.register import GeladenRegister
from service.organisatie import Organisatie


@dataclass(frozen=True)
class Omgeving:
    bibliotheek: Regelbibliotheek
    register: GeladenRegister
    principals: Principalregister
    pseudonimiseringssleutel: bytes
    logboek: Logboek
    organisatie: Organisatie
    publieke_url: str
    """Where clients reach the service (absolute URLs in notifications)."""

    def pseudoniem(self, bsn: str) -> str:
        """Keyed hash of a BSN: the same person gets the same pseudonym, the BSN is not kept."""
        return hmac.new(self.pseudonimiseringssleutel, bsn.encode(), hashlib.sha256).hexdigest()


_TRACEPARENT = re.compile(r"^00-([0-9a-f]{32})-([0-9a-f]{16})-[0-9a-f]{2}$")


@dataclass(frozen=True)
class Trace:
    """W3C Trace Context: the caller's trace id if it sent one, else a new one."""

    trace_id: str
    parent_id: str | None
    operation_id: str

    @classmethod
    def uit_header(cls, traceparent: str | None) -> Trace:
        gevonden = _TRACEPARENT.match(traceparent or "")
        if gevonden and gevonden.group(1) != "0" * 32:
            return cls(gevonden.group(1), gevonden.group(2), token_hex(8))
        return cls(token_hex(16), None, token_hex(8))

    @property
    def aanroeper(self) -> Aanroeper | None:
        """The caller's span as the Logboek's foreign operation (None without a traceparent)."""
        return None if self.parent_id is None else Aanroeper(self.trace_id, self.parent_id)
