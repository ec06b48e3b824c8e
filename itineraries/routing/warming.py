"""The optimiser's kernel, compiled (or loaded from Numba's cache) in a background thread.

On a fresh machine the first compile takes a minute or more. The embedded server starts at once and warms
the kernel meanwhile; a plan asked for in that minute waits for it, and its progress page says why.
"""

from __future__ import annotations

import logging
import threading

log = logging.getLogger(__name__)
_ready = threading.Event()
_started = threading.Lock()
_thread: threading.Thread | None = None


def _warm() -> None:
    from itineraries.routing.solver import warm_up

    try:
        warm_up()
    except Exception:  # a plan will compile the kernel itself and report its own error
        log.exception("warming the route optimiser failed")
    finally:
        _ready.set()


def warm_in_background() -> None:
    """Start the warm-up once per process; later calls return at once."""
    global _thread
    with _started:
        if _thread is None and not _ready.is_set():
            _thread = threading.Thread(target=_warm, name="solver-warm-up", daemon=True)
            _thread.start()


def solver_ready() -> bool:
    """True once the kernel is loaded in this process, or when no warm-up was ever started here."""
    return _ready.is_set() or _thread is None


def wait_until_ready(timeout: float | None = None) -> bool:
    return _ready.wait(timeout) if _thread is not None else True
