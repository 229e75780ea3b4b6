"""Unit tests of factkit.render helpers: escaping, inline Markdown, links."""

from __future__ import annotations

from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from hypothesis import given
from hypothesis import strategies as st

import factkit
from factkit.dates import parse
from factkit.model import Role
from factkit.pagescan import find_homes
from factkit.publish import Channel
from factkit.render import Homes, Renderer, article_source, claim_card
from factkit.render.entities import roles_block
from factkit.render.html import esc, inline_md, plain_text, shield
from factkit.render.links import relative_url, text_fragment_url

WATER = Path(__file__).resolve().parent / "fixtures" / "sites" / "water"


@pytest.fixture
def renderer() -> Renderer:
    """A renderer over the water fixture's facts (a fresh copy for each test), rendering the claims page."""
    facts, problems = factkit.check(WATER / "facts", base_dir=WATER, on=factkit.today("2026-11-27"))
    assert not factkit.errors(problems)
    homes = Homes(sources={None: "sources/"}, claims={None: "claims/"}, review="fact-check/",
                  entities={None: "entities/"},
                  site_url="https://water.example.org/", repo="https://github.com/example/water-facts")
    r = Renderer(facts, homes)
    r.begin_page("fact-check/")
    return r


def text_of(markup: str) -> str:
    return " ".join(BeautifulSoup(markup, "lxml").get_text(" ").split())


def test_inline_md_keeps_safe_markup_and_drops_html() -> None:
    out = inline_md("a *b* `c` [d](https://e.org/x_y) <script>alert(1)</script> [e](javascript:alert(1))")
    soup = BeautifulSoup(out, "lxml")
    assert soup.find("em").get_text() == "b"
    assert soup.find("code").get_text() == "c"
    assert [a["href"] for a in soup.find_all("a")] == ["https://e.org/x_y"]
    assert soup.find("script") is None
    assert "<script>alert(1)</script>" in soup.get_text()


@given(st.text())
def test_shielded_text_has_no_reinterpretable_characters(text: str) -> None:
    for out in (esc(text), inline_md(text)):
        # outside tags, no character Markdown/Jinja could act on survives
        outside = "".join(part for i, part in enumerate(out.replace(">", "<").split("<")) if i % 2 == 0)
        assert not any(ch in outside for ch in "*_`[]{}\\"), outside
        assert "<script" not in out


def test_esc_round_trips_through_html() -> None:
    text = "{{ 7*7 }} {% raw %} <b>&amp; it's \"x\""
    assert BeautifulSoup(esc(text), "lxml").get_text() == text
    assert shield("a_b") == "a&#95;b"


def test_plain_text() -> None:
    assert plain_text("The **big** [deal](https://e.org) `x`") == "The big deal x"


def test_relative_url() -> None:
    assert relative_url("sources/#source-a", "claims/") == "../sources/#source-a"
    assert relative_url("sources/#source-a", "") == "sources/#source-a"
    assert relative_url("claims/#claim-a", "claims/") == "#claim-a"
    assert relative_url("", "a/b/") == "../../"
    assert relative_url("sources.html#s", "x/y.html") == "../sources.html#s"


def test_text_fragment_url() -> None:
    assert text_fragment_url("https://e.org/a", "in July 2019") == "https://e.org/a#:~:text=in%20July%202019"
    long = text_fragment_url("https://e.org/a#top", "one two three four five six seven eight nine ten")
    assert long == "https://e.org/a#top:~:text=one%20two%20three%20four,seven%20eight%20nine%20ten"
    assert "%2D" in text_fragment_url("https://e.org/a", "thirty-year deal")


def test_topic_labels_default_to_the_id_as_words(renderer: Renderer) -> None:
    assert renderer.topic_label("fall-of-assad") == "Fall of assad"  # only the first letter is upper-cased
    assert renderer.topic_label("sdf") == "Sdf"
    labelled = Renderer(renderer.facts, renderer.homes, {"fall-of-assad": "Fall of Assad", "sdf": "SDF"})
    assert labelled.topic_label("fall-of-assad") == "Fall of Assad" and labelled.topic_label("sdf") == "SDF"
    assert labelled.topic_label("kurds-in-the-north") == "Kurds in the north"


def test_article_source_without_address_does_not_repeat_itself(renderer: Renderer) -> None:
    article = renderer.facts.reviewed_article()
    article.url = None
    article.url_unavailable = "No copy of the article could be found online."
    text = text_of(article_source(renderer))
    assert "Where to read it: No copy of the article could be found online." in text
    assert text.count("No copy") == 1 and "available" not in text


def test_role_spans_without_start_or_end(renderer: Renderer) -> None:
    mayor = renderer.facts.entities["mayor-lind"]
    cite = mayor.roles[0].citations
    mayor.roles = [
        Role(title="Deputy", end=parse("2020-05-01"), citations=cite),
        Role(title="Mayor", start=parse("2020-05"), citations=cite),
        Role(title="Councillor", start=parse("2015"), end=parse("2019"), citations=cite),
    ]
    text = text_of(roles_block(renderer, mayor))
    assert "Deputy until 1 May 2020" in text
    assert "Mayor since May 2020" in text
    assert "Councillor 2015 – 2019" in text
    assert "?" not in text and "present" not in text


def test_reporting_section_is_found_by_its_heading(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "index.md").write_text("# Home\n\nNothing on reporting errors here.\n", encoding="utf-8")
    (docs / "help.md").write_text("# Help\n\n## Reporting errors and omissions\n\nWrite to us.\n", encoding="utf-8")
    def pages() -> list[tuple[str, str]]:
        return [("", (docs / "index.md").read_text()), ("help/", (docs / "help.md").read_text())]

    assert find_homes(pages()).report == "help/#reporting-errors-and-omissions"
    (docs / "help.md").write_text("# Help\n\n## Report an error {#report}\n", encoding="utf-8")
    assert find_homes(pages()).report == "help/#report"
    (docs / "help.md").write_text("# Help\n", encoding="utf-8")
    assert find_homes(pages()).report is None


def test_report_link_uses_the_channel_or_else_the_reporting_section(renderer: Renderer) -> None:
    claim = renderer.facts.claims["reservoir-coverage"]
    renderer.homes.channels = [Channel("issues", "https://github.com/example/water-facts")]
    link = BeautifulSoup(claim_card(renderer, claim), "lxml").select_one(".fk-report a")
    assert link["href"] == ("https://github.com/example/water-facts/issues/new?template=report-error.yml"
                            "&title=Error%20in%20claim%3A%20reservoir-coverage&claim=reservoir-coverage"
                            "&page=https%3A%2F%2Fwater.example.org%2Fclaims%2F%23claim-reservoir-coverage")
    renderer.homes.channels = [Channel("email", "corrections@water-facts.org")]
    href = BeautifulSoup(claim_card(renderer, claim), "lxml").select_one(".fk-report a")["href"]
    assert href.startswith("mailto:corrections@water-facts.org?subject=Error%20in%20claim%3A%20reservoir-coverage&")
    assert "water.example.org%2Fclaims%2F%23claim-reservoir-coverage" in href
    renderer.homes.channels = []
    assert claim_card(renderer, claim).count("fk-report") == 0
    renderer.homes.report = "contributing/#report-an-error"
    link = BeautifulSoup(claim_card(renderer, claim), "lxml").select_one(".fk-report a")
    assert link["href"] == "../contributing/?claim=reservoir-coverage#report-an-error"  # the section names it
    assert "reservoir-coverage" in link.get_text() and "github" not in str(link)
