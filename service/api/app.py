"""The FastAPI application: wiring only; behaviour lives in the routes and below."""

from __future__ import annotations

import contextlib
import gc
import os
from collections.abc import AsyncIterator
from pathlib import Path

import structlog
from fastapi import FastAPI
from fastapi_offline import FastAPIOffline
from sqlalchemy.engine import Engine
from sqlmodel import Session
from starlette.responses import RedirectResponse

from service import __version__, pdfproces
from service.api import (
    problems,
    routes_algoritmeregister,
    routes_decisions,
    routes_documenten,
    routes_herladen,
    routes_impact,
    routes_review,
    routes_rules,
    routes_zgw,
)
from service.api.headers import VasteHeaders
from service.api.openapi import openapi_document
from service.api.verzoekcontrole import Verzoekcontrole
from service.api.verzoeken import Verzoekgrenzen
from service.decisions.context import Omgeving
from service.decisions.principals import Principalregister
from service.decisions.replay import archiveer, archiveer_register
from service.engine.library import Regelbibliotheek, laad_bibliotheek
from service.herladen.herladen import bij_start
from service.herladen.levensloop import levensloop
from service.herladen.wacht import Regelwacht
from service.logboek.logboek import logboek_voor
from service.logboek.register import laad_verwerkingsregister
from service.logging import configureer
from service.mandates.register import GeladenRegister, laad_register
from service.organisatie import laad_organisatie
from service.settings import Instellingen
from service.storage.database import maak_engine, migreer
from service.storage.groepscommit import Groepsschrijver
from service.werkbank.app import maak_werkbank
from service.zgw.bezorging import Bezorger

DEMO_PRINCIPALS = Path("fixtures/demo-principals.yaml")
log = structlog.get_logger()


def principals_voor(instellingen: Instellingen) -> Principalregister:
    if instellingen.env == "production":
        assert instellingen.principals_file is not None
        return Principalregister.uit_bestand(
            instellingen.principals_file, tokens_in_klare_tekst=False
        )
    return Principalregister.uit_bestand(
        instellingen.principals_file or DEMO_PRINCIPALS, tokens_in_klare_tekst=True
    )


@contextlib.asynccontextmanager
async def _levensloop(app: FastAPI) -> AsyncIterator[None]:
    """Per worker process: follow rule reloads, deliver notifications, flush the Logboek."""
    app.state.bezorger.start()
    try:
        async with levensloop(app):
            yield
    finally:
        app.state.bezorger.stop()
        app.state.omgeving.logboek.forceer()
        pdfproces.stop()  # uvicorn re-raises SIGTERM after this: no exit handler would run


def _nieuwe_app() -> FastAPI:
    # Swagger UI's scripts and styles are served by the service itself (no CDN).
    return FastAPIOffline(
        title="Beslisservice invordering",
        version=__version__,
        # The document adds the soorten of the rule sets loaded (service/api/openapi.py).
        description=(
            "Regelgedreven beslissingen voor publieke invordering. Elke beslissing noemt de "
            "toegepaste regels met hun wettelijke grondslag."
        ),
        contact={
            "name": "Team Beslisservice Invordering",
            "url": "https://invordering.example/contact",
            "email": "beslisservice@invordering.example",
        },
        license_info={"name": "EUPL-1.2", "url": "https://eupl.eu/1.2/nl/"},
        openapi_url="/v1/openapi.json",
        docs_url="/v1/docs",
        redoc_url=None,
        static_url="/v1/docs/statisch",
        redirect_slashes=False,
        lifespan=_levensloop,
    )


def _omgeving(
    instellingen: Instellingen,
    bibliotheek: Regelbibliotheek,
    register: GeladenRegister,
    principals: Principalregister,
) -> Omgeving:
    """What the decision path needs: rules, mandates, principals, key, Logboek."""
    return Omgeving(
        bibliotheek=bibliotheek,
        register=register,
        principals=principals,
        pseudonimiseringssleutel=instellingen.pseudonimiseringssleutel.get_secret_value().encode(),
        organisatie=laad_organisatie(instellingen.organisatie_file),
        publieke_url=instellingen.publieke_url,
        logboek=logboek_voor(
            laad_verwerkingsregister(instellingen.verwerkingsregister_file),
            None if instellingen.logboek_otlp_endpoint else instellingen.logboek_bestand,
            instellingen.logboek_otlp_endpoint,
            {"service.name": "beslisservice-invordering", "service.version": __version__},
        ),
    )


