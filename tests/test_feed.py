"""The corrections feed (factkit.feed): every correction as Atom, dated from the facts, never the clock."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path
from xml.etree import ElementTree

import pytest

import factkit
from factkit import i18n
from factkit.feed import corrections_atom, is_verdict_change
from factkit.model import Correction
from factkit.render import Homes, Renderer
from factkit.render.about import About

WATER = Path(__file__).parent / "fixtures" / "sites" / "water"
ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.fixture
def renderer() -> Renderer:
    facts, problems = factkit.check(WATER / "facts", base_dir=WATER, on=factkit.today("2026-11-27"))
    assert not factkit.errors(problems)
    r = Renderer(facts, Homes(claims={None: "claims/"}, corrections="corrections/", site_url="https://water.example.org/"))
    r.site_name, r.about = "Eastbrook's water", About(publisher="Eastbrook Facts")
    return r


def test_every_correction_is_an_entry_newest_first_linked_to_its_claim(renderer: Renderer) -> None:
    feed = ElementTree.fromstring(corrections_atom(renderer))
    entries = feed.findall(f"{ATOM}entry")
    assert len(entries) == sum(len(c.corrections) for c in renderer.facts.claims.values()) == 2
    dates = [e.findtext(f"{ATOM}updated") for e in entries]
    assert dates == ["2026-11-22T00:00:00Z", "2026-11-21T00:00:00Z"]
    assert feed.findtext(f"{ATOM}updated") == dates[0]
    first, second = entries
    assert second.find(f"{ATOM}link").get("href") == "https://water.example.org/claims/#claim-reservoir-coverage"
    assert second.find(f"{ATOM}category").get("term") == "verdict-change"
    assert second.findtext(f"{ATOM}title").startswith("Verdict changed: ")
    assert "Verdict changed from misleading to inaccurate." in second.findtext(f"{ATOM}summary")
    assert "{{ 7*7 }}" in first.findtext(f"{ATOM}summary")  # shown literally, escaped for XML
    assert first.find(f"{ATOM}category").get("term") == "correction"
    assert feed.findtext(f"{ATOM}author/{ATOM}name") == "Eastbrook Facts"
    assert feed.findtext(f"{ATOM}id") == "https://water.example.org/corrections.xml"
    links = {link.get("rel"): link.get("href") for link in feed.findall(f"{ATOM}link")}
    assert links == {"self": "https://water.example.org/corrections.xml",
                     "alternate": "https://water.example.org/corrections/"}
    ids = [e.findtext(f"{ATOM}id") for e in entries]
    assert len(set(ids)) == 2 and all(i.startswith("urn:uuid:") for i in ids)


def test_the_feed_is_deterministic_and_ignores_the_clock(renderer: Renderer, monkeypatch) -> None:
    before = corrections_atom(renderer)

    class Later(dt.datetime):
        @classmethod
        def now(cls, tz=None):
            return dt.datetime(2031, 1, 1, tzinfo=tz)

    monkeypatch.setattr(dt, "datetime", Later)
    assert corrections_atom(renderer) == before


def test_without_a_published_address_links_are_relative_to_the_feed(renderer: Renderer) -> None:
    renderer.homes.site_url = ""
    feed = ElementTree.fromstring(corrections_atom(renderer))
    assert [link.get("rel") for link in feed.findall(f"{ATOM}link")] == ["alternate"]
    entry = feed.find(f"{ATOM}entry")
    assert entry.find(f"{ATOM}link").get("href").startswith("claims/#claim-")
    assert feed.findtext(f"{ATOM}id").startswith("urn:uuid:")


def test_without_corrections_the_feed_is_dated_by_the_latest_check(renderer: Renderer) -> None:
    for claim in renderer.facts.claims.values():
        claim.corrections.clear()
    feed = ElementTree.fromstring(corrections_atom(renderer))
    assert feed.findall(f"{ATOM}entry") == []
    latest = max(c.checked.latest() for c in renderer.facts.claims.values())
    assert feed.findtext(f"{ATOM}updated") == f"{latest.isoformat()}T00:00:00Z"


@pytest.mark.parametrize(("what", "change"), [
    ("Verdict changed from accurate to needs-context.", True),
    ("We previously rated this statement accurate. It now reads needs-context.", True),
    ("We removed a passage we had cited. The verdict, needs-context, is unchanged.", False),
    ("We previously said the contract was ratified in 2018.", False),
])
def test_verdict_changes_are_marked(what: str, change: bool) -> None:
    assert is_verdict_change(Correction.model_construct(what=what, why="A source.")) is change


XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


def test_each_edition_has_its_feed_in_its_language(tmp_path: Path) -> None:
    """An edition's feed: its words, xml:lang, links to its pages, each claim's and correction's translation, the
    English marked as not translated where there is none; the default feed is the same with or without it."""
    site = tmp_path / "water"
    shutil.copytree(WATER, site)
    facts, _ = factkit.check(site / "facts", base_dir=site, on=factkit.today("2026-11-27"))
    h = i18n.text_hash("claims", facts.claims["reservoir-coverage"])
    (site / "facts" / "i18n").mkdir()
    (site / "facts" / "i18n" / "ar.yml").write_text(
        f"translations:\n  lang: ar\n  claims:\n    - id: reservoir-coverage\n      from: {h}\n"
        "      text: \"يزوّد الخزان 92 في المئة من المنازل، لا كل منزل.\"\n"
        "      corrections: [{what: \"تغيّر الحكم من مضلِّل إلى غير دقيق.\", why: \"رقم المشغّل نفسه يناقض العبارة.\"}]\n",
        encoding="utf-8")
    facts, problems = factkit.check(site / "facts", base_dir=site, on=factkit.today("2026-11-27"))
    assert not factkit.errors(problems) and not problems, problems
    r = Renderer(facts, Homes(claims={None: "claims/"}, corrections="corrections/",
                                    site_url="https://water.example.org/"))
    r.site_name, r.site_names = "Eastbrook's water", {"ar": "مياه إيستبروك"}
    r.about, r.about_in = About(publisher="Eastbrook Facts"), {"ar": About(publisher="حقائق إيستبروك")}
    english = corrections_atom(r)
    feed = ElementTree.fromstring(corrections_atom(r, "ar"))
    assert corrections_atom(r) == english and r.lang == "en"  # the default feed does not change; nor the renderer
    assert ElementTree.fromstring(english).get(XML_LANG) == "en" and "غير" not in english
    assert feed.get(XML_LANG) == "ar"
    assert feed.findtext(f"{ATOM}title") == "التصحيحات: مياه إيستبروك"
    assert feed.findtext(f"{ATOM}subtitle") == i18n.t("ar", "feed-subtitle")
    assert feed.findtext(f"{ATOM}author/{ATOM}name") == "حقائق إيستبروك"
    assert feed.findtext(f"{ATOM}id") == "https://water.example.org/corrections.ar.xml"
    assert {link.get("rel"): link.get("href") for link in feed.findall(f"{ATOM}link")} == {
        "self": "https://water.example.org/corrections.ar.xml", "alternate": "https://water.example.org/ar/corrections/"}
    entries = {e.find(f"{ATOM}link").get("href").split("#claim-")[1]: e for e in feed.findall(f"{ATOM}entry")}
    translated, untranslated = entries["reservoir-coverage"], entries["tricky-text"]
    assert translated.find(f"{ATOM}link").get("href") == "https://water.example.org/ar/claims/#claim-reservoir-coverage"
    assert translated.findtext(f"{ATOM}title") == "تغيّر الحكم: يزوّد الخزان 92 في المئة من المنازل، لا كل منزل."
    assert translated.findtext(f"{ATOM}summary") == ("تغيّر الحكم من مضلِّل إلى غير دقيق. السبب: "
                                                     "رقم المشغّل نفسه يناقض العبارة.")
    assert "غير مترجم" not in ElementTree.tostring(translated, encoding="unicode")
    assert untranslated.findtext(f"{ATOM}title").startswith("تصحيح: ")
    assert untranslated.findtext(f"{ATOM}title").endswith(" (غير مترجم)")
    assert untranslated.findtext(f"{ATOM}summary").count("(غير مترجم)") == 2
    content = untranslated.findtext(f"{ATOM}content")
    assert '<span lang="en">Added template-looking text to test escaping.</span> (غير مترجم)' in content
    assert "{{ 7*7 }}" in content and "الادعاء مع أدلته" in content
    ids = {e.findtext(f"{ATOM}id") for e in ElementTree.fromstring(english).findall(f"{ATOM}entry")}
    assert ids.isdisjoint(e.findtext(f"{ATOM}id") for e in entries.values())
    r.about_in = {}  # an edition without its publisher's name: the default language's, marked
    author = ElementTree.fromstring(corrections_atom(r, "ar")).findtext(f"{ATOM}author/{ATOM}name")
    assert author == "Eastbrook Facts (غير مترجم)"
    r.homes.site_url = ""  # without the published address: links relative to the feed, at the site's root
    entry = ElementTree.fromstring(corrections_atom(r, "ar")).find(f"{ATOM}entry")
    assert entry.find(f"{ATOM}link").get("href").startswith("ar/claims/#claim-")
