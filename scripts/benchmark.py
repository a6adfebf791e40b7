"""Benchmark: decisions/s of POST /v1/beslissingen against a bare FastAPI endpoint, in one run.

Usage: `make bench` or `.venv/bin/python scripts/benchmark.py [--seconden 8] [--workers 2]`.
Runs in under two minutes. Prints absolute figures and, because this machine is shared
and noisy, the ratios that matter (see the README, section Benchmark):
  1. engine time per decision (validation + durable_rules + calculation), in process;
  2. bare FastAPI `def` endpoint (validate a body, return a similar JSON), N workers;
  3. the service: POST /v1/beslissingen (termijnen, stored in SQLite WAL), N workers;
  4. the service at half of the rate from 3, for p50/p99 at a sustainable load;
  5. impact analysis (issue 11): N stored termijnen decisions replayed under a candidate
     (betalingstermijnWeken 8 instead of 6), one worker process per core (see meet_herafspelen).
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


# --------------------------------------------------------------------------- 5. impactanalyse


def meet_herafspelen(aantal: int, processen: int) -> dict[str, float]:
    """Replay `aantal` stored termijnen decisions (SQLite WAL) under a candidate; decisions/s.

    The decisions are stored first (not timed). Timed: the whole analysis (starting the
    worker processes and compiling the candidate included) and its steady rate (from the
    first replayed batch to the end).
    """
    import resource
    import shutil

    from service.engine.library import laad_bibliotheek
    from service.impact import proefdata, uitvoering
    from service.storage.database import maak_engine, migreer

    with tempfile.TemporaryDirectory() as tmp:
        engine = maak_engine(f"sqlite:///{Path(tmp) / 'herafspelen.db'}")
        migreer(engine)
        proefdata.vul(engine, laad_bibliotheek(ROOT / "rules"), aantal)
        kandidaat = Path(tmp) / "kandidaat"
        shutil.copytree(ROOT / "rules", kandidaat)
        pad = kandidaat / "parameters" / "termijnen.yaml"
        oud = "      - geldigVanaf: 2009-07-01\n        waarde: 6\n"
        pad.write_text(
            pad.read_text(encoding="utf-8").replace(oud, oud.replace("6", "8")), encoding="utf-8"
        )
        analyse = uitvoering.maak_analyse(
            engine,
            uitvoering.lees_kandidaat(kandidaat),
            uitvoering.filter_van(None, None, None),
            "benchmark",
        )
        eerste: list[tuple[float, int]] = []

        def voortgang(gedaan: int, _totaal: int) -> None:
            if gedaan and not eerste:
                eerste.append((time.perf_counter(), gedaan))

        cpu_voor = resource.getrusage(resource.RUSAGE_CHILDREN)
        begin = time.perf_counter()
        uitkomst = uitvoering.voer_uit(engine, analyse.id, processen, voortgang)
        einde = time.perf_counter()
        cpu_na = resource.getrusage(resource.RUSAGE_CHILDREN)
        engine.dispose()
    rapport = uitkomst["rapport"]
    t0, n0 = eerste[0] if eerste else (begin, 0)
    return {
        "aantal": rapport["beoordeeld"],
        "gewijzigd": rapport["gewijzigd"],
        "seconden": einde - begin,
        "per_s": rapport["beoordeeld"] / (einde - begin),
        "per_s_lopend": (rapport["beoordeeld"] - n0) / max(einde - t0, 1e-9),
        "rss_mb": cpu_na.ru_maxrss / 1024,
        # CPU seconds of the worker processes (startup included): shared-machine noise
        # stretches wall time, not CPU time.
        "cpu_ms": (cpu_na.ru_utime + cpu_na.ru_stime - cpu_voor.ru_utime - cpu_voor.ru_stime)
        * 1e3
        / max(rapport["beoordeeld"], 1),
    }


def print_herafspelen(aantal: int, processen: int) -> None:
    m = meet_herafspelen(aantal, processen)
    print(
        f"5. Impactanalyse: {m['aantal']:.0f} opgeslagen termijnen-beslissingen opnieuw beoordeeld "
        f"({processen} werkprocessen) in {m['seconden']:.1f} s: {m['per_s']:.0f}/s inclusief opstarten, "
        f"{m['per_s_lopend']:.0f}/s lopend; {m['gewijzigd']:.0f} gewijzigd; grootste werkproces "
        f"{m['rss_mb']:.0f} MB"
    )
    print(
        f"   CPU per beslissing {m['cpu_ms']:.3f} ms (werkprocessen, opstarten inbegrepen): op "
        f"{processen} vrije kernen ≈ {processen * 1000 / m['cpu_ms']:.0f}/s"
    )
    print(
        f"   Verhouding lopend / doel 1.667/s: {m['per_s_lopend'] / 1667:.2f}; "
        f"20.000 in ≤ 25 s: {'ja' if m['seconden'] * 20000 / max(m['aantal'], 1) <= 25 else 'nee'}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--seconden", type=float, default=8.0, help="duur van elke belastingfase")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--verbindingen", type=int, default=16)
    parser.add_argument(
        "--herafspelen", type=int, default=20000, help="beslissingen voor 5 (0: overslaan)"
    )
    parser.add_argument("--alleen-herafspelen", action="store_true", help="alleen onderdeel 5")
    args = parser.parse_args()
    if args.alleen_herafspelen:
        print_herafspelen(args.herafspelen, args.workers)
        return

    print(
        "1. Engine per beslissing (in proces: validatie + durable_rules + berekening), eerste testgeval per soort"
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

        database = Path(tmp) / "bench.db"
        env = {
            "INVORDERING_DATABASE_URL": f"sqlite:///{database}",
            "INVORDERING_ENV": "development",
        }
        subprocess.run(
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
    print(
        f"3. POST /v1/beslissingen, opgeslagen in SQLite WAL ({args.workers} workers), verzadigd: "
        f"{vol['per_s']:.0f} beslissingen/s, p50 {vol['p50_ms']:.1f} ms, p99 {vol['p99_ms']:.1f} ms"
    )
    print(
        f"4. Zelfde, op de helft van dat tempo ({vol['per_s'] / 2:.0f}/s aangeboden, "
        f"{half['per_s']:.0f}/s gehaald): p50 {half['p50_ms']:.1f} ms, p99 {half['p99_ms']:.1f} ms"
    )
    print(
        f"Verhouding service / kale FastAPI: {vol['per_s'] / kaal['per_s']:.2f} "
        "(doel ≥ 0,30; doel absoluut ≥ 1.000/s, p99 ≤ 50 ms op half tempo)"
    )
    traagste = max(engine.values(), key=lambda m: m["p50_ms"])
    print(f"Engine: traagste mediaan {traagste['p50_ms']:.3f} ms (doel ≤ 1 ms voor elke soort)")
    if args.herafspelen:
        print_herafspelen(args.herafspelen, args.workers)


if __name__ == "__main__":
    main()
