"""/werkbank/regels/: the rule documentation for logged-in users, following a reload."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy.engine import Engine

from tests.conftest import TERMIJNEN_VERSIE, auth
from tests.herladen.test_herladen import ZES, client_met_regels, vervang
from tests.werkbank.test_sessie import log_in


def test_alleen_na_inloggen(db_engine: Engine, tmp_path: Path) -> None:
    client, _ = client_met_regels(db_engine, tmp_path)
    anoniem = client.get("/werkbank/regels/", follow_redirects=False)
    assert anoniem.status_code in (302, 303) and "inloggen" in anoniem.headers["location"]
    log_in(client, "m.devries")
    pagina = client.get("/werkbank/regels/")
    assert pagina.status_code == 200
    assert f'href="regelset-termijnen-{TERMIJNEN_VERSIE}.html"' in pagina.text
    assert (
        client.get(f"/werkbank/regels/regelset-termijnen-{TERMIJNEN_VERSIE}.html").status_code
        == 200
    )
    assert 'href="/werkbank/regels/"' in client.get("/werkbank/").text  # in the menu


def test_volgt_een_herlading(db_engine: Engine, tmp_path: Path) -> None:
    """After a reload the werkbank documents the rules that now decide, not the old ones."""
    client, map = client_met_regels(db_engine, tmp_path)
    log_in(client, "p.mulder")
    assert (
        f'href="regelset-termijnen-{TERMIJNEN_VERSIE}.html"' in client.get("/werkbank/regels/").text
    )
    vervang(map, ZES, ZES.replace("6", "8"))
    vervang(map, f"versie: {TERMIJNEN_VERSIE}", "versie: 99.0.0", "termijnen.yaml")
    assert client.post("/v1/regelsets/_herladen", headers=auth("beleid")).status_code == 200
    nu = client.get("/werkbank/regels/").text
    assert 'href="regelset-termijnen-99.0.0.html"' in nu
    assert f"termijnen-{TERMIJNEN_VERSIE}" not in nu
