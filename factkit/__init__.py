"""factkit: the engine of a fact-checked explainer site (no MkDocs imports here).

Flow: YAML fact files -> ``load`` (records with file:line) -> ``check`` (coded rules) ->
queries on ``FactBase`` -> rendering helpers used by the site's macros.

Importing the package is cheap: the model (pydantic) is imported on first use, so that
``factkit check`` can answer from its run cache without it (see factkit.cache).
"""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path
from typing import TYPE_CHECKING

from .problems import FactError, Problem, errors, report

if TYPE_CHECKING:
    from .loader import FileReader
    from .store import FactBase

__all__ = ["FactBase", "FactError", "Problem", "check", "errors", "report", "today"]


def __getattr__(name: str) -> object:
    if name == "FactBase":  # imported on first use: it brings in the model and pydantic
        from .store import FactBase

        return FactBase
    raise AttributeError(f"module 'factkit' has no attribute {name!r}")


def today(value: str | None = None) -> dt.date:
    """Today's date, overridable by an argument or FACTKIT_TODAY (YYYY-MM-DD) for repeatable runs."""
    given, value = ("--today" if value else "FACTKIT_TODAY"), value or os.environ.get("FACTKIT_TODAY")
    try:
        return dt.date.fromisoformat(value) if value else dt.date.today()
    except ValueError as exc:
        raise ValueError(f"{given} is '{value}', which is not a day ({exc}); write it as YYYY-MM-DD") from None


def check(root: str | Path, *, base_dir: str | Path | None = None, on: dt.date | None = None,
          strict: bool = False, reader: FileReader | None = None) -> tuple[FactBase, list[Problem]]:
    """Load and check a facts folder. With ``strict``, warnings count as errors.

    ``reader`` replaces the reading of each file (factkit.watch keeps results in memory); it does not
    change the result.
    """
    import gc

    from .checks import run_checks
    from .loader import load, read_file

    collecting = gc.isenabled()
    gc.disable()  # tens of thousands of new objects and no cycles: collections would only rescan them
    try:
        facts, problems = load(root, base_dir=base_dir, reader=reader or read_file)
        problems += run_checks(facts, on or today())
    finally:
        if collecting:
            gc.enable()
    if strict:
        problems = [Problem(p.path, p.line, p.code, p.message) for p in problems]
    return facts, sorted(problems)
