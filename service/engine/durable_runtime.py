"""The only module that touches durable_rules.

It follows the measured facts in shared/engineering/durable-rules.md:
- `durable.engine.Ruleset` directly, no `Host` (no background threads, no lost actions);
- all facts of a stratum in one call to the C engine; "not handled" is a normal answer;
- the pending actions of that state are always dispatched, synchronously;
- every action is wrapped: its exception is captured and re-raised to the caller
  (durable_rules would otherwise swallow it into the state document);
- the state is deleted in `finally` (at most 1,024 live states per ruleset);
- one evaluation at a time per process (a lock); scale with processes.
"""

from __future__ import annotations

import itertools
import json
import threading
from collections.abc import Callable
from typing import Any, Protocol

import durable_rules_engine
from durable.engine import Ruleset

from service.engine.compiler import GecompileerdeRegel, GecompileerdeRegelset

_NIET_AFGEHANDELD = 1  # "no rule matched one of the facts": normal, not an error
_AL_GEZIEN = 2


class EngineFout(RuntimeError):
    """The engine itself failed (never shown to a client with its details)."""


class Werk(Protocol):
    """One evaluation in progress: supplies facts and applies fired rules."""

    def feiten(
        self, regelset: GecompileerdeRegelset, stratum: int, sid: str
    ) -> list[dict[str, Any]]: ...

    def vuur(self, regel: GecompileerdeRegel, feittype: str, index: int) -> None: ...

    def na_stratum(self, stratum: int) -> None: ...


_slot = threading.Lock()
_huidig: list[Werk | None] = [None]
_fouten: list[BaseException] = []
_volgnummer = itertools.count(1)


def _actie(regel: GecompileerdeRegel) -> Callable[[Any], None]:
    def uitvoeren(c: Any) -> None:
        werk = _huidig[0]
        if werk is None or _fouten:
            return
        try:
            werk.vuur(regel, c.m["_t"], int(c.m["_i"]))
        except BaseException as fout:  # re-raised by evalueer; durable would swallow it
            _fouten.append(fout)

    return uitvoeren


class DurableRegelset:
    """A compiled rule set registered once in this process's C engine."""

    def __init__(self, regelset: GecompileerdeRegelset) -> None:
        self.regelset = regelset
        definitie = {
            regel.id: {"all": [{"m": regel.conditie}], "run": _actie(regel)}
            for regel in regelset.regels
        }
        # A ruleset name can be registered once per process: the hash names the version.
        naam = f"{regelset.naam}-{regelset.hash[:16]}-{next(_volgnummer)}"
        self._ruleset = Ruleset(naam, None, definitie) if definitie else None

    def evalueer(self, werk: Werk) -> None:
        """Run all strata for one case; raise the first action error, if any."""
        if self._ruleset is None:
            return
        handle = self._ruleset._handle
        with _slot:
            sid = f"s{next(_volgnummer)}"
            _huidig[0] = werk
            _fouten.clear()
            engine_fouten: list[Any] = []

            def meld(fout: Any, _staat: Any) -> None:
                if fout:
                    engine_fouten.append(fout)

            try:
                for stratum in range(1, self.regelset.strata + 1):
                    feiten = werk.feiten(self.regelset, stratum, sid)
                    if not feiten:
                        continue
                    resultaat = durable_rules_engine.assert_facts(
                        handle, json.dumps(feiten, ensure_ascii=False)
                    )
                    if resultaat[0] == _AL_GEZIEN:
                        raise EngineFout("een feit werd twee keer aangeboden")
                    if resultaat[0] not in (0, _NIET_AFGEHANDELD):
                        raise EngineFout(f"engine antwoordde {resultaat[0]}")
                    engine_fouten.clear()
                    self._ruleset.do_actions(resultaat[1], meld)
                    if _fouten:
                        raise _fouten[0]
                    if engine_fouten:
                        raise EngineFout(str(engine_fouten[0]))
                    werk.na_stratum(stratum)
            finally:
                _huidig[0] = None
                _fouten.clear()
                self._ruleset.delete_state(sid)
