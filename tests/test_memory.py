"""Memory stays flat across rebuilds in one process (as under ``mkdocs serve``): nothing is kept from one
build to the next, nothing is frozen out of the collector's reach."""

from __future__ import annotations

import gc
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


def test_fifty_rebuilds_keep_the_object_count_flat(monkeypatch) -> None:
    monkeypatch.setenv("FACTKIT_TODAY", "2026-11-27")
    docs = WATER / "docs"
    pages = [(page_url(p.relative_to(docs).as_posix()), p.read_text(encoding="utf-8"))
             for p in sorted(docs.glob("*.md"))]
    counts = []
    for _ in range(50):
        rebuild(pages)
        gc.collect()
        counts.append(len(gc.get_objects()))
    assert gc.get_freeze_count() == 0
    # after the first few builds (imports, memoised dates and text), the count no longer grows
    assert max(counts[10:]) - counts[10] <= 50, counts[::5]
