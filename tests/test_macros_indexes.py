"""Filtered macros (timeline/claims by topic or entity) read the indexes and give what a full scan gives."""

from __future__ import annotations

from pathlib import Path

import pytest

from factkit.render import claims as rclaims
from factkit.render import pages

REPO = Path(__file__).resolve().parent.parent


class _Env:
    def __init__(self, root: Path, docs: Path) -> None:
        self.conf = {"extra": {"factkit": {"facts_dir": "facts"}}, "config_file_path": str(root / "mkdocs.yml"),
                     "docs_dir": str(docs), "site_dir": str(root / "site"), "use_directory_urls": True,
                     "site_url": ""}
        self.macros: dict = {}

    def macro(self, fn, name):
        self.macros[name] = fn


@pytest.fixture()
def env(tmp_path, monkeypatch):
    import shutil

    from macros import site

    monkeypatch.setenv("FACTKIT_TODAY", "2026-11-27")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    shutil.copytree(REPO / "facts", tmp_path / "facts")
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "claims.md").write_text("{{ claims_index() }}\n{{ sources_list() }}\n")
    e = _Env(tmp_path, tmp_path / "docs")
    site.define_env(e)
    assert (tmp_path / ".factkit-cache").is_dir()  # the build uses the fact cache
    return e, site.STATE["renderer"]


def test_filtered_macros_match_a_full_scan(env):
    e, r = env
    facts = r.facts
    topics = sorted({t for c in facts.claims.values() for t in c.topics})[:4]
    people = sorted(facts.claims_by_entity)[:4]
    assert topics and people
    for topic in topics:
        for entity in [None, *people]:
            r.begin_page("x/")
            got = e.macros["timeline"](topic=topic, entity=entity)
            r.begin_page("x/")
            want = pages.timeline(r, [c for c in facts.timeline
                                      if topic in c.topics and (entity is None or entity in c.entities)])
            assert got == want
    for entity in people:
        r.begin_page("x/")
        got = e.macros["claims"](entity=entity)
        r.begin_page("x/")
        assert got == rclaims.claim_cards(r, [c for c in facts.claims.values() if entity in c.entities])
        r.begin_page("x/")
        got = e.macros["timeline"](entity=entity)
        r.begin_page("x/")
        assert got == pages.timeline(r, [c for c in facts.timeline if entity in c.entities])
