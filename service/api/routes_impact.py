"""/v1/impactanalyses: what would a candidate rule set change in the stored decisions (policy staff)."""

from __future__ import annotations

import datetime as dt
import os
import re
import subprocess
import sys
import threading
from typing import Any

from fastapi import APIRouter, Request, Response, status
from pydantic import BaseModel, Field

from service.api.dependencies import SessionDep
from service.api.probleemvorm import PROBLEEM_JSON
from service.api.problems import fouten
from service.api.routes_herladen import HerladenGeweigerd
from service.api.security import PrincipalDep
from service.decisions.principals import Principal
from service.errors import NietGevonden, NietVerwerkbaar, OngeldigVerzoek, Verboden
from service.impact import uitvoering
from service.impact.archief import lees_archief
from service.rulefiles.loading import RegelbestandFout

router = APIRouter(prefix="/impactanalyses", tags=["impactanalyses"])
MAPNAAM = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$")


class Voortgang(BaseModel):
    beoordeeld: int
    totaal: int
    delenKlaar: int
    delen: int


class Impactanalyse(BaseModel):
    id: str
    status: str = Field(description="wachtrij | bezig | klaar | mislukt")
    aangemaaktOp: dt.datetime
    aangemaaktDoor: str
    regelsets: list[dict[str, Any]] = Field(description="De kandidaat: naam, versie, hash.")
    filter: dict[str, Any]
    voortgang: Voortgang
    rapport: dict[str, Any] | None = Field(
        default=None,
        description="Als klaar: beoordeeld, gewijzigd, perSoort (per veld hoe), regels (voor/na), "
        "voorbeelden, nietBeslisbareRedenen.",
    )
    fout: str | None = None


def _alleen_beleid(principal: Principal) -> None:
    if principal.rol != "beleid":
        raise Verboden("Impactanalyses zijn voor beleidsmedewerkers.")


def _datum(waarde: Any, naam: str) -> dt.date | None:
    if waarde in (None, ""):
        return None
    try:
        return dt.date.fromisoformat(str(waarde))
    except ValueError:
        raise OngeldigVerzoek(
            "Ongeldige datum.",
            invalidParams=[{"name": naam, "reason": "JJJJ-MM-DD", "code": "date"}],
        ) from None


async def _kandidaat(request: Request) -> tuple[dict[str, str], dict[str, Any]]:
    """The candidate files and the filter, from a multipart upload or a JSON body."""
    soort = request.headers.get("content-type", "").split(";")[0].strip()
    if soort == "multipart/form-data":
        formulier = await request.form()
        archief = formulier.get("archief")
        if archief is None or isinstance(archief, str):
            raise OngeldigVerzoek(
                "Stuur de kandidaat als bestand in het veld 'archief'.",
                invalidParams=[{"name": "archief", "reason": "verplicht", "code": "missing"}],
            )
        bestanden = lees_archief(await archief.read())
        velden: dict[str, Any] = {k: v for k, v in formulier.items() if isinstance(v, str)}
    elif soort == "application/json":
        try:
            velden = dict(await request.json())
        except (ValueError, TypeError):
            raise OngeldigVerzoek("De body is geen JSON-object.") from None
        bestanden = _uit_map(request, velden.get("map"))
    else:
        raise OngeldigVerzoek("Stuur multipart/form-data (archief) of application/json (map).")
    try:
        filter = uitvoering.filter_van(
            velden.get("soort") or None,
            _datum(velden.get("van"), "van"),
            _datum(velden.get("tot"), "tot"),
        )
    except uitvoering.Filterfout as fout:
        raise _ongeldig_filter(fout) from None
    return bestanden, filter


def _ongeldig_filter(fout: uitvoering.Filterfout) -> OngeldigVerzoek:
    return OngeldigVerzoek(
        "Dit filter selecteert geen enkele beslissing.",
        invalidParams=[{"name": fout.naam, "reason": fout.reden, "code": "filter"}],
    )


def _uit_map(request: Request, naam: Any) -> dict[str, str]:
    wortel = request.app.state.kandidatenmap
    if wortel is None:
        raise OngeldigVerzoek("Er is geen kandidatenmap ingesteld (INVORDERING_KANDIDATEN_DIR).")
    if not isinstance(naam, str) or not MAPNAAM.match(naam) or naam in (".", ".."):
        raise OngeldigVerzoek(
            "Ongeldige mapnaam.",
            invalidParams=[{"name": "map", "reason": "letters, cijfers, . _ -", "code": "pattern"}],
        )
    map = (wortel / naam).resolve()
    if map.parent != wortel.resolve() or not map.is_dir():
        raise NietGevonden(f"De kandidatenmap heeft geen map '{naam}'.")
    try:
        return uitvoering.lees_kandidaat(map)
    except RegelbestandFout as fout:
        raise OngeldigVerzoek(str(fout)) from None


