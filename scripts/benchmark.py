"""Benchmark: decisions/s of POST /v1/beslissingen against a bare FastAPI endpoint, in one run.

Usage: `make bench` or `.venv/bin/python scripts/benchmark.py [--seconden 8] [--workers 2]`.
Runs in about a minute and a half. Prints absolute figures and, because this machine is shared
and noisy, the ratios that matter (see shared/engineering/performance.md):
  1. engine time per decision (validation + durable_rules + calculation), in process;
  2. bare FastAPI `def` endpoint (validate a body, return a similar JSON), N workers;
  3. the service: POST /v1/beslissingen (termijnen, stored in SQLite WAL), N workers,
     saturated and then at half of that rate (p50/p99 at a sustainable load);
  4. the same on PostgreSQL when the test server answers (INVORDERING_TEST_POSTGRES_URL,
     a schema of its own that is dropped afterwards).
The load generator is a small asyncio HTTP/1.1 keep-alive client on the same machine
(16 connections), used identically for 2 and 3 so the ratio is fair.
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import json
import os
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import textwrap
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
PEILDATUM = dt.date(2026, 5, 10)
GEGEVENS: dict[str, Any] = {
    "vorderingen": [
        {
            "id": "V1",
            "bedrag": "1482.38",
            "verzenddatumBeschikking": "2026-03-02",
            "aanmaningen": [{"verzenddatum": "2026-04-30"}],
        }
    ]
}
VERZOEK = {"soort": "termijnen", "peildatum": PEILDATUM.isoformat(), "gegevens": GEGEVENS}

KALE_APP = textwrap.dedent(
    """
    from typing import Any
    from fastapi import FastAPI
    from pydantic import BaseModel

    class Verzoek(BaseModel):
        soort: str
        peildatum: str | None = None
        gegevens: dict[str, Any]

    app = FastAPI()
    ANTWOORD = {"id": "x" * 36, "uitkomst": {"v": ["2026-01-01"] * 8},
                "redenen": [{"regel": "R", "uitleg": "u" * 200, "waarden": {"a": "b" * 20}}] * 10}

    @app.post("/v1/beslissingen", status_code=201)
    def neem(verzoek: Verzoek) -> dict[str, Any]:
        return ANTWOORD
    """
)


def percentiel(waarden: list[float], p: float) -> float:
    geordend = sorted(waarden)
    return geordend[min(len(geordend) - 1, int(len(geordend) * p))]


def meet_engine(aantal: int) -> dict[str, dict[str, float]]:
    """Per soort: validation + durable_rules + calculation for one fixture case, in process."""
    from service.decisions.service import evalueer
    from service.engine.library import laad_bibliotheek
    from service.engine.presentation import json_waarde
    from service.ruletests import lees_gevallen

    bibliotheek = laad_bibliotheek(ROOT / "rules")
    gevallen = [g for g in lees_gevallen(ROOT / "fixtures" / "rules") if "fout" not in g.verwacht]
    uit: dict[str, dict[str, float]] = {}
    for soort in bibliotheek.soorten:
        geval = next(g for g in gevallen if g.regelset == soort)
        geladen = bibliotheek.voor(soort, geval.peildatum)
        gegevens = json_waarde(geval.gegevens)
        for _ in range(100):
            evalueer(geladen, gegevens, geval.peildatum)
        tijden = []
        for _ in range(aantal):
            begin = time.perf_counter()
            evaluatie = evalueer(geladen, gegevens, geval.peildatum)
            tijden.append(time.perf_counter() - begin)
        uit[soort] = {
            "p50_ms": statistics.median(tijden) * 1e3,
            "p99_ms": percentiel(tijden, 0.99) * 1e3,
            "regels": len(evaluatie.redenen),
        }
    return uit


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
    poort: int, seconden: float, verbindingen: int, tempo: float | None = None
) -> dict[str, float]:
    body = json.dumps(VERZOEK).encode()
    verzoek = (
        b"POST /v1/beslissingen HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
        b"Authorization: Bearer demo-medewerker\r\n"
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


POSTGRES_URL = os.environ.get(
    "INVORDERING_TEST_POSTGRES_URL", "postgresql://postgres@127.0.0.1:5432/test"
)


def postgres_schema() -> tuple[str, str] | None:
    """A fresh schema on the test PostgreSQL server, or None when it does not answer."""
    try:
        import psycopg

        schema = f"bench_{os.getpid()}_{int(time.time())}"
        with psycopg.connect(POSTGRES_URL, autocommit=True, connect_timeout=2) as verbinding:
            verbinding.execute(f'CREATE SCHEMA "{schema}"')
    except Exception:
        return None
    scheiding = "&" if "?" in POSTGRES_URL else "?"
    return schema, f"{POSTGRES_URL}{scheiding}options=-csearch_path%3D{schema}"


def verwijder_schema(schema: str) -> None:
    import psycopg

    with psycopg.connect(POSTGRES_URL, autocommit=True) as verbinding:
        verbinding.execute(f'DROP SCHEMA "{schema}" CASCADE')


def meet_dienst(
    database_url: str, args: argparse.Namespace
) -> tuple[dict[str, float], dict[str, float]]:
    """The service on this database: saturated, then at half of that rate."""
    env = {"INVORDERING_DATABASE_URL": database_url, "INVORDERING_ENV": "development"}
    subprocess.run(  # migrate once, before the workers start
        [sys.executable, "-c", "from service.api.app import maak_app_uit_omgeving as m; m()"],
        env={**os.environ, **env},
        cwd=ROOT,
        check=True,
        capture_output=True,
    )
    poort = vrije_poort()
    dienst = start_server(
        ["service.api.app:maak_app_uit_omgeving", "--factory", "--workers", str(args.workers)],
        env,
        poort,
        ROOT,
    )
    try:
        belast(poort, 1.5, args.verbindingen)
        vol = belast(poort, args.seconden, args.verbindingen)
        half = belast(poort, args.seconden, args.verbindingen, tempo=vol["per_s"] / 2)
    finally:
        stop_server(dienst)
    return vol, half


def toon_dienst(naam: str, vol: dict[str, float], half: dict[str, float], kaal: float) -> None:
    print(
        f"   {naam}: verzadigd {vol['per_s']:.0f} beslissingen/s (p50 {vol['p50_ms']:.1f} ms, "
        f"p99 {vol['p99_ms']:.1f} ms); verhouding tot kale FastAPI {vol['per_s'] / kaal:.2f}"
    )
    print(
        f"   {naam}: op half tempo ({vol['per_s'] / 2:.0f}/s aangeboden, {half['per_s']:.0f}/s "
        f"gehaald) p50 {half['p50_ms']:.1f} ms, p99 {half['p99_ms']:.1f} ms"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--seconden", type=float, default=8.0, help="duur van elke belastingfase")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--verbindingen", type=int, default=16)
    parser.add_argument("--zonder-postgres", action="store_true", help="sla PostgreSQL over")
    args = parser.parse_args()

    print(
        "1. Engine per beslissing (in proces: validatie + durable_rules + berekening), "
        "eerste testgeval per soort"
    )
    engine = meet_engine(1500)
    for soort, m in engine.items():
        print(
            f"   {soort:<26} mediaan {m['p50_ms']:.3f} ms, p99 {m['p99_ms']:.3f} ms "
            f"({m['regels']:.0f} toegepaste regels)"
        )

    with tempfile.TemporaryDirectory() as tmp:
        (Path(tmp) / "kaal.py").write_text(KALE_APP, encoding="utf-8")
        poort = vrije_poort()
        kaal_proces = start_server(
            ["kaal:app", "--workers", str(args.workers)], {}, poort, Path(tmp)
        )
        try:
            belast(poort, 1.5, args.verbindingen)  # warm up
            kaal = belast(poort, args.seconden, args.verbindingen)
        finally:
            stop_server(kaal_proces)
        print(
            f"2. Kale FastAPI ({args.workers} workers): {kaal['per_s']:.0f} verzoeken/s, "
            f"p50 {kaal['p50_ms']:.1f} ms, p99 {kaal['p99_ms']:.1f} ms"
        )
        print(f"3. POST /v1/beslissingen (termijnen, {args.workers} workers, opgeslagen)")
        sqlite_vol, sqlite_half = meet_dienst(f"sqlite:///{Path(tmp) / 'bench.db'}", args)
        toon_dienst("SQLite WAL", sqlite_vol, sqlite_half, kaal["per_s"])
        pg = None if args.zonder_postgres else postgres_schema()
        if pg is None:
            print("   PostgreSQL: niet bereikbaar (of overgeslagen)")
        else:
            try:
                pg_vol, pg_half = meet_dienst(pg[1], args)
            finally:
                verwijder_schema(pg[0])
            toon_dienst("PostgreSQL", pg_vol, pg_half, kaal["per_s"])
    traagste = max(engine.values(), key=lambda m: m["p50_ms"])
    print(
        f"Doelen: verhouding ≥ 0,30 en ≥ 1.000/s; p99 ≤ 50 ms op half tempo; engine ≤ 1 ms "
        f"mediaan per soort (traagste nu {traagste['p50_ms']:.3f} ms). Lees de verhoudingen: "
        "de absolute getallen schuiven op een gedeelde machine."
    )


if __name__ == "__main__":
    main()
