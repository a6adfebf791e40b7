"""Who may see, decide and review which decision: the one place that answers it.

The API, the werkbank and every list ask this module; nothing else decides about access.

- beleid (policy staff): sees every decision; decides and reviews nothing.
- systeem (a case system): sees the decisions it requested; decides for a named
  behandelaar; reviews nothing.
- medewerker: sees its own decisions and those whose required role is at or below its
  own mandate role; decides as itself; reviews as below.

A medewerker reviews a decision when it awaits a verdict (review required, none given:
else 409), is not its own (neither behandelaar nor requester: four eyes, 403), and its
required role is at or below the medewerker's mandate role (403; no role covers the
amount: escalate outside the service, 403). The mandate roles and their order come from
the mandate register (data), never from code.

The list functions return query specifications (`Zichtbaarheid`, `Wachtrij`) that the
repository turns into SQL; `mag_zien` evaluates the very same specification in Python,
so a single decision and a list can never disagree.
"""

from __future__ import annotations

from service.decisions.principals import Principal, Principalregister
from service.errors import Conflict, OngeldigVerzoek, ServiceFout, Verboden
from service.mandates.register import GeladenRegister
from service.storage.models import Beoordeling, Beslissing
from service.storage.repository import Wachtrij, Zichtbaarheid, status_van


def zichtbaarheid(register: GeladenRegister, principal: Principal) -> Zichtbaarheid:
    """Which decisions `principal` may see, as a specification for the repository."""
    if principal.rol == "beleid":
        return Zichtbaarheid(alles=True)
    if principal.rol == "systeem":
        return Zichtbaarheid(aangemaakt_door=principal.id)
    rang = register.rang(principal.mandaatrol)
    return Zichtbaarheid(
        behandelaar=principal.id, rollen=tuple(register.register.rollen[: rang + 1])
    )


def eigen(principal: Principal) -> Zichtbaarheid:
    """The principal's own decisions: a system's requests, a medewerker's cases.

    Always a subset of `zichtbaarheid`; policy staff have none.
    """
    if principal.rol == "beleid":
        return Zichtbaarheid()
    if principal.rol == "systeem":
        return Zichtbaarheid(aangemaakt_door=principal.id)
    return Zichtbaarheid(behandelaar=principal.id)


def voldoet(beslissing: Beslissing, z: Zichtbaarheid) -> bool:
    """Whether one decision falls within a specification (the repository's SQL, in Python)."""
    return (
        z.alles
        or (z.aangemaakt_door is not None and beslissing.aangemaakt_door == z.aangemaakt_door)
        or (z.behandelaar is not None and beslissing.behandelaar == z.behandelaar)
        or (beslissing.vereiste_rol is not None and beslissing.vereiste_rol in z.rollen)
    )


def mag_zien(register: GeladenRegister, principal: Principal, beslissing: Beslissing) -> bool:
    """May `principal` read this decision (and its reviews and audit trail)?"""
    return voldoet(beslissing, zichtbaarheid(register, principal))


def mag_beslissen(principal: Principal) -> bool:
    """Systems and medewerkers ask for decisions; policy staff do not."""
    return principal.rol in ("systeem", "medewerker")


def behandelaar_voor(
    principal: Principal, gevraagd: str | None, principals: Principalregister
) -> str:
    """The behandelaar a decision is taken for, or the refusal.

    Raises Verboden (policy staff; a medewerker naming someone else) and OngeldigVerzoek
    (a system that names no behandelaar, or one that is not a known medewerker of its own
    organisation).
    """
    if not mag_beslissen(principal):
        raise Verboden("Beleidsmedewerkers lezen regels en beslissingen, maar beslissen niet.")
    if principal.rol == "systeem":
        if not gevraagd:
            raise OngeldigVerzoek(
                "Een zaaksysteem moet de behandelaar noemen.",
                invalidParams=[
                    {
                        "name": "behandelaar",
                        "reason": "verplicht voor een systeem",
                        "code": "missing",
                    }
                ],
            )
        bekend = principals.op_id(gevraagd)
        if (
            bekend is None
            or bekend.rol != "medewerker"
            or bekend.organisatie != principal.organisatie
        ):
            raise OngeldigVerzoek(
                "De behandelaar is geen bekende medewerker van uw organisatie.",
                invalidParams=[
                    {
                        "name": "behandelaar",
                        "reason": "geen bekende medewerker van de organisatie van het zaaksysteem",
                        "code": "onbekend",
                    }
                ],
            )
        return gevraagd
    if gevraagd and gevraagd != principal.id:
        raise Verboden("Een medewerker beslist als zichzelf; laat 'behandelaar' weg.")
    return principal.id


def beoordelingsbezwaar(
    register: GeladenRegister,
    principal: Principal,
    beslissing: Beslissing,
    beoordeling: Beoordeling | None,
) -> ServiceFout | None:
    """Why `principal` may not give a verdict on this decision now; None when it may.

    The answer is the error to raise (403 Verboden or 409 Conflict), in the order the API
    has always checked: role, status, four eyes, mandate.
    """
    if principal.rol != "medewerker":
        return Verboden("Alleen medewerkers met mandaat beoordelen beslissingen.")
    if not beslissing.beoordeling_vereist or beoordeling is not None:
        status = status_van(beslissing, beoordeling)
        return Conflict(f"Deze beslissing wacht niet op een beoordeling (status: {status}).")
    if principal.id in (beslissing.behandelaar, beslissing.aangemaakt_door):
        return Verboden("Niemand beoordeelt zijn eigen beslissing (vier ogen).")
    vereist = beslissing.vereiste_rol
    if vereist is None:
        return Verboden(
            "Geen rol in het mandaatregister dekt dit bedrag: escaleren buiten de service."
        )
    if register.rang(principal.mandaatrol) < register.rang(vereist):
        return Verboden(f"Voor deze beslissing is ten minste de rol {vereist} nodig.")
    return None


def mag_beoordelen(
    register: GeladenRegister,
    principal: Principal,
    beslissing: Beslissing,
    beoordeling: Beoordeling | None,
) -> bool:
    """May `principal` approve or reject this decision now?"""
    return beoordelingsbezwaar(register, principal, beslissing, beoordeling) is None


def wachtrij(register: GeladenRegister, principal: Principal) -> Wachtrij | None:
    """The decisions `principal` may review now, as a specification; None if it reviews none.

    Exactly the open decisions for which `beoordelingsbezwaar` is None.
    """
    if principal.rol != "medewerker":
        return None
    rang = register.rang(principal.mandaatrol)
    if rang < 0:
        return None
    return Wachtrij(niet_van=principal.id, rollen=tuple(register.register.rollen[: rang + 1]))


def mag_statistieken_zien(principal: Principal) -> bool:
    """The review figures (GET /v1/statistieken) are for people, not for case systems."""
    return principal.rol in ("medewerker", "beleid")


def mag_kwaliteit_zien(register: GeladenRegister, principal: Principal) -> bool:
    """The quality page (PDCA): policy staff, and medewerkers from the register's
    `kwaliteitVanafRol` up (none when the register names no such role)."""
    if principal.rol == "beleid":
        return True
    vanaf = register.register.kwaliteitVanafRol
    if principal.rol != "medewerker" or vanaf is None:
        return False
    return register.rang(principal.mandaatrol) >= register.rang(vanaf)
