"""Memory stays flat across rebuilds in one process (as under ``mkdocs serve``): nothing is kept from one
build to the next, nothing is frozen out of the collector's reach."""

from __future__ import annotations

import gc
import json
import os
import subprocess
import sys
from pathlib import Path

from factkit.site import Settings, Site, page_url

WATER = Path(__file__).resolve().parent / "fixtures" / "sites" / "water"


def rebuild(pages: list[tuple[str, str]]) -> None:
    """What a host does for one build: open the site, then every page's macros, then the steps after."""
    site = Site.open(WATER, Settings(topics={"reservoir": "The reservoir"}, environ={}), pages)  # not a publication
    for url, _ in pages:
        site.begin_page(url, "docs/" + url)
        for name in ("claims_index", "sources_list", "timeline", "entities", "article_review", "coverage"):
            site.call(name, (), {})
        assert site.take_errors() == []


def object_counts(builds: int) -> list[int]:
    """The number of objects the collector tracks after each of `builds` rebuilds of the water site."""
    docs = WATER / "docs"
    pages = [(page_url(p.relative_to(docs).as_posix()), p.read_text(encoding="utf-8"))
             for p in sorted(docs.glob("*.md"))]
    counts = []
    for _ in range(builds):
        rebuild(pages)
        gc.collect()
        counts.append(len(gc.get_objects()))
    assert gc.get_freeze_count() == 0
    return counts


def test_fifty_rebuilds_keep_the_object_count_flat() -> None:
    # In a process of its own, as `mkdocs serve` is: a test worker's heap (every site the other tests read) made
    # each of the fifty collections take about a second.
    script = f"import json, sys; sys.path.insert(0, {str(Path(__file__).parent)!r}); import test_memory; " \
             "print(json.dumps(test_memory.object_counts(50)))"
    run = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=False,
                         env={**os.environ, "FACTKIT_TODAY": "2026-11-27"})
    assert run.returncode == 0, run.stderr
    counts = json.loads(run.stdout)
    assert len(counts) == 50
    # after the first few builds (imports, memoised dates and text), the count no longer grows: one object kept
    # per build would add 40
    assert max(counts[10:]) - counts[10] <= 20, counts[::5]
