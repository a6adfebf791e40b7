"""The process's thread for CPU work, so the event loop stays free.

Parsing a large body, evaluating rules and rendering a decision take from microseconds to
(at the limits) a second of CPU. On the event loop that time would stall every other
request of the process, health checks included. They run here instead, one at a time
and in arrival order: the GIL lets only one thread compute anyway, the rule engine takes
one evaluation at a time per process (see engine.durable_runtime), and durable_rules is
slower when called from several threads. The event loop keeps answering meanwhile: it
gets the GIL back within the interpreter's switch interval (5 ms).
"""

from __future__ import annotations

import asyncio
import functools
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import ParamSpec, TypeVar

P = ParamSpec("P")
T = TypeVar("T")

_uitvoerder = ThreadPoolExecutor(max_workers=1, thread_name_prefix="rekenwerk")


async def op_rekenthread(functie: Callable[P, T], *args: P.args, **kwargs: P.kwargs) -> T:
    """Run `functie` on the CPU thread and await its result (or its exception)."""
    loop = asyncio.get_running_loop()
    return await loop.run_in_executor(_uitvoerder, functools.partial(functie, *args, **kwargs))
