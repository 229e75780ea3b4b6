"""Pause Python's cycle collector around bulk work that allocates many objects and no cycles."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def paused_gc() -> Iterator[None]:
    """Disable the collector inside the block; restore its previous state after (nesting is safe).

    On the way out, the objects made inside are frozen (``gc.freeze``): they are long-lived records,
    and without it the first allocation after re-enabling pays a full collection that rescans them
    all (~0.2 s at 10,000 claims). Reference counting still frees them as usual.
    """
    was_on = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_on:
            gc.freeze()
            gc.enable()