def _lagen_en_routes(app: FastAPI, instellingen: Instellingen) -> None:
    # Innermost first: the limits and strict JSON, then the ADR checks (HEAD, 415, unknown
    # query parameters), and VasteHeaders outermost so every answer carries its headers.
    app.add_middleware(
        Verzoekgrenzen,
        max_bytes=instellingen.max_verzoek_bytes,
        max_elementen=instellingen.max_lijstelementen,
    )
    app.add_middleware(Verzoekcontrole, hoofdapp=app)
    app.add_middleware(VasteHeaders)
    problems.registreer(app)
    app.include_router(routes_decisions.router, prefix="/v1")
    app.include_router(routes_review.router, prefix="/v1")
    app.include_router(routes_documenten.router, prefix="/v1")
    app.include_router(routes_herladen.router, prefix="/v1")
    app.include_router(routes_impact.router, prefix="/v1")
    app.include_router(routes_rules.router, prefix="/v1")
    app.include_router(routes_zgw.router, prefix="/v1")
    app.include_router(routes_algoritmeregister.router, prefix="/v1")


def maak_app(
    instellingen: Instellingen,
    bibliotheek: Regelbibliotheek | None = None,
    engine: Engine | None = None,
    register: GeladenRegister | None = None,
) -> FastAPI:
    """Build the app; refuses to start when a rule file or the mandate register has a problem."""
    configureer(productie=instellingen.env == "production")
    bibliotheek = bibliotheek or laad_bibliotheek(instellingen.rules_dir)
    register = register or laad_register(instellingen.mandates_dir)
    engine = engine or maak_engine(instellingen.database)
    migreer(engine)
    with Session(engine) as sessie:
        archiveer(sessie, bibliotheek)
        archiveer_register(sessie, register)

    app = _nieuwe_app()
    app.state.engine = engine
    app.state.regelmap = instellingen.rules_dir
    app.state.kandidatenmap = instellingen.kandidaten_dir
    app.state.regelwacht = Regelwacht(engine, bij_start(engine, bibliotheek, "start"))
    app.state.schrijver = Groepsschrijver(engine)
    app.state.principals = principals_voor(instellingen)
    app.state.omgeving = _omgeving(instellingen, bibliotheek, register, app.state.principals)
    app.state.max_paginagrootte = instellingen.max_paginagrootte
    _lagen_en_routes(app, instellingen)
    wachttijden = instellingen.notificatie_wachttijden
    app.state.bezorger = Bezorger(engine, wachttijden, interval=min([2.0, *wachttijden]))
    app.mount("/werkbank", maak_werkbank(instellingen, app.state.omgeving, engine, app.state))

    @app.get("/werkbank", include_in_schema=False)
    async def werkbank_zonder_slash() -> RedirectResponse:
        return RedirectResponse("/werkbank/", status_code=308)

    app.openapi = lambda: openapi_document(app)  # type: ignore[method-assign]
    log.info(
        "service_gestart",
        regelsets=[r.sleutel for r in bibliotheek.regelsets],
        mandaatregister=register.register.versie,
        modus=instellingen.env,
        generatie=app.state.regelwacht.generatie,
        proces=os.getpid(),
    )
    return app


def maak_app_uit_omgeving() -> FastAPI:
    """Factory for uvicorn (settings from INVORDERING_* environment variables).

    After start-up everything built so far (compiled rules, schemas, metadata: ~150,000
    objects) is moved out of the garbage collector's sight (`gc.freeze`): a full
    collection then looks at request garbage only. Without it, the collections a heavy
    decision triggers each took 60-75 ms of the GIL, during which even /v1/health waited.
    """
    from service.settings import instellingen

    app = maak_app(instellingen())
    gc.collect()
    gc.freeze()
    return app
