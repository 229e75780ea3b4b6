"""Reader trust, round two (issue 15), in a real Chromium on a desktop and a phone: citations numbered per page
with the page's sources at its end, previews on tap, verdicts explained where they appear, a usable sources
page, the article's statements shown by their checked wording, print with references, "cite this claim", the
sideways-scrolling table and the language of quotes. Pages are found from the built site, not named."""

from __future__ import annotations

import re

import pytest
import sitecheck
from test_reader import NO_SIDEWAYS, VIEWPORTS, css_id, in_viewport, pages_with, soup_of

pytestmark = pytest.mark.browser

TOUCH_PHONE = {"viewport": sitecheck.PHONE, "has_touch": True, "is_mobile": True}


def open_device(open_page, path, device):
    if device == "phone":
        return open_page(path, **TOUCH_PHONE)
    return open_page(path, viewport=sitecheck.DESKTOP)


def most_cited(site, pages):
    found = pages_with(site, pages, ".fk-cite-ref")
    assert found, "no page has citation markers"
    return found[0]


# ---- 1. one number per source per page, and the page's sources at its end ---------------------------------------

def test_same_source_keeps_its_number_and_the_list_links_back(site, pages):
    checked = 0
    for path in pages_with(site, pages, ".fk-cite-ref"):
        soup = soup_of(site, path)
        refs = soup.select_one("section.fk-refs")
        assert refs is not None, f"/{path} cites sources but has no 'Sources on this page'"
        entries = {li["id"]: li for li in refs.select("ol.fk-refs-list > li")}
        source_of: dict[str, str] = {}
        for marker in soup.select("article .fk-cite-ref"):
            ref = marker["href"].lstrip("#")
            entry = entries.get(ref)
            assert entry is not None, f"/{path}: {marker['href']} has no entry in the list"
            sid = entry.select_one("a.fk-ref-more")["href"].rsplit("#source-", 1)[1]
            number = marker.get_text().strip("[]")
            assert source_of.setdefault(number, sid) == sid, f"/{path}: [{number}] names two sources"
            assert f"#{marker['id']}" in [a["href"] for a in entry.select(".fk-backs a")], "no back-link"
            checked += 1
        assert len(set(source_of.values())) == len(source_of), f"/{path}: a source has two numbers"
        for entry in entries.values():
            text = entry.get_text(" ", strip=True)
            assert entry.select_one(".fk-publisher") and "Accessed" in text
            assert entry.select_one("a.fk-url[href^='http']") or entry.select_one(".fk-nourl"), text
    assert checked > 50


@pytest.mark.parametrize("device", VIEWPORTS)
def test_back_link_returns_to_the_marker(open_page, site, pages, device):
    page = open_device(open_page, most_cited(site, pages), device)
    back = page.locator("section.fk-refs .fk-backs a").nth(3)
    target = back.get_attribute("href")
    back.scroll_into_view_if_needed()
    back.click()
    page.wait_for_url(f"**{target}")
    page.wait_for_timeout(200)
    assert in_viewport(page, css_id(target[1:])), f"{device}: the back-link {target} does not land on the citation"
    assert page.evaluate(NO_SIDEWAYS), f"{device}: the page scrolls sideways"


# ---- 2. previews on tap; one Tab stop and a 24 x 24 px target per marker --------------------------------------

def test_tap_on_a_marker_opens_its_preview_in_place(open_page, site, pages):
    page = open_device(open_page, most_cited(site, pages), "phone")
    url = page.url
    marker = page.locator("article .fk-cite-ref").nth(4)
    marker.scroll_into_view_if_needed()
    tip = page.locator(css_id(marker.get_attribute("aria-describedby")))
    marker.tap()
    tip.wait_for(state="visible", timeout=3000)
    page.wait_for_timeout(300)
    assert page.url == url, f"the tap left the page for {page.url}"
    box = tip.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= sitecheck.PHONE["width"] + 1
    # a tap outside closes it: on plain text in the half of the screen the sheet leaves free
    y = 90 if box["y"] > sitecheck.PHONE["height"] / 2 else sitecheck.PHONE["height"] - 30
    x = next(x for x in range(10, 360, 15) if page.evaluate(
        "([x, y]) => { const el = document.elementFromPoint(x, y);"
        " return !!el && !el.closest('a, button, input, label, .fk-cite, .fk-vbox'); }", [x, y]))
    page.touchscreen.tap(x, y)
    page.wait_for_timeout(300)
    assert not tip.is_visible(), "a tap outside the preview does not close it"
    marker.scroll_into_view_if_needed()
    marker.tap()
    tip.wait_for(state="visible", timeout=3000)
    page.keyboard.press("Escape")
    page.wait_for_timeout(300)
    assert not tip.is_visible(), "Escape does not close a tapped preview"
    assert page.url == url


