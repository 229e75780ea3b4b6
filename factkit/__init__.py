"""factkit: the engine of a fact-checked explainer site (no MkDocs imports here).

Flow: YAML fact files -> ``load`` (records with file:line) -> ``check`` (coded rules) ->
queries on ``FactBase`` -> rendering helpers used by the site's macros.

Importing the package is cheap: the model (pydantic) is imported on first use, so that
``factkit check`` can answer from its run cache without it (see factkit.runcache).
"""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path
from typing import TYPE_CHECKING

from .problems import FactError, Problem, errors, report

if TYPE_CHECKING:
    from .loader import FileLoader
    from .store import FactBase

__all__ = ["FactBase", "FactError", "Problem", "check", "errors", "report", "today"]


def __getattr__(name: str) -> object:
    if name == "FactBase":  # imported on first use: it brings in the model and pydantic
        from .store import FactBase

        return FactBase
    raise AttributeError(f"module 'factkit' has no attribute {name!r}")


def today(value: str | None = None) -> dt.date:
    """Today's date, overridable by an argument or FACTKIT_TODAY (YYYY-MM-DD) for repeatable runs."""
    value = value or os.environ.get("FACTKIT_TODAY")
    return dt.date.fromisoformat(value) if value else dt.date.today()


def check(root: str | Path, *, base_dir: str | Path | None = None, on: dt.date | None = None,
          strict: bool = False, cache_dir: str | Path | None = None, jobs: int | None = 1,
          file_loader: FileLoader | None = None) -> tuple[FactBase, list[Problem]]:
    """Load and check a facts folder. With ``strict``, warnings count as errors.

    ``cache_dir`` (e.g. ``.factkit-cache``) keeps each file's load result so that only changed
    files are read again; ``jobs`` worker processes read the files (None: one per core). Neither
    changes the result (see factkit.cache). ``file_loader`` replaces the loading of each file
    (factkit.watch keeps results in memory).
    """
    from .checks import run_checks
    from .gcpause import paused_gc
    from .loader import load

    on = on or today()
    with paused_gc():  # tens of thousands of long-lived records: collections would only rescan them
        if file_loader is not None or (cache_dir is None and jobs == 1):
            facts, problems = load(root, base_dir=base_dir, file_loader=file_loader)
            problems += run_checks(facts, on)
        else:
            from .cache import check_cached

            facts, problems = check_cached(root, base_dir=base_dir, cache_dir=cache_dir, jobs=jobs, on=on)
    if strict:
        problems = [Problem(p.path, p.line, p.code, p.message) for p in problems]
    return facts, sorted(problems)
