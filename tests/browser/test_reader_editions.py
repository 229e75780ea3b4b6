"""The Arabic and Russian editions (issue 17) in a real Chromium, on a phone and a desktop: each home page is in
its language and direction without sideways scrolling, a citation preview opens inside the screen, search in the
edition's language finds a translated claim, and axe finds nothing serious or critical. Kept to one page load per
edition and device (the full per-page sweep of these editions' main pages is test_quality's)."""

from __future__ import annotations

import json
import re

import pytest
import sitecheck
from axe_playwright_python.sync_playwright import Axe
from test_reader import NO_SIDEWAYS, VIEWPORTS, css_id, soup_of

pytestmark = pytest.mark.browser

SCRIPTS = {"ar": "\u0600-\u06ff", "ru": "\u0400-\u04ff"}
DIRECTION = {"ar": "rtl", "ru": "ltr"}


def search(page, term):
    """Material's search, opened with `s` and typed like a reader: the result links (its 'n matching documents'
    line is in the edition's language, so the results themselves are awaited)."""
    page.locator("body").press("s")
    box = page.locator("input.md-search__input")
    box.wait_for(state="visible")
    box.press_sequentially(term, delay=20)
    page.locator(".md-search-result__item a").first.wait_for(timeout=30000)
    return page.locator(".md-search-result__item a").evaluate_all("els => els.map(a => a.href)")


def translated_claim_word(site, lang):
    """(claim id, a long word of its translated text) from the edition's own search index."""
    index = json.loads((site / lang / sitecheck.SEARCH_INDEX).read_text(encoding="utf-8"))
    for doc in sorted(index["docs"], key=lambda d: d["location"]):
        if "#claim-" not in doc["location"]:
            continue
        words = sorted(set(re.findall(rf"[{SCRIPTS[lang]}]{{7,}}", doc["title"])), key=lambda w: (-len(w), w))
        if words:
            return doc["location"].rsplit("#claim-", 1)[1], words[0]
    pytest.fail(f"the {lang} search index has no claim with a translated text")


@pytest.mark.parametrize("device", VIEWPORTS)
@pytest.mark.parametrize("lang", ["ar", "ru"])
def test_edition_home_reads_in_its_language(open_page, site, editions, lang, device):
    assert f"{lang}/" in editions.get(lang, []), f"the sitemap lists no {lang} edition"
    page = open_page(f"{lang}/", viewport=VIEWPORTS[device])
    assert page.evaluate("document.documentElement.lang") == lang
    assert page.evaluate("getComputedStyle(document.body).direction") == DIRECTION[lang]
    if lang == "ar":
        assert page.evaluate("document.documentElement.dir") == "rtl", "<html> has no dir=rtl"
    assert page.evaluate(NO_SIDEWAYS), "the page scrolls sideways"

    # axe: nothing serious or critical (the page as loaded)
    results = Axe().run(page)
    blocking = [v for v in results.response["violations"] if v.get("impact") in sitecheck.AXE_BLOCKING]
    assert not blocking, [(v["id"], len(v["nodes"])) for v in blocking]

    # a citation preview opens inside the screen (in RTL it must not run off the left edge)
    marker = page.locator("article .fk-cite-ref").first
    marker.scroll_into_view_if_needed()
    marker.focus()
    tip = page.locator(css_id(marker.get_attribute("aria-describedby")))
    tip.wait_for(state="visible", timeout=3000)
    box, view = tip.bounding_box(), page.viewport_size
    assert box["x"] >= 0 and box["x"] + box["width"] <= view["width"] + 1, f"the preview is cut off: {box}"
    assert box["y"] >= 0 and box["y"] + box["height"] <= view["height"] + 1, f"the preview is off screen: {box}"
    page.keyboard.press("Escape")

    # search in the edition's language finds a translated claim, and the hit leads to the claim's card
    _, word = translated_claim_word(site, lang)
    page.locator("body").click(position={"x": 1, "y": 1})
    hrefs = search(page, word)
    assert any(f"/{lang}/" in h and "#claim-" in h for h in hrefs), f"no {lang} result for {word!r} is a claim: {hrefs}"


@pytest.mark.parametrize("lang", ["ar", "ru"])
def test_the_header_buttons_speak_the_editions_language(site, editions, lang):
    """The light/dark switch is labelled in the edition's language (its label comes from mkdocs.yml's palette, which
    each edition overrides), like Material's own search and language buttons."""
    soup = soup_of(site, f"{lang}/")
    labels = [label["title"] for label in soup.select("form[data-md-component=palette] label[title]")]
    assert labels, f"/{lang}/ has no light/dark switch"
    for label in labels:
        assert re.search(f"[{SCRIPTS[lang]}]", label), f"/{lang}/: the switch reads {label!r}"


@pytest.mark.parametrize("lang", ["", "ar", "ru"])
def test_a_phone_shows_the_page_at_its_width_before_and_after_the_script_and_the_language_menu_opens_on_tap(
        open_page, lang):
    """A phone widens the page to hold anything that sticks out, even what is invisible: Material's closed language
    menu did, so a right-to-left page moved sideways as its script loaded (Lighthouse: a layout shift of 0.058).
    Before any script runs and after, the page is the phone's width; a tap opens the menu, which names the other
    editions."""
    path = f"{lang}/claims/" if lang else "claims/"
    phone = {"viewport": sitecheck.PHONE, "is_mobile": True, "has_touch": True}
    unscripted = open_page(path, java_script_enabled=False, **phone)
    assert unscripted.evaluate("window.innerWidth") == sitecheck.PHONE["width"]
    page = open_page(path, **phone)
    assert page.evaluate("window.innerWidth") == sitecheck.PHONE["width"]
    menu = page.locator(".md-header .md-select")
    assert not menu.locator(".md-select__link").first.is_visible()
    menu.locator("button").tap()
    links = menu.locator(".md-select__link")
    links.first.wait_for(state="visible")
    assert {"English", "العربية", "Русский"} <= set(links.all_inner_texts())
    assert all(box["x"] >= 0 and box["x"] + box["width"] <= sitecheck.PHONE["width"]
               for box in (links.nth(i).bounding_box() for i in range(links.count())))