@pytest.mark.parametrize("device", VIEWPORTS)
def test_markers_and_permalinks_are_24px_targets(open_page, site, pages, device):
    page = open_device(open_page, most_cited(site, pages), device)
    sizes = page.evaluate("""() => [...document.querySelectorAll(
            'article .fk-cite-ref, article .fk-permalink, article .fk-vbtn')].slice(0, 200).map(el => {
        const b = el.getBoundingClientRect(); return [el.className, b.width, b.height]; })""")
    assert len(sizes) > 20
    small = [s for s in sizes if s[1] < 24 or s[2] < 24]
    assert not small, f"{device}: targets under 24 x 24 px: {small[:5]}"


def test_each_marker_is_one_tab_stop(open_page, site, pages):
    page = open_device(open_page, most_cited(site, pages), "desktop")
    first = page.locator("article .fk-cite-ref").first
    first.focus()
    ids = [page.evaluate("document.activeElement.id")]
    for _ in range(3):
        page.keyboard.press("Tab")
        ids.append(page.evaluate("(el => el.closest('.fk-tip') ? 'in-preview' : el.id)(document.activeElement)"))
    assert "in-preview" not in ids, f"Tab stops inside a preview: {ids}"
    assert ids[1] != ids[0]


# ---- 3. verdicts explained where they appear; what no badge means -----------------------------------------------

@pytest.mark.parametrize("device", VIEWPORTS)
def test_inline_verdict_badge_opens_why(open_page, site, pages, device):
    path = pages_with(site, pages, "article .fk-vbtn")[0]
    page = open_device(open_page, path, device)
    url = page.url
    button = page.locator("article .fk-vbtn").first
    panel = page.locator(css_id(button.get_attribute("aria-controls")))
    assert not panel.is_visible()
    button.scroll_into_view_if_needed()
    button.tap() if device == "phone" else button.click()
    panel.wait_for(state="visible", timeout=3000)
    assert button.get_attribute("aria-expanded") == "true"
    text = panel.inner_text()
    assert "The article's wording" in text and "Why this verdict" in text, text
    assert page.url == url
    page.keyboard.press("Escape")
    page.wait_for_timeout(200)
    assert not panel.is_visible() and button.get_attribute("aria-expanded") == "false"
    button.focus()
    page.keyboard.press("Enter")
    panel.wait_for(state="visible", timeout=3000)
    box, view = panel.bounding_box(), page.viewport_size
    assert box["x"] >= 0 and box["x"] + box["width"] <= view["width"] + 1, f"{device}: the explanation is cut off"


def test_pages_mixing_badged_and_unbadged_claims_say_once_what_no_badge_means(site, pages):
    mixed = 0
    for path in pages:
        article = soup_of(site, path).select_one("article")
        claims = article.select(".fk-claim, .fk-card")
        badged = [c for c in claims if c.select_one(".fk-verdict")]
        notes = article.select(".fk-badge-note")
        if badged and len(badged) < len(claims):
            mixed += 1
            assert len(notes) == 1, f"/{path} mixes badged and unbadged claims: {len(notes)} notes"
            assert "without a badge is background" in notes[0].get_text()
        else:
            assert not notes, f"/{path} does not mix badged and unbadged claims but explains it"
    assert mixed >= 2


# ---- 4. the sources page ------------------------------------------------------------------------------------------

