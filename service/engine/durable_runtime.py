"""The only module that touches durable_rules.

It follows facts measured on durable-rules 2.0.28 (jruizgit/rules, issues #58 and #291):
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
from typing import Any, Protocol

import durable_rules_engine
import orjson
from durable.engine import Ruleset

from service.engine.compiled import GecompileerdeRegel, GecompileerdeRegelset

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
_volgnummer = itertools.count(1)


def _json(feiten: list[dict[str, Any]]) -> str:
    """Facts as JSON text for the C engine (orjson: the encoding was a tenth of the work)."""
    try:
        return orjson.dumps(feiten).decode()
    except TypeError:  # an integer beyond 64 bits: the standard library writes it
        return json.dumps(feiten, ensure_ascii=False)


def _nooit(_c: Any) -> None:  # pragma: no cover - actions are dispatched by DurableRegelset
    raise EngineFout("acties lopen via DurableRegelset.evalueer")


class DurableRegelset:
    """A compiled rule set registered once in this process's C engine.

    Matching is durable_rules' (the Rete network in C). The pending actions of a state are
    dispatched here, directly on the C binding, rather than through the Python wrapper's
    `_flush_actions`: that wrapper re-serialises the state after every action, drops an
    action that ran longer than 10 s, and swallows exceptions. Here an action's exception
    abandons the action and reaches the caller unchanged.
    """

    def __init__(self, regelset: GecompileerdeRegelset) -> None:
        self.regelset = regelset
        self._regels = {regel.id: regel for regel in regelset.regels}
        definitie = {
            regel.id: {"all": [{"m": regel.conditie}], "run": _nooit} for regel in regelset.regels
        }
        # A ruleset name can be registered once per process: the hash names the version.
        naam = f"{regelset.naam}-{regelset.hash[:16]}-{next(_volgnummer)}"
        self._ruleset = Ruleset(naam, None, definitie) if definitie else None

    def _voer_acties_uit(self, handle: Any, staat: Any, werk: Werk) -> None:
        """Run every pending action of the state, one at a time, until none is left."""
        resultaat = durable_rules_engine.start_action_for_state(handle, staat)
        bericht = orjson.loads(resultaat[1]) if resultaat else None
        while bericht:
            try:
                for regel_id, inhoud in bericht.items():
                    feit = inhoud["m"]
                    werk.vuur(self._regels[regel_id], feit["_t"], int(feit["_i"]))
            except BaseException:
                durable_rules_engine.abandon_action(handle, staat)
                raise
            volgende = durable_rules_engine.complete_and_start_action(handle, staat)
            bericht = orjson.loads(volgende) if volgende else None

    def evalueer(self, werk: Werk) -> None:
        """Run all strata for one case; raise the first action error, if any."""
        if self._ruleset is None:
            return
        handle = self._ruleset._handle
        with _slot:
            sid = f"s{next(_volgnummer)}"
            bestaat = False  # the engine makes a state at the first asserted fact
            try:
                for stratum in range(1, self.regelset.strata + 1):
                    feiten = werk.feiten(self.regelset, stratum, sid)
                    if not feiten:
                        continue
                    bestaat = True
                    resultaat = durable_rules_engine.assert_facts(handle, _json(feiten))
                    if resultaat[0] == _AL_GEZIEN:
                        raise EngineFout("een feit werd twee keer aangeboden")
                    if resultaat[0] not in (0, _NIET_AFGEHANDELD):
                        raise EngineFout(f"engine antwoordde {resultaat[0]}")
                    self._voer_acties_uit(handle, resultaat[1], werk)
                    werk.na_stratum(stratum)
            finally:
                # No fact at all (e.g. an empty list of claims): no state, nothing to delete
                # (deleting it anyway is error 309, which masked the real outcome as a 500).
                if bestaat:
                    self._ruleset.delete_state(sid)
