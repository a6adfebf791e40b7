"""POST /v1/regelsets/_herladen: load the rules directory anew, without a restart (policy staff)."""

from __future__ import annotations

import os

import structlog
from fastapi import APIRouter, Request
from pydantic import BaseModel, Field

from service.api.probleemvorm import PROBLEEM_JSON
from service.api.problems import fouten
from service.api.schemas import Probleem
from service.api.security import PrincipalDep
from service.errors import NietVerwerkbaar, Verboden
from service.herladen.levensloop import herlaad_in_proces
from service.rulefiles.loading import RegelbestandFout
from service.versiebeheer import waarschuwingen as versiewaarschuwingen

router = APIRouter(tags=["regelsets"])
log = structlog.get_logger()


class RegelsetVersie(BaseModel):
    naam: str
    versie: str
    hash: str


class Herlading(BaseModel):
    generatie: int = Field(description="Volgnummer van de geladen regels; elke werker volgt het.")
    gewijzigd: bool = Field(description="Of er regelsets zijn veranderd.")
    oud: list[RegelsetVersie]
    nieuw: list[RegelsetVersie]
    waarschuwingen: list[str] = Field(
        default_factory=list,
        description="Bv. een regelset waarvan de inhoud veranderde terwijl de versie gelijk bleef.",
    )


class Regelprobleem(BaseModel):
    bestand: str
    regelnummer: int
    regelId: str
    melding: str
    tekst: str = Field(description="bestand:regel: regel-id: wat er mis is")


class HerladenGeweigerd(Probleem):
    problemen: list[Regelprobleem]


@router.post(
    "/regelsets/_herladen",
    operation_id="herlaadRegelsets",
    summary="Laad de regelmap opnieuw, zonder herstart (beleidsmedewerkers)",
    response_model=Herlading,
    responses={
        **fouten(401, 403, 500),
        422: {
            "model": HerladenGeweigerd,
            "content": {
                PROBLEEM_JSON: {"schema": {"$ref": "#/components/schemas/HerladenGeweigerd"}}
            },
            "description": "De regelmap heeft problemen (elk met bestand:regel); de lopende regels blijven.",
        },
    },
)
async def herlaad_regels(request: Request, principal: PrincipalDep) -> Herlading:
    """Eerst worden alle bestanden gecontroleerd; bij één probleem verandert er niets. Daarna
    gaat elk werkproces over op de nieuwe regelsets; lopende beslissingen eindigen op de oude.
    """
    if principal.rol != "beleid":
        raise Verboden("Alleen beleidsmedewerkers herladen de regels.")
    try:
        herlading = herlaad_in_proces(request.app.state, (principal.id, principal.rol), "api")
    except RegelbestandFout as fout:
        raise NietVerwerkbaar(
            "De regelmap heeft problemen; de lopende regels blijven gelden.",
            problemen=[p.als_json() for p in fout.problemen],
        ) from None
    log.info(
        "regels_herladen", generatie=herlading.generatie, door=principal.id, proces=os.getpid()
    )
    # Loaded all the same (the rules are sound), but say it: a changed rule set under the
    # same version cannot be told apart in the decisions' `regelset.versie`.
    waarschuwingen = versiewaarschuwingen(
        request.app.state.regelmap,
        herlading.bibliotheek.regelsets,
        request.app.state.engine.url.render_as_string(hide_password=False),
    )
    return Herlading(
        generatie=herlading.generatie,
        gewijzigd=herlading.gewijzigd,
        oud=[RegelsetVersie(**r) for r in herlading.oud],
        nieuw=[RegelsetVersie(**r) for r in herlading.nieuw],
        waarschuwingen=waarschuwingen,
    )