@pytest.mark.parametrize("device", VIEWPORTS)
def test_sources_page_is_grouped_filterable_and_titled(open_page, site, pages, facts, device):
    path = pages_with(site, pages, ".fk-source")[0]
    page = open_device(open_page, path, device)
    cards = page.locator("article .fk-source")
    total = cards.count()
    assert total == len(facts["sources"])
    letters = page.locator("article h2[id^='publishers-']")
    assert letters.count() >= 5, "the sources are not grouped under headings"
    assert page.locator("nav.fk-letters a").count() == letters.count()
    box = page.locator("input.fk-filter-box")
    assert box.is_visible(), f"{device}: no filter box"
    names = {p["id"]: p["name"] for p in facts["publishers"]}  # a source names its publisher by id
    publisher = names[facts["sources"][len(facts["sources"]) // 2]["publisher"]]
    box.fill(publisher)
    page.wait_for_timeout(400)
    shown = page.locator("article .fk-source:visible")
    assert 0 < shown.count() < total, f"filtering by {publisher!r} shows {shown.count()} of {total}"
    words = publisher.lower().split()
    # textContent: innerText is empty for an entry the browser has not rendered yet (content-visibility)
    assert all(w in t.lower() for t in shown.all_text_contents() for w in words)
    assert re.search(r"\d+ of \d+ sources", page.locator(".fk-filter-count").inner_text())
    box.fill("")
    page.wait_for_timeout(400)
    assert page.locator("article .fk-source:visible").count() == total
    text = page.locator("article").inner_text()
    with_excerpts_untitled = [s for s in facts["sources"] if not s.get("title") and s.get("excerpts")]
    assert with_excerpts_untitled and "untitled page" not in text, "an untitled page with excerpts says 'untitled'"
    assert "source of the date unknown" not in text
    cited = page.locator("article .fk-source:has(.fk-cited-by a[href*='#claim-'])").count()
    assert cited >= total * 0.8, "sources do not list the claims citing them"
    assert page.evaluate(NO_SIDEWAYS)


# ---- 5. the article under review ---------------------------------------------------------------------------------

def test_statements_show_readable_labels_and_their_checked_wording(site, pages, facts):
    path = pages_with(site, pages, ".fk-statement")[0]
    article = soup_of(site, path).select_one("article")
    assert not re.search(r"\bp\d+\.s\d+\b", article.get_text()), "editor notation (p4.s2) is shown to readers"
    heads = article.select(".fk-statement-head")
    assert heads and all(re.match(r"Paragraph \d+, sentence \d+", h.select_one(".fk-ref").get_text()) for h in heads)
    wordings = {c["review"]["wording"] for c in facts["claims"] if c.get("review")}
    checked = [h for h in heads if h.select_one(".fk-wordings")]
    assert checked and all(q.get_text() in wordings for h in checked for q in h.select(".fk-wordings q"))


# ---- 6. print -----------------------------------------------------------------------------------------------------

def test_printed_page_ends_with_its_references(open_page, site, pages):
    page = open_device(open_page, most_cited(site, pages), "desktop")
    page.emulate_media(media="print")
    page.evaluate("window.dispatchEvent(new Event('beforeprint'))")
    refs = page.locator("section.fk-refs")
    assert refs.is_visible(), "the page's sources are not printed"
    text = refs.inner_text()
    assert "http" in text and "Accessed" in text, "the printed references carry no address or dates"
    assert not page.locator("article .fk-deeplink:visible").count(), "'Read it in the source' prints without address"
    assert not page.locator("article .fk-backs:visible, article .fk-citethis:visible").count()
    last = page.evaluate("""() => { const a = document.querySelector('article');
        const kids = [...a.children].filter(e => e.offsetHeight > 0 && !e.matches('aside, footer, .md-source-file'));
        return kids.length ? kids[kids.length - 1].className : ''; }""")
    assert "fk-refs" in last, f"the printed article ends with {last!r}, not its references"
    pdf = page.pdf(format="A4")
    assert pdf.startswith(b"%PDF")


def test_print_keeps_no_claim_card_whole(open_page, site, pages):
    """Cards may break across sheets (keeping them whole left half-empty pages); only short parts stay together."""
    page = open_device(open_page, pages_with(site, pages, ".fk-statement")[0], "desktop")
    page.emulate_media(media="print")
    breaks = page.evaluate("getComputedStyle(document.querySelector('.fk-card')).breakInside")
    assert breaks == "auto", breaks


# ---- 7. cite this claim --------------------------------------------------------------------------------------------

@pytest.mark.parametrize("device", VIEWPORTS)
def test_cite_this_claim(open_page, site, pages, facts, device):
    path = pages_with(site, pages, ".fk-card")[-1]
    page = open_device(open_page, path, device)
    card = page.locator("article .fk-card").first
    claim = next(c for c in facts["claims"] if c["id"] == card.get_attribute("data-claim"))
    block = card.locator("details.fk-citethis")
    block.locator("summary").scroll_into_view_if_needed()
    block.locator("summary").click()
    short, full = block.locator(".fk-cite-short"), block.locator(".fk-cite-full")
    short.wait_for(state="visible")
    site_name = page.locator("meta[property='og:site_name']").get_attribute("content")
    for text in (short.inner_text(), full.inner_text()):
        assert site_name in text and f"#claim-{claim['id']}" in text and "checked" in text.lower(), text
    assert claim["id"] in full.inner_text()
    assert re.search(r"commit [0-9a-f]{12}", full.inner_text()), "the full citation names no version"
    assert page.evaluate(NO_SIDEWAYS)


# ---- 8. smaller: the table that scrolls sideways, the language of quotes ------------------------------------------

def test_a_table_wider_than_the_phone_says_it_scrolls(open_page, site, pages):
    tables = [p for p in pages if soup_of(site, p).select("article table:not([class])")]
    assert tables
    for path in tables:
        page = open_device(open_page, path, "phone")
        page.wait_for_timeout(300)
        wraps = page.locator("article .md-typeset__scrollwrap")
        for i in range(wraps.count()):
            wrap = wraps.nth(i)
            wide = wrap.evaluate("w => w.scrollWidth > w.clientWidth + 1")
            if wide:
                assert "fk-scrolls" in wrap.get_attribute("class")
                hint = wrap.locator("xpath=preceding-sibling::*[1]")
                assert "fk-scroll-hint" in (hint.get_attribute("class") or "") and hint.is_visible()
                assert wrap.get_attribute("tabindex") == "0"
        assert page.evaluate(NO_SIDEWAYS)


def test_quotes_in_other_languages_carry_lang_and_dir(site, pages, facts):
    language = {s["id"]: s["language"] for s in facts["sources"]}
    found = 0
    for path in pages_with(site, pages, ".fk-evidence q.fk-ev-quote"):
        for li in soup_of(site, path).select(".fk-evidence > li"):
            link = li.select_one("a[href*='#source-']")
            quote = li.select_one("q.fk-ev-quote")
            if link is None or quote is None:
                continue
            lang = language[link["href"].rsplit("#source-", 1)[1]]
            if lang != "en":
                assert quote.get("lang") == lang and quote.get("dir") == "auto", (path, str(quote)[:80])
                found += 1
    assert found >= 5


# ---- a permalink to a record that is not on the page -------------------------------------------------------------

@pytest.mark.parametrize("device", ["desktop", "phone"])
def test_a_stale_permalink_says_the_record_is_not_on_the_page(open_page, facts, editions, device):
    """A link to a renamed or removed claim must not land silently at the top of a long page: the page says what it
    looked for, in the edition's language, in view; a permalink that exists shows no such notice."""
    claim_url = next(c["url"] for c in facts["claims"] if c.get("url"))
    path, anchor = claim_url.split("#", 1)
    langs = list(editions)
    for lang in (langs[0], langs[-1]):
        prefix = "" if lang == langs[0] else f"{lang}/"
        page = open_device(open_page, f"{prefix}{path}#claim-renamed-long-ago", device)
        notice = page.locator(".fk-missing")
        notice.wait_for(state="visible")
        assert "claim-renamed-long-ago" in notice.text_content(), f"{lang}: the notice does not name the link"
        assert in_viewport(page, ".fk-missing"), f"{lang} {device}: the notice is not in view"
        assert page.locator("html").get_attribute("lang").startswith(lang)
        page = open_device(open_page, f"{prefix}{path}#{anchor}", device)
        page.wait_for_timeout(200)
        assert not page.locator(".fk-missing").is_visible(), f"{lang}: a working permalink shows the notice"


TITLE_LINES = """() => {
  const h1 = document.querySelector("article h1");
  const range = document.createRange();
  range.selectNodeContents(h1.firstChild);
  const tops = new Set(Array.from(range.getClientRects(), r => Math.round(r.top)));
  return [tops.size, Math.round(h1.getBoundingClientRect().height / parseFloat(getComputedStyle(h1).lineHeight))];
}"""


def test_a_page_title_takes_only_the_lines_its_words_need_on_a_phone(open_page, site, pages):
    """The title's hidden ¶ link once took a line of its own under a title as wide as the phone (/fact-check/)."""
    def title(path):
        h1 = soup_of(site, path).select_one("article h1")
        return len(h1.get_text()) if h1 else 0

    for path in sorted(pages, key=title, reverse=True)[:5]:  # the longest titles: the ones that fill a line
        page = open_device(open_page, path, "phone")
        words, lines = page.evaluate(TITLE_LINES)
        assert lines == words, f"/{path}: the title's {words} line(s) of words take {lines} lines"
        page.close()
