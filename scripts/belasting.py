"""Load for the benchmark: start and stop uvicorn, and a small asyncio HTTP/1.1 client.

The client keeps `verbindingen` keep-alive connections busy (closed loop: as fast as the
answers come) or sends on a fixed schedule (open loop: the latency includes queueing).
It is used the same way for the bare FastAPI app and for the service, so ratios are fair.
"""

from __future__ import annotations

import asyncio
import os
import signal
import socket
import statistics
import subprocess
import sys
import time
from pathlib import Path


def percentiel(waarden: list[float], p: float) -> float:
    geordend = sorted(waarden)
    return geordend[min(len(geordend) - 1, int(len(geordend) * p))]


def vrije_poort() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def start_server(
    args: list[str], env: dict[str, str], poort: int, cwd: Path
) -> subprocess.Popen[bytes]:
    proces = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "uvicorn",
            *args,
            "--host",
            "127.0.0.1",
            "--port",
            str(poort),
            "--log-level",
            "warning",
            "--no-access-log",
        ],
        env={**os.environ, **env},
        cwd=cwd,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    for _ in range(300):
        try:
            with socket.create_connection(("127.0.0.1", poort), timeout=0.2):
                time.sleep(1.0)  # let every worker finish importing and compiling
                return proces
        except OSError:
            time.sleep(0.1)
    stop_server(proces)
    raise RuntimeError(f"server op poort {poort} kwam niet op")


def stop_server(proces: subprocess.Popen[bytes]) -> None:
    os.killpg(proces.pid, signal.SIGTERM)
    try:
        proces.wait(timeout=15)
    except subprocess.TimeoutExpired:
        os.killpg(proces.pid, signal.SIGKILL)


async def _verbinding(
    poort: int,
    verzoek: bytes,
    einde: float,
    tijden: list[float],
    fouten: list[int],
    interval: float | None,
    start: float,
) -> None:
    lezer, schrijver = await asyncio.open_connection("127.0.0.1", poort)
    volgende = start
    try:
        while time.perf_counter() < einde:
            if interval is not None:  # open loop: a fixed schedule, latency includes queueing
                volgende += interval
                wacht = volgende - time.perf_counter()
                if wacht > 0:
                    await asyncio.sleep(wacht)
                begin = volgende
            else:
                begin = time.perf_counter()
            schrijver.write(verzoek)
            kop = await lezer.readuntil(b"\r\n\r\n")
            status = int(kop.split(b" ", 2)[1])
            lengte = 0
            for regel in kop.split(b"\r\n"):
                if regel.lower().startswith(b"content-length:"):
                    lengte = int(regel.split(b":")[1])
            await lezer.readexactly(lengte)
            tijden.append(time.perf_counter() - begin)
            if status not in (200, 201):
                fouten.append(status)
    finally:
        schrijver.close()


def belast(
    poort: int,
    seconden: float,
    verbindingen: int,
    body: bytes,
    tempo: float | None = None,
    token: str = "demo-medewerker",
) -> dict[str, float]:
    """POST `body` to /v1/beslissingen over `verbindingen` keep-alive connections, closed
    loop (as fast as answers come) or open loop at `tempo` requests/s; rate and latency."""
    verzoek = (
        b"POST /v1/beslissingen HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
        + f"Authorization: Bearer {token}\r\n".encode()
        + f"Content-Length: {len(body)}\r\n\r\n".encode()
        + body
    )
    tijden: list[float] = []
    fouten: list[int] = []
    interval = verbindingen / tempo if tempo else None

    async def alles() -> None:
        start = time.perf_counter()
        einde = start + seconden
        await asyncio.gather(
            *(
                _verbinding(
                    poort,
                    verzoek,
                    einde,
                    tijden,
                    fouten,
                    interval,
                    start + (i * interval / verbindingen if interval else 0),
                )
                for i in range(verbindingen)
            )
        )

    begin = time.perf_counter()
    asyncio.run(alles())
    duur = time.perf_counter() - begin
    if fouten:
        raise RuntimeError(f"{len(fouten)} antwoorden zonder 2xx, bv. {fouten[:5]}")
    return {
        "per_s": len(tijden) / duur,
        "p50_ms": statistics.median(tijden) * 1e3,
        "p99_ms": percentiel(tijden, 0.99) * 1e3,
        "aantal": len(tijden),
    }
