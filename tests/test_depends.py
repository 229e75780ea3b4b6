"""What a page reads from the facts and what an edit changes (factkit.depends): the live preview rebuilds a page
exactly when the two meet. (tests/test_serve.py checks the whole loop against a clean build.)"""

from __future__ import annotations

import shutil
from pathlib import Path

import factkit
from factkit.depends import changes
from factkit.macros import bind
from factkit.pagescan import find_homes
from factkit.render import Renderer

WATER = Path(__file__).resolve().parent / "fixtures" / "sites" / "water"
PAGES = [("claims/", "{{ claims_index() }}"), ("sources/", "{{ sources_list() }}"), ("entities/", "{{ entities() }}")]


def load(root: Path) -> factkit.FactBase:
    facts, problems = factkit.check(root / "facts", base_dir=root, on=factkit.today("2026-11-27"))
    assert not factkit.errors(problems)
    return facts


def reads(facts: factkit.FactBase, name: str, *args: object, **kwargs: object) -> set[str]:
    """The keys a page making one macro call reads."""
    r = Renderer(facts, find_homes(PAGES))
    r.begin_page("page/")
    facts.reads.keys = set()
    bind(r, name, args, kwargs)
    found, facts.reads.keys = facts.reads.keys, None
    return found


def test_a_page_reads_the_records_it_shows_and_the_indexes_it_asks(tmp_path: Path) -> None:
    facts = load(WATER)
    claim = next(c for c in facts.claims.values() if c.citations and c.entities)
    card = reads(facts, "claim_card", claim.id)
    assert f"claim:{claim.id}" in card and "claim:*" not in card
    assert {f"source:{c.source}" for c in claim.citations} <= card
    listing = reads(facts, "claims", topic=claim.topics[0])
    assert f"topic:{claim.topics[0]}" in listing and "claim:*" not in listing
    assert reads(facts, "claim_count") == {"claim:ids"}  # a count is not rebuilt when a claim's text changes
    assert "claim:*" in reads(facts, "timeline")


def test_an_edit_touches_the_record_and_the_indexes_it_is_in(tmp_path: Path) -> None:
    shutil.copytree(WATER, tmp_path / "site")
    before = load(tmp_path / "site")
    claim = next(c for c in before.claims.values() if c.citations and c.entities)
    path = tmp_path / "site" / claim.where[0]
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace(claim.text.split()[0], claim.text.split()[0] + "x", 1), encoding="utf-8")
    after = load(tmp_path / "site")
    touched = changes(before, after)
    assert touched is not None and f"claim:{claim.id}" in touched and "claim:*" in touched
    assert "claim:ids" not in touched and not reads(after, "claim_count") & touched
    assert {f"topic:{t}" for t in claim.topics} <= touched
    assert {f"source-claims:{c.source}" for c in claim.citations} <= touched
    assert not any(key.startswith(("source:", "entity:", "publisher:")) for key in touched)
    other = next(c for c in before.claims.values() if c.id != claim.id and not set(c.topics) & set(claim.topics)
                 and not {x.source for x in c.citations} & {x.source for x in claim.citations})
    assert not reads(after, "claim", other.id) & touched  # a page showing only another claim is not rebuilt
    assert reads(after, "claim", claim.id) & touched
    assert changes(after, load(tmp_path / "site")) == set()  # loading the same files again changes nothing
    with path.open("a", encoding="utf-8") as fh:  # a claim added: the counts change
        fh.write("  - id: one-more\n    text: One more claim.\n    citations: [{source: council-minutes}]\n"
                 "    topics: [reservoir]\n    checked: 2026-11-20\n")
    added = changes(after, load(tmp_path / "site"))
    assert added is not None and reads(after, "claim_count") <= added
