"""Every query on subscriptions and the notification outbox."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from sqlalchemy import or_, update
from sqlmodel import Session, col, select

from service.storage.database import schrijfslot
from service.storage.models import Abonnement, Notificatiebezorging, nu


def abonnementen(sessie: Session, eigenaar: str | None = None) -> Sequence[Abonnement]:
    """All subscriptions (oldest first), or those of one principal."""
    query = select(Abonnement).order_by(col(Abonnement.aangemaakt_op), col(Abonnement.id))
    if eigenaar is not None:
        query = query.where(Abonnement.eigenaar == eigenaar)
    return sessie.exec(query).all()


def abonnement(sessie: Session, abonnement_id: str) -> Abonnement | None:
    return sessie.get(Abonnement, abonnement_id)


def verwijder_abonnement(sessie: Session, abonnement_id: str) -> None:
    """Delete a subscription; its pending deliveries are dropped with it."""
    with schrijfslot(sessie.get_bind().engine):
        sessie.execute(
            update(Notificatiebezorging)
            .where(
                col(Notificatiebezorging.abonnement_id) == abonnement_id,
                col(Notificatiebezorging.status) == "wachtend",
            )
            .values(status="mislukt", laatste_fout="abonnement verwijderd")
        )
        rij = sessie.get(Abonnement, abonnement_id)
        if rij is not None:
            sessie.delete(rij)
        sessie.commit()


def claim(sessie: Session, aantal: int, lease: dt.timedelta) -> list[Notificatiebezorging]:
    """Up to `aantal` due deliveries, each claimed for `lease` (another worker process skips
    them meanwhile); a claim that was not finished in time is taken over."""
    moment = nu()
    kandidaten = sessie.exec(
        select(Notificatiebezorging)
        .where(
            Notificatiebezorging.status == "wachtend",
            col(Notificatiebezorging.volgende_poging) <= moment,
            or_(
                col(Notificatiebezorging.geclaimd_tot).is_(None),
                col(Notificatiebezorging.geclaimd_tot) < moment,
            ),
        )
        .order_by(col(Notificatiebezorging.volgende_poging), col(Notificatiebezorging.id))
        .limit(aantal)
    ).all()
    geclaimd = []
    for rij in kandidaten:
        with schrijfslot(sessie.get_bind().engine):
            resultaat = sessie.execute(
                update(Notificatiebezorging)
                .where(
                    col(Notificatiebezorging.id) == rij.id,
                    col(Notificatiebezorging.status) == "wachtend",
                    or_(
                        col(Notificatiebezorging.geclaimd_tot).is_(None),
                        col(Notificatiebezorging.geclaimd_tot) < moment,
                    ),
                )
                .values(geclaimd_tot=moment + lease)
            )
            sessie.commit()
        if resultaat.rowcount == 1:  # type: ignore[attr-defined]
            geclaimd.append(rij)
    return geclaimd


def afgerond(
    sessie: Session,
    bezorging_id: str,
    bezorgd: bool,
    pogingen: int,
    volgende: dt.datetime | None,
    fout: str | None,
) -> None:
    """Record an attempt: delivered, to be retried at `volgende`, or given up (None)."""
    if bezorgd:
        waarden: dict[str, object] = {"status": "bezorgd", "bezorgd_op": nu()}
    elif volgende is None:
        waarden = {"status": "mislukt"}
    else:
        waarden = {"volgende_poging": volgende}
    with schrijfslot(sessie.get_bind().engine):
        sessie.execute(
            update(Notificatiebezorging)
            .where(col(Notificatiebezorging.id) == bezorging_id)
            .values(pogingen=pogingen, geclaimd_tot=None, laatste_fout=fout, **waarden)
        )
        sessie.commit()


def bezorgingen(
    sessie: Session, abonnement_id: str | None = None
) -> Sequence[Notificatiebezorging]:
    """The deliveries (of one subscription), oldest first."""
    query = select(Notificatiebezorging).order_by(
        col(Notificatiebezorging.aangemaakt_op), col(Notificatiebezorging.id)
    )
    if abonnement_id is not None:
        query = query.where(Notificatiebezorging.abonnement_id == abonnement_id)
    return sessie.exec(query).all()
