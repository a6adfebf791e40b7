"""The werkbank's main navigation: one entry per page, shown to whom it concerns.

A new page adds one `Menu` entry here (see the package docstring for the whole recipe).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from service.decisions import toegang
from service.decisions.context import Omgeving
from service.decisions.principals import Principal


@dataclass(frozen=True)
class Menu:
    titel: str
    route: str
    """Name of the page's route (the `name=` of its `@router.get`)."""
    zichtbaar: Callable[[Omgeving, Principal], bool] = lambda _o, _p: True


MENU: list[Menu] = [
    Menu("Te beoordelen", "te_beoordelen"),
    Menu("Mijn beslissingen", "mijn_beslissingen", lambda _o, p: toegang.mag_beslissen(p)),
    Menu(
        "Kwaliteit (PDCA)",
        "kwaliteit",
        lambda o, p: toegang.mag_kwaliteit_zien(o.register, p),
    ),
    Menu("Regels", "regels"),
]


def menu_voor(omgeving: Omgeving, principal: Principal) -> list[Menu]:
    """The entries this principal sees, in order."""
    return [m for m in MENU if m.zichtbaar(omgeving, principal)]