def _start_op_achtergrond(request: Request, analyse_id: str) -> None:
    """The analysis runs in its own processes (one per core), not in this API worker."""
    env = {
        **os.environ,
        "INVORDERING_DATABASE_URL": uitvoering.database_url(request.app.state.engine),
    }
    proces = subprocess.Popen(
        [sys.executable, "-m", "service.impact", "--analyse", analyse_id],
        env=env,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        start_new_session=True,
    )
    threading.Thread(target=proces.wait, daemon=True).start()  # reap it when it ends
    request.app.state.impactprocessen = [
        p for p in getattr(request.app.state, "impactprocessen", []) if p.poll() is None
    ] + [proces]


def _als_uit(request: Request, analyse: uitvoering.Impactanalyse) -> Impactanalyse:
    verwerkt, klaar, delen = uitvoering.voortgang(request.app.state.engine, analyse.id)
    return Impactanalyse(
        id=analyse.id,
        status=analyse.status,
        aangemaaktOp=analyse.aangemaakt_op,
        aangemaaktDoor=analyse.aangemaakt_door,
        regelsets=analyse.regelsets,
        filter={k: v for k, v in analyse.filter.items() if k in ("soort", "van", "totEnMet")},
        voortgang=Voortgang(
            beoordeeld=verwerkt, totaal=analyse.totaal, delenKlaar=klaar, delen=delen
        ),
        rapport=analyse.rapport,
        fout=analyse.fout,
    )


@router.post(
    "",
    operation_id="startImpactanalyse",
    summary="Start een impactanalyse van kandidaat-regels over de opgeslagen beslissingen",
    status_code=status.HTTP_202_ACCEPTED,
    response_model=Impactanalyse,
    responses={
        **fouten(400, 401, 403, 404, 500),
        422: {
            "model": HerladenGeweigerd,
            "content": {
                PROBLEEM_JSON: {"schema": {"$ref": "#/components/schemas/HerladenGeweigerd"}}
            },
            "description": "De kandidaat-regels hebben problemen (elk met bestand:regel).",
        },
    },
    openapi_extra={
        "requestBody": {
            "required": True,
            "content": {
                "multipart/form-data": {
                    "schema": {
                        "type": "object",
                        "required": ["archief"],
                        "properties": {
                            "archief": {
                                "type": "string",
                                "format": "binary",
                                "description": ".tar.gz of .zip van een regelmap",
                            },
                            "soort": {"type": "string"},
                            "van": {"type": "string", "format": "date"},
                            "tot": {"type": "string", "format": "date"},
                        },
                    }
                },
                "application/json": {
                    "schema": {
                        "type": "object",
                        "required": ["map"],
                        "properties": {
                            "map": {
                                "type": "string",
                                "description": "Map onder INVORDERING_KANDIDATEN_DIR",
                            },
                            "soort": {"type": "string"},
                            "van": {"type": "string", "format": "date"},
                            "tot": {"type": "string", "format": "date"},
                        },
                    }
                },
            },
        }
    },
)
async def start(request: Request, principal: PrincipalDep, response: Response) -> Impactanalyse:
    """202 met de statusresource; vraag de Location op tot `status` klaar is."""
    _alleen_beleid(principal)
    bestanden, filter = await _kandidaat(request)
    try:
        analyse = uitvoering.maak_analyse(request.app.state.engine, bestanden, filter, principal.id)
    except RegelbestandFout as fout:
        raise NietVerwerkbaar(
            "De kandidaat-regels hebben problemen.",
            problemen=[p.als_json() for p in fout.problemen],
        ) from None
    except uitvoering.Filterfout as fout:
        raise _ongeldig_filter(fout) from None
    _start_op_achtergrond(request, analyse.id)
    response.headers["Location"] = f"/v1/impactanalyses/{analyse.id}"
    return _als_uit(request, analyse)


@router.get(
    "/{analyse_id}",
    operation_id="leesImpactanalyse",
    summary="Status, voortgang en (als klaar) het rapport van een impactanalyse",
    response_model=Impactanalyse,
    responses=fouten(401, 403, 404, 500),
)
async def lees(
    analyse_id: str, request: Request, principal: PrincipalDep, sessie: SessionDep
) -> Impactanalyse:
    _alleen_beleid(principal)
    analyse = uitvoering.haal_analyse(sessie, analyse_id)
    if analyse is None:
        raise NietGevonden(f"Impactanalyse {analyse_id} bestaat niet.")
    return _als_uit(request, analyse)
