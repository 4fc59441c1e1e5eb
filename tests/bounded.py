"""Run a call in a forked child with a time limit, so a test of "it always ends" fails
instead of hanging the suite.  The bound is generous: it catches a hang, it is no speed test."""
from __future__ import annotations

import multiprocessing as mp
import traceback


def _child(conn, fn, args, kwargs):
    try:
        conn.send(("ok", fn(*args, **kwargs)))
    except BaseException as exc:  # noqa: BLE001 - reported to the parent, which re-raises
        conn.send(("error", f"{type(exc).__name__}: {exc}\n{traceback.format_exc()}"))
    finally:
        conn.close()


def run_bounded(seconds: float, fn, *args, **kwargs):
    """fn(*args, **kwargs) in a fork; its result, or AssertionError when it runs over `seconds`."""
    ctx = mp.get_context("fork")
    parent, child = ctx.Pipe(duplex=False)
    proc = ctx.Process(target=_child, args=(child, fn, args, kwargs), daemon=True)
    proc.start()
    child.close()
    try:
        if not parent.poll(seconds):
            raise AssertionError(f"{getattr(fn, '__name__', fn)} did not end within {seconds} s")
        status, value = parent.recv()
    finally:
        if proc.is_alive():
            proc.kill()
        proc.join(5)
        parent.close()
    if status == "error":
        raise AssertionError(f"{getattr(fn, '__name__', fn)} raised {value}")
    return value
