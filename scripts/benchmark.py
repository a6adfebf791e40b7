"""Benchmark: decisions/s of POST /v1/beslissingen against a bare FastAPI endpoint, in one run.

Usage: `make bench` or `.venv/bin/python scripts/benchmark.py [--rondes 4] [--workers 2]`.
Runs in about a minute and a half. Prints absolute figures and, because this machine is
shared and noisy, the ratios that matter (see the README, section Benchmark):
  1. engine time per decision (validation + durable_rules + calculation), in process;
  2. the service as in production (JSON logs, a principals file), POST /v1/beslissingen
     (termijnen, stored), N workers, saturated in turns
     with a bare FastAPI `def` endpoint (validate a similar body, return a similar JSON):
     both see the same background load; the ratio per pair, its median and its spread;
  3. the service at half its saturated rate: p50/p99 at a sustainable load;
  on SQLite (WAL), and the same on PostgreSQL when the test server answers
  (INVORDERING_TEST_POSTGRES_URL; a schema of its own, dropped afterwards);
  4. impact analysis (issue 11): N stored termijnen decisions replayed under a candidate
     (betalingstermijnWeken 8 instead of 6), one worker process per core.
The load generator (scripts/belasting.py) is a small asyncio HTTP/1.1 keep-alive client on
the same machine (16 connections), used identically for both apps.
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import json
import os
import secrets
import statistics
import subprocess
import sys
import tempfile
import textwrap
import time
from pathlib import Path
from typing import Any

from belasting import belast, percentiel, start_server, stop_server, vrije_poort

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


TOKEN = "bench-medewerker"


class Dienst:
    """The service on one database in production mode (JSON logs, a principals file, a
    generated key), started once, migrated before its workers start."""

    def __init__(self, database_url: str, workers: int, tmp: Path) -> None:
        principals = tmp / "bench-principals.yaml"
        token_hash = hashlib.sha256(TOKEN.encode()).hexdigest()
        principals.write_text(
            "principals:\n  - {id: m.devries, rol: medewerker, "
            f"mandaatrol: medewerker-invorderen, tokenHash: {token_hash}}}\n",
            encoding="utf-8",
        )
        env = {
            "INVORDERING_DATABASE_URL": database_url,
            "INVORDERING_ENV": "production",
            "INVORDERING_PRINCIPALS_FILE": str(principals),
            "INVORDERING_PSEUDONIMISERINGSSLEUTEL": secrets.token_hex(32),
        }
        subprocess.run(
            [sys.executable, "-c", "from service.api.app import maak_app_uit_omgeving as m; m()"],
            env={**os.environ, **env},
            cwd=ROOT,
            check=True,
            capture_output=True,
        )
        self.poort = vrije_poort()
        self.proces = start_server(
            ["service.api.app:maak_app_uit_omgeving", "--factory", "--workers", str(workers)],
            env,
            self.poort,
            ROOT,
        )


def rondes(kaal: int, dienst: int, args: argparse.Namespace) -> dict[str, Any]:
    """Saturate the bare app and the service in turns (`args.rondes` pairs), so both see
    the same background load; then the service at half its median rate."""
    body = json.dumps(VERZOEK).encode()
    belast(kaal, 1.5, args.verbindingen, body)  # warm up
    belast(dienst, 1.5, args.verbindingen, body, token=TOKEN)
    paren = []
    for _ in range(args.rondes):
        k = belast(kaal, args.ronde, args.verbindingen, body)
        d = belast(dienst, args.ronde, args.verbindingen, body, token=TOKEN)
        paren.append((k, d))
    verhoudingen = sorted(d["per_s"] / k["per_s"] for k, d in paren)
    per_s = statistics.median(d["per_s"] for _, d in paren)
    half = belast(dienst, args.seconden, args.verbindingen, body, tempo=per_s / 2, token=TOKEN)
    return {
        "kaal": statistics.median(k["per_s"] for k, _ in paren),
        "per_s": per_s,
        "p50": statistics.median(d["p50_ms"] for _, d in paren),
        "p99": statistics.median(d["p99_ms"] for _, d in paren),
        "verhouding": statistics.median(verhoudingen),
        "spreiding": (verhoudingen[0], verhoudingen[-1]),
        "half": half,
    }


def toon(naam: str, r: dict[str, Any]) -> None:
    laag, hoog = r["spreiding"]
    print(
        f"   {naam}: kale FastAPI {r['kaal']:.0f} verzoeken/s; service verzadigd "
        f"{r['per_s']:.0f} beslissingen/s (p50 {r['p50']:.1f} ms, p99 {r['p99']:.1f} ms)"
    )
    print(f"   {naam}: verhouding service / kale FastAPI {r['verhouding']:.2f} "
          f"(rondes {laag:.2f}–{hoog:.2f})")  # fmt: skip
    h = r["half"]
    print(
        f"   {naam}: op half tempo ({r['per_s'] / 2:.0f}/s aangeboden, {h['per_s']:.0f}/s "
        f"gehaald) p50 {h['p50_ms']:.1f} ms, p99 {h['p99_ms']:.1f} ms"
    )


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
        f"4. Impactanalyse: {m['aantal']:.0f} opgeslagen termijnen-beslissingen opnieuw beoordeeld "
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
    parser.add_argument("--rondes", type=int, default=4, help="paren kaal/service verzadigd")
    parser.add_argument("--ronde", type=float, default=2.5, help="seconden per verzadigde fase")
    parser.add_argument(
        "--seconden", type=float, default=8.0, help="duur van de fase op half tempo"
    )
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--verbindingen", type=int, default=16)
    parser.add_argument("--zonder-postgres", action="store_true", help="sla PostgreSQL over")
    parser.add_argument(
        "--herafspelen", type=int, default=20000, help="beslissingen voor 4 (0: overslaan)"
    )
    parser.add_argument("--alleen-herafspelen", action="store_true", help="alleen onderdeel 4")
    args = parser.parse_args()
    if args.alleen_herafspelen:
        print_herafspelen(args.herafspelen, args.workers)
        return

    print("1. Engine per beslissing (in proces: validatie + durable_rules + berekening), "
          "eerste testgeval per soort")  # fmt: skip
    engine = meet_engine(1500)
    for soort, m in engine.items():
        print(f"   {soort:<26} mediaan {m['p50_ms']:.3f} ms, p99 {m['p99_ms']:.3f} ms "
              f"({m['regels']:.0f} toegepaste regels)")  # fmt: skip
    print(f"2. POST /v1/beslissingen (termijnen, {args.workers} workers, {args.verbindingen} "
          f"verbindingen), afwisselend met kale FastAPI: {args.rondes} rondes van {args.ronde} s")  # fmt: skip
    with tempfile.TemporaryDirectory() as tmp:
        (Path(tmp) / "kaal.py").write_text(KALE_APP, encoding="utf-8")
        kaal_poort = vrije_poort()
        kaal = start_server(["kaal:app", "--workers", str(args.workers)], {}, kaal_poort, Path(tmp))
        try:
            sqlite = Dienst(f"sqlite:///{Path(tmp) / 'bench.db'}", args.workers, Path(tmp))
            try:
                toon("SQLite WAL", rondes(kaal_poort, sqlite.poort, args))
            finally:
                stop_server(sqlite.proces)
            pg = None if args.zonder_postgres else postgres_schema()
            if pg is None:
                print("   PostgreSQL: niet bereikbaar (of overgeslagen)")
            else:
                try:
                    postgres = Dienst(pg[1], args.workers, Path(tmp))
                    try:
                        toon("PostgreSQL", rondes(kaal_poort, postgres.poort, args))
                    finally:
                        stop_server(postgres.proces)
                finally:
                    verwijder_schema(pg[0])
        finally:
            stop_server(kaal)
    traagste = max(engine.values(), key=lambda m: m["p50_ms"])
    print(
        f"Doelen: verhouding ≥ 0,30 en ≥ 1.000/s; p99 ≤ 50 ms op half tempo; engine ≤ 1 ms "
        f"mediaan per soort (traagste nu {traagste['p50_ms']:.3f} ms). Lees de verhoudingen: "
        "de absolute getallen schuiven op een gedeelde machine."
    )
    if args.herafspelen:
        print_herafspelen(args.herafspelen, args.workers)


if __name__ == "__main__":
    main()
