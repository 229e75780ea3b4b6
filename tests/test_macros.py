"""The macros pages call: every argument is checked (a test walks every macro), filters match a full scan,
the calls a page makes are found by Jinja's parser, and a bad call names its page and line."""

from __future__ import annotations

from pathlib import Path

import pytest

import factkit
from factkit.macros import MACROS, MacroError, bind, kinds
from factkit.pagescan import find_homes, macro_calls
from factkit.render import Renderer, pages
from factkit.render import claims as rclaims

WATER = Path(__file__).resolve().parent / "fixtures" / "sites" / "water"
REPO = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def r() -> Renderer:
    facts, problems = factkit.check(REPO / "facts", base_dir=REPO, on=factkit.today("2026-12-01"))
    assert not factkit.errors(problems)
    renderer = Renderer(facts, find_homes([("claims/", "{{ claims_index() }}"), ("sources/", "{{ sources_list() }}")]))
    renderer.begin_page("x/")
    return renderer


def good_value(r: Renderer, kind: str) -> object:
    facts = r.facts
    dated = next(c.id for c in facts.claims.values() if c.date is not None)
    with_terms = next(e.id for e in facts.entities.values() if e.terms and e.terms.signed and e.terms.term_years
                      and e.terms.renewal_years)
    return {"claim id": dated, "source id": next(iter(facts.sources)), "entity id": with_terms,
            "topic": next(iter(facts.claims_by_topic)), "verdict": "accurate", "verdicts": ["accurate"],
            "entity kind": "person", "publisher id": next(iter(facts.publishers)), "number": 1, "text": "x"}[kind]


def typo(value: object) -> object:
    return [typo(value[0])] if isinstance(value, list) else str(value)[:-1] + "q"


@pytest.mark.parametrize("name", sorted(MACROS))
def test_every_macro_rejects_a_misspelled_argument_name_and_value(r: Renderer, name: str) -> None:
    declared = kinds(MACROS[name])
    good = {key: good_value(r, kind) for key, kind in declared.items()}
    required = {k: v for k, v in good.items() if MACROS[name].__defaults__ is None
                or k in list(declared)[: len(declared) - len(MACROS[name].__defaults__ or ())]}
    bind(r, name, (), required)  # the well-formed call works
    with pytest.raises(MacroError) as bad_name:
        bind(r, name, (), {**required, "zzq": 1})
    assert bad_name.value.code == "unknown-argument"
    for key, kind in declared.items():
        if kind in ("text", "number"):
            continue
        with pytest.raises(MacroError) as bad_value:
            bind(r, name, (), {**required, key: typo(good[key])})
        assert bad_value.value.code.startswith("unknown-"), (name, key)
        assert "did you mean" in str(bad_value.value) or "allowed" in str(bad_value.value)


def test_a_typo_in_a_topic_or_verdict_never_renders_empty(r: Renderer) -> None:
    for name, kwargs in [("claims", {"topic": "kurd"}), ("claims", {"verdict": "acurate"}),
                         ("timeline", {"topic": "kurd"}), ("entities", {"kind": "persn"}),
                         ("claim_links", {"verdict": ["inaccurate", "misleadin"]})]:
        with pytest.raises(MacroError, match="did you mean"):
            bind(r, name, (), kwargs)


def test_a_misspelled_argument_name_gets_a_suggestion(r: Renderer) -> None:
    with pytest.raises(MacroError, match="unknown argument 'topc'; did you mean 'topic'"):
        bind(r, "claims", (), {"topc": "kurds"})
    with pytest.raises(MacroError, match=r"too many positional arguments; its arguments are: none"):
        bind(r, "claim_count", ("x",), {})


def test_filtered_macros_match_a_full_scan(r: Renderer) -> None:
    facts = r.facts
    topics = sorted(facts.claims_by_topic)[:4]
    people = sorted(facts.claims_by_entity)[:4]
    for topic in topics:
        for entity in [None, *people]:
            wanted = [c for c in facts.claims.values()
                      if topic in c.topics and (entity is None or entity in c.entities)]
            r.begin_page("x/")  # element ids count up per page: each render starts a fresh page
            got = bind(r, "timeline", (), {"topic": topic, "entity": entity})
            r.begin_page("x/")
            assert got == pages.timeline(r, [c for c in facts.timeline if c in wanted])
            r.begin_page("x/")
            got = bind(r, "claims", (), {"topic": topic, "entity": entity})
            r.begin_page("x/")
            assert got == rclaims.claim_cards(r, wanted)
    chosen = facts.select(verdict=["inaccurate", "misleading"])
    assert [c.review.verdict for c in chosen] == sorted((c.review.verdict for c in chosen), key=["inaccurate",
                                                                                                "misleading"].index)


def test_page_calls_are_read_by_jinja_itself() -> None:
    text = ('# T\n\n{{ claim("a") }}\n{% raw %}{{ claim("not-a-call") }}{% endraw %}\n{# {{ claim("c") }} #}\n'
            '{{ claims(topic="t", verdict=["x", "y"]) }} {{ 1 + 2 }}\n{{ entities(kind=k) }}\n')
    calls = macro_calls(text)
    assert [(c.name, c.line) for c in calls] == [("claim", 3), ("claims", 6), ("entities", 7)]
    assert calls[1].kwargs == {"topic": "t", "verdict": ["x", "y"]} and calls[1].literals() == ["t", "x", "y"]
    assert calls[2].kwargs == {"kind": None}
    assert macro_calls("{{ unclosed(") == []


def test_the_home_page_hosts_lists_with_working_anchors() -> None:
    """index.md's URL is '' to pages, whatever the host calls it ('./'): anchors placed there must be found."""
    homes = find_homes([("./", "{{ sources_list() }}\n{{ entities() }}"), ("b/", "{{ claims_index() }}")])
    assert homes.sources == {None: ""} and homes.entities == {None: ""} and homes.claims == {None: "b/"}


def test_an_id_of_another_kind_of_record_says_what_it_is(r: Renderer) -> None:
    """date_of('shibani') with an entity's id: not a 'did you mean' some unrelated claim, but what the id is."""
    entity = next(iter(r.facts.entities))
    with pytest.raises(MacroError, match=f"'{entity}' is the id of an entity, not of a claim; give a claim id"):
        bind(r, "claim", (entity,), {})
    with pytest.raises(MacroError) as kind:
        bind(r, "entities", (), {"kind": "persn"})
    assert kind.value.code == "unknown-entity-kind" and "did you mean 'person'?" in str(kind.value)


def test_a_list_given_as_an_id_is_a_located_error_not_a_crash(r: Renderer) -> None:
    with pytest.raises(MacroError, match="unknown claim id"):
        bind(r, "claim", (["shibani"],), {})
