"""The rule documentation served read-only to logged-in users (for /werkbank/regels/).

The router does not know how users log in: the caller passes the dependency that yields
the principal (the werkbank's session login), so this module works with any login. The
site is built once per set of loaded rule-set hashes, off the event loop.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse, Response
from starlette.concurrency import run_in_threadpool

from service.engine.library import Regelbibliotheek
from service.errors import NietGevonden
from service.regeldocs.site import bouw_site

SOORTEN = {".html": "text/html; charset=utf-8", ".css": "text/css; charset=utf-8"}


async def bibliotheek_van_app(request: Request) -> Regelbibliotheek:
    """The rule sets the app runs now (after a reload: the new ones)."""
    return request.app.state.omgeving.bibliotheek  # type: ignore[no-any-return]


def maak_router(
    principal: Callable[..., Any],
    bibliotheek: Callable[..., Any] = bibliotheek_van_app,
    gevallen: Path | None = Path("fixtures/rules"),
) -> APIRouter:
    """A router serving the documentation pages; `principal` is the login dependency.

    Mount it with a prefix ending in the site's folder, e.g.
    `app.include_router(maak_router(werkbank_principal), prefix="/werkbank/regels")`.
    Every page requires the principal; pages link relatively, so any prefix works.
    """
    router = APIRouter(include_in_schema=False)
    sites: dict[tuple[str, ...], dict[str, str]] = {}

    async def site_voor(regels: Regelbibliotheek) -> dict[str, str]:
        sleutel = tuple(sorted(r.hash for r in regels.regelsets))
        if sleutel not in sites:
            if len(sites) >= 2:  # the current and the previous version are enough
                sites.pop(next(iter(sites)))
            sites[sleutel] = await run_in_threadpool(bouw_site, regels, gevallen)
        return sites[sleutel]

    @router.get("/", response_class=HTMLResponse, name="regels")
    @router.get("/{pagina}", response_class=HTMLResponse)
    async def pagina(
        pagina: str = "index.html",
        # Plain defaults, not Annotated: the dependencies are local to this factory.
        _principal: Any = Depends(principal),  # noqa: B008
        regels: Regelbibliotheek = Depends(bibliotheek),  # noqa: B008
    ) -> Response:
        site = await site_voor(regels)
        if pagina not in site:
            raise NietGevonden(f"De pagina {pagina} bestaat niet in de regeldocumentatie.")
        soort = SOORTEN.get(Path(pagina).suffix, "text/plain; charset=utf-8")
        return Response(site[pagina], media_type=soort)

    return router
