"""Delivering the stored notifications, in a background thread per worker process.

Off the request path: a review only stores its notification rows (in the transaction of the
verdict, so a verdict never goes without its notification, nor the reverse) and wakes this
thread. The thread claims due rows (a lease, so two workers never send the same row at the
same time), POSTs each to its callback (signed, with the subscription's Authorization),
and records the outcome: delivered on a 2xx; otherwise retried after the next wait of
`wachttijden`, and given up after the last. Pending rows survive a restart: a new process
finds them in the database.
"""

from __future__ import annotations

import datetime as dt
import json
import threading
import time

import httpx
import structlog
from sqlalchemy.engine import Engine
from sqlmodel import Session

from service.storage import notificaties as opslag
from service.storage.models import Notificatiebezorging, nu
from service.zgw.notificatie import onderteken

log = structlog.get_logger()
LEASE = dt.timedelta(seconds=60)
_wekker = threading.Event()


def wek() -> None:
    """New notifications are stored: deliver now rather than at the next poll."""
    _wekker.set()


class Bezorger:
    """The delivery thread of one process and database."""

    def __init__(
        self,
        engine: Engine,
        wachttijden: list[float],
        interval: float = 2.0,
        timeout: float = 10.0,
    ) -> None:
        self.engine = engine
        self.wachttijden = wachttijden
        self.interval = interval
        self._client = httpx.Client(timeout=timeout, follow_redirects=False)
        self._stop = threading.Event()
        self._draad: threading.Thread | None = None

    def start(self) -> None:
        if self._draad is None or not self._draad.is_alive():
            self._stop.clear()
            self._draad = threading.Thread(target=self._loop, name="bezorger", daemon=True)
            self._draad.start()

    def stop(self) -> None:
        self._stop.set()
        _wekker.set()
        if self._draad is not None:
            self._draad.join(timeout=15)

    def _loop(self) -> None:
        while not self._stop.is_set():
            try:
                while not self._stop.is_set() and self.ronde():
                    pass
            except Exception as fout:  # a database hiccup must not end the deliveries
                log.warning("bezorging_fout", fout=type(fout).__name__)
            _wekker.wait(self.interval)
            _wekker.clear()

    def ronde(self, aantal: int = 20) -> int:
        """Deliver the due notifications once; returns how many were attempted."""
        with Session(self.engine, expire_on_commit=False) as sessie:
            geclaimd = opslag.claim(sessie, aantal, LEASE)
            for bezorging in geclaimd:
                self._bezorg(sessie, bezorging)
        return len(geclaimd)

    def _bezorg(self, sessie: Session, bezorging: Notificatiebezorging) -> None:
        abonnement = opslag.abonnement(sessie, bezorging.abonnement_id)
        pogingen = bezorging.pogingen + 1
        if abonnement is None:
            opslag.afgerond(sessie, bezorging.id, False, pogingen, None, "abonnement bestaat niet")
            return
        inhoud = json.dumps(bezorging.inhoud, ensure_ascii=False, separators=(",", ":")).encode()
        tijdstip = int(time.time())
        headers = {
            "Content-Type": "application/json",
            "webhook-id": bezorging.id,
            "webhook-timestamp": str(tijdstip),
            "webhook-signature": onderteken(abonnement.geheim, bezorging.id, tijdstip, inhoud),
        }
        if abonnement.auth:
            headers["Authorization"] = abonnement.auth
        fout: str | None = None
        try:
            antwoord = self._client.post(abonnement.callback_url, content=inhoud, headers=headers)
            if not 200 <= antwoord.status_code < 300:
                fout = f"HTTP {antwoord.status_code}"
        except httpx.HTTPError as uitzondering:
            fout = type(uitzondering).__name__
        if fout is None:
            opslag.afgerond(sessie, bezorging.id, True, pogingen, None, None)
            return
        volgende = None
        if pogingen <= len(self.wachttijden):
            volgende = nu() + dt.timedelta(seconds=self.wachttijden[pogingen - 1])
        opslag.afgerond(sessie, bezorging.id, False, pogingen, volgende, fout)
        log.info("notificatie_niet_bezorgd", bezorging=bezorging.id, poging=pogingen, fout=fout)
