"""The site's own facts/ pass the check with zero errors and zero warnings (as `make check` on 2026-12-01).

Skipped only while facts/ holds no fact file at all (a fresh clone of the skeleton)."""

from __future__ import annotations

from pathlib import Path

import pytest

import factkit
from factkit.loader import fact_files

REPO = Path(__file__).resolve().parent.parent
FACTS = REPO / "facts"


def test_real_facts_have_no_problems(monkeypatch: pytest.MonkeyPatch) -> None:
    if not FACTS.is_dir() or not fact_files(FACTS):
        pytest.skip("facts/ has no fact files yet")
    monkeypatch.setenv("FACTKIT_TODAY", "2026-12-01")
    facts, problems = factkit.check(FACTS, base_dir=REPO, strict=True)
    assert problems == [], "\n" + factkit.report(problems, github=False)
    assert facts.claims and facts.sources
    assert facts.review is not None, "the site reviews one article"
