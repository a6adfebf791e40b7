"""`invordering serve`: uvicorn, with SIGHUP meaning "reload the rules", not "restart".

uvicorn's own supervisor answers SIGHUP by restarting every worker. Here the supervisor
checks and loads the rules directory itself instead: if it has problems they are
logged (file:line) and nothing changes; if not, a new generation is recorded and every
worker switches to it while it keeps serving.
"""

from __future__ import annotations

import uvicorn
from uvicorn.supervisors import Multiprocess

from service.storage import generaties

APP = "service.api.app:maak_app_uit_omgeving"


def herlaad_na_sighup() -> None:
    """In the supervisor process: check and record; the workers do the switching."""
    import structlog

    from service.herladen.herladen import herlaad
    from service.logging import configureer
    from service.rulefiles.loading import RegelbestandFout
    from service.settings import Instellingen
    from service.storage.database import maak_engine

    instellingen = Instellingen()
    configureer(productie=instellingen.env == "production")
    log = structlog.get_logger()
    engine = maak_engine(instellingen.database)
    try:
        laatste = generaties.laatste(engine)
        huidig = laatste.regelsets if laatste is not None else []
        herlading = herlaad(engine, instellingen.rules_dir, huidig, ("sighup", "beheer"), "sighup")
        log.info("regels_herladen", generatie=herlading.generatie, gewijzigd=herlading.gewijzigd)
    except RegelbestandFout as fout:
        for probleem in fout.problemen:
            log.error("regels_herladen_geweigerd", probleem=str(probleem))
    finally:
        engine.dispose()


class HerlaadbaarMultiprocess(Multiprocess):
    def handle_hup(self) -> None:
        herlaad_na_sighup()


def start(host: str, port: int, workers: int) -> None:
    config = uvicorn.Config(
        APP, factory=True, host=host, port=port, workers=workers, log_level="info"
    )
    server = uvicorn.Server(config)
    if config.workers > 1:
        HerlaadbaarMultiprocess(config, sockets=[config.bind_socket()]).run()
    else:
        server.run()
