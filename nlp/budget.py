"""A per-article time budget, so one article can never stall a crawl or a batch.

`nlp.extract` runs each article inside `deadline(seconds)`.  The extraction checks it
cooperatively (`check()`): between pipeline components, between the pieces underthesea
segments and inside the officials parser's token loop.  A check past the deadline raises
`BudgetExceeded`, whose message says where it stopped.

A single regex call cannot check; CPython's `re` does, however, run pending signal
handlers while it matches (a SIGALRM handler interrupts a running `re.match`), so in the
main thread, when nobody else handles SIGALRM, an interval timer set a little past the
deadline raises the same exception as a backstop.  Elsewhere (another thread, a handler
already installed) only the cooperative checks apply.
"""
from __future__ import annotations

import contextlib
import signal
import threading
import time

BACKSTOP_GRACE = 1.0  # seconds after the deadline before the timer interrupts whatever runs


class BudgetExceeded(Exception):
    """An article's extraction ran over its time budget."""


_deadline: float | None = None
_seconds: float | None = None


def check(where: str = "") -> None:
    """Raise BudgetExceeded when the current article is past its deadline."""
    if _deadline is not None and time.monotonic() > _deadline:
        raise BudgetExceeded(f"over the {_seconds:g} s extraction budget" + (f" (in {where})" if where else ""))


def _alarm(signum, frame):  # pragma: no cover - timing dependent
    raise BudgetExceeded(f"over the {_seconds:g} s extraction budget (interrupted)")


@contextlib.contextmanager
def deadline(seconds: float | None):
    """Run the block under a budget of `seconds` (None or <= 0: no budget)."""
    global _deadline, _seconds
    if not seconds or seconds <= 0:
        yield
        return
    saved = (_deadline, _seconds)
    _deadline, _seconds = time.monotonic() + seconds, seconds
    backstop = (threading.current_thread() is threading.main_thread()
                and signal.getsignal(signal.SIGALRM) in (signal.SIG_DFL, None)
                and signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0))
    if backstop:
        signal.signal(signal.SIGALRM, _alarm)
        signal.setitimer(signal.ITIMER_REAL, seconds + BACKSTOP_GRACE)
    try:
        yield
    finally:
        if backstop:
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, signal.SIG_DFL)
        _deadline, _seconds = saved
