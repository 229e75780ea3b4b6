"""What a reader must be able to do, in a real Chromium: navigate, read sources, follow permalinks, search,
read the timeline, switch colour scheme and print. Pages, claims and names are discovered from the built site
(sitemap.xml, the navigation, data/facts.json), so the tests keep passing as the content grows."""

from __future__ import annotations

import functools
import itertools
import re
from urllib.parse import urljoin

import pytest
import sitecheck

pytestmark = pytest.mark.browser

VIEWPORTS = {"desktop": sitecheck.DESKTOP, "phone": sitecheck.PHONE}
NO_SIDEWAYS = "document.scrollingElement.scrollWidth <= window.innerWidth"


def soup_of(site, path):
    """The built page, parsed once per test process (the tests only read it)."""
    return sitecheck.parsed(sitecheck.page_file(site, path))


def pages_with(site, pages, selector):
    """Sitemap pages whose article contains `selector`, most matches first."""
    return list(_pages_with(site, tuple(pages), selector))


@functools.cache
def _pages_with(site, pages, selector):
    counts = []
    for path in pages:
        article = soup_of(site, path).select_one("article")
        n = len(article.select(selector)) if article else 0
        if n:
            counts.append((n, path))
    return tuple(p for _, p in sorted(counts, key=lambda c: -c[0]))


def in_viewport(page, selector):
    """The element's box is on screen and not hidden under Material's sticky header."""
    return page.evaluate(
        """sel => {
            const el = document.querySelector(sel);
            if (!el) return false;
            const box = el.getBoundingClientRect();
            const header = document.querySelector('.md-header');
            const top = header ? header.getBoundingClientRect().bottom : 0;
            return box.top >= top - 1 && box.top < window.innerHeight && box.height > 0;
        }""",
        selector,
    )


def css_id(value):
    return "#" + re.sub(r"([^\w-])", r"\\\1", value)


# ---- navigation ---------------------------------------------------------------------------------------------

def nav_entries(page):
    """(label, absolute URL) of every page in the primary navigation, in order."""
    return page.evaluate(
        """() => {
            const out = [];
            for (const a of document.querySelectorAll('nav.md-nav--primary a.md-nav__link[href]')) {
                if (a.getAttribute('href').startsWith('#') || a.closest('.md-nav--secondary')) continue;
                const label = a.textContent.trim().replace(/\\s+/g, ' ');
                const url = new URL(a.getAttribute('href'), location.href).href.split('#')[0];
                if (!out.some(e => e[1] === url)) out.push([label, url]);
            }
            return out;
        }"""
    )


ON_TOP = """el => { const r = el.getBoundingClientRect();
    return el.contains(document.elementFromPoint(r.x + r.width / 2, r.y + r.height / 2)); }"""


@pytest.mark.parametrize("device", VIEWPORTS)
def test_navigation_reaches_every_section_without_sideways_scroll(open_page, base_url, pages, device, screenshots):
    page = open_page("", viewport=VIEWPORTS[device])
    assert page.locator("article h1").first.is_visible(), "the overview has no visible heading"
    entries = nav_entries(page)
    nav_urls = {url for _, url in entries}
    missing = sorted(base_url + p for p in pages if base_url + p not in nav_urls)
    assert not missing, f"pages in the sitemap that the navigation does not reach: {missing}"
    assert page.evaluate(NO_SIDEWAYS), f"{device}: the overview scrolls sideways"
    if device == "phone":
        page.screenshot(path=screenshots / sitecheck.shot_name("", device))
    for label, url in entries:
        if url == page.url.split("#")[0]:
            continue  # already here (the active entry is a toggle for the page's contents, not a link)
        if device == "phone":
            page.locator("label.md-header__button[for='__drawer']").click()
        nav = page.locator("nav.md-nav--primary")
        link = nav.get_by_role("link", name=label, exact=True).locator("visible=true").first
        section = link.locator("xpath=ancestor::li[contains(@class, 'md-nav__item--nested')][1]/label")
        page.wait_for_timeout(400)  # the drawer slides in (on a section's page, at that section's panel)
        if device == "phone" and not link.evaluate(ON_TOP):  # as a reader taps: back to the top, into the section
            for toggle in reversed(nav.locator("input.md-nav__toggle:checked").all()):
                nav.locator(f"label.md-nav__title[for='{toggle.get_attribute('id')}']").click()
                page.wait_for_timeout(400)
            if section.count():
                section.first.click()
                page.wait_for_timeout(400)
        link.click()
        page.wait_for_url(url + "*")
        assert page.url.split("#")[0] == url, f"{device}: '{label}' led to {page.url}, expected {url}"
        assert page.locator("article h1").first.is_visible(), f"{device}: {url} shows no heading"
        width = page.evaluate("[document.scrollingElement.scrollWidth, window.innerWidth]")
        assert width[0] <= width[1], f"{device}: {url} scrolls sideways ({width[0]}px content in {width[1]}px)"
        if device == "phone":  # desktop screenshots come from the quality bars, which open every page too
            page.screenshot(path=screenshots / sitecheck.shot_name(url[len(base_url):], device))


# ---- citations and sources ----------------------------------------------------------------------------------

def first_citation(site, pages):
    with_cites = pages_with(site, pages, ".fk-cite-ref")
    assert with_cites, "no page shows a citation marker (.fk-cite-ref)"
    return "" if "" in with_cites else with_cites[0]


def marker_source(page, facts, marker):
    """(source id, publisher) a marker cites: its entry in the page's list of sources links to the source's card."""
    return publisher_of(facts, page.locator(f"{marker.get_attribute('href')} a.fk-ref-more").get_attribute("href"))


def publisher_of(facts, href):
    sid = href.rsplit("#source-", 1)[-1]
    source = next((s for s in facts["sources"] if s["id"] == sid), None)
    assert source, f"citation marker {href} names no source in data/facts.json"
    publisher = next((p for p in facts.get("publishers", []) if p["id"] == source["publisher"]), None)
    return sid, publisher["name"] if publisher else source["publisher"]  # the name the page shows


def test_citation_preview_on_hover(open_page, site, pages, facts):
    page = open_page(first_citation(site, pages))
    marker = page.locator("article .fk-cite-ref").first
    marker.scroll_into_view_if_needed()
    tip = page.locator(css_id(marker.get_attribute("aria-describedby")))
    assert tip.get_attribute("role") == "tooltip"
    assert not tip.is_visible(), "the source preview shows before the reader asks for it"
    _, publisher = marker_source(page, facts, marker)
    marker.hover()
    tip.wait_for(state="visible", timeout=3000)
    assert publisher in tip.inner_text()
    box, view = tip.bounding_box(), page.viewport_size
    assert box["x"] >= 0 and box["x"] + box["width"] <= view["width"], "the preview is cut off at the side"


@pytest.mark.parametrize("device", VIEWPORTS)
def test_citation_preview_on_keyboard_focus(open_page, site, pages, facts, device):
    page = open_page(first_citation(site, pages), viewport=VIEWPORTS[device])
    page.locator("body").click(position={"x": 1, "y": 1})
    for _ in range(600):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.matches('.fk-cite-ref')"):
            break
    else:
        pytest.fail("Tab never reaches a citation marker")
    focused = page.locator(".fk-cite-ref:focus")
    tip = page.locator(css_id(focused.get_attribute("aria-describedby")))
    tip.wait_for(state="visible", timeout=3000)
    _, publisher = marker_source(page, facts, focused)
    assert publisher in tip.inner_text()
    box, view = tip.bounding_box(), page.viewport_size
    assert box["x"] >= 0 and box["x"] + box["width"] <= view["width"], "the preview is cut off at the side"
    assert box["y"] + box["height"] <= view["height"] + 1 or device == "desktop", "the preview is off screen"
    page.keyboard.press("Escape")
    page.wait_for_timeout(300)
    assert not tip.is_visible(), "Escape does not dismiss the preview"


def test_phone_preview_never_covers_its_marker(open_page, site, pages):
    """On a phone the preview is a sheet across the screen: at the bottom for a marker in the upper half of the
    screen, at the top (below the header) for one in the lower half; the marker stays visible either way."""
    page = open_page(pages_with(site, pages, ".fk-cite-ref")[0], viewport=sitecheck.PHONE)
    markers = page.locator("article .fk-cite-ref")
    marker = markers.nth(markers.count() // 2)
    for where in (0.3, 0.8):
        marker.evaluate("(el, f) => window.scrollTo(0, el.getBoundingClientRect().top + window.scrollY"
                        " - window.innerHeight * f)", where)
        page.wait_for_timeout(100)
        marker.focus()
        tip = page.locator(css_id(marker.get_attribute("aria-describedby")))
        tip.wait_for(state="visible", timeout=3000)
        box, at, view = tip.bounding_box(), marker.bounding_box(), page.viewport_size
        assert at["y"] > view["height"] * (where - 0.15), "the page did not scroll the marker where intended"
        assert box["y"] >= 0 and box["y"] + box["height"] <= view["height"] + 1, "the preview is off screen"
        if where < 0.5:
            assert box["y"] >= at["y"] + at["height"], f"the preview covers a marker {where:.0%} down the screen"
        else:
            assert box["y"] + box["height"] <= at["y"], f"the preview covers a marker {where:.0%} down the screen"
            header = page.locator(".md-header").bounding_box()
            assert box["y"] >= header["y"] + header["height"], "the preview at the top hides under the header"
        page.keyboard.press("Escape")
        page.locator("body").click(position={"x": 1, "y": 1})


def test_citation_leads_to_source_and_back_to_every_citing_claim(open_page, site, pages, facts):
    """A marker leads to its source's entry in 'Sources on this page' (as on Wikipedia); the entry leads to the
    source's card on the sources page, whose back-links reach every claim citing it."""
    page = open_page(first_citation(site, pages))
    marker = page.locator("article .fk-cite-ref").first
    ref = marker.get_attribute("href")
    assert re.fullmatch(r"#fk-ref-\d+", ref), ref
    marker.click()
    page.wait_for_url(f"**{ref}")
    page.wait_for_timeout(200)
    assert in_viewport(page, ref), "the source's entry at the end of the page is not on screen after the marker"
    details = page.locator(f"{ref} a.fk-ref-more")
    sid, publisher = publisher_of(facts, details.get_attribute("href"))
    details.click()
    page.wait_for_url(f"**#source-{sid}")
    entry_sel = css_id(f"source-{sid}")
    page.wait_for_timeout(200)
    assert in_viewport(page, entry_sel), "the source's entry is not on screen after following the marker"
    entry = page.locator(entry_sel)
    assert publisher in entry.inner_text()
    assert page.evaluate(f"document.querySelector({entry_sel!r}).matches(':target')")

    citing = sorted({c["id"] for c in facts["claims"]
                     if sid in {x["source"] for x in c["citations"] + (c.get("outcome") or {}).get("citations", [])}})
    assert citing, f"data/facts.json has no claim citing {sid}"
    backs = {}
    for a in entry.locator(".fk-cited-by a").all():
        href = urljoin(page.url, a.get_attribute("href"))
        if "#claim-" in href:
            backs[href.rsplit("#claim-", 1)[1]] = href
    assert sorted(backs) == citing, f"back-links from {sid} do not match the claims citing it"
    for cid, href in backs.items():
        page.goto(href)
        sel = css_id(f"claim-{cid}")
        page.wait_for_selector(sel)
        page.wait_for_timeout(100)
        assert page.locator(sel).get_attribute("data-claim") == cid
        assert in_viewport(page, sel), f"back-link to {cid} does not land on it"
        back = page.locator(sel).locator(f"a[href$='#source-{sid}']").locator("visible=true")
        assert back.count(), f"the card of {cid}, reached from {sid}, does not show that source in its evidence"


# ---- permalinks ---------------------------------------------------------------------------------------------

def test_claim_permalink_lands_on_the_claim_highlighted(open_page, facts):
    placed = [c for c in facts["claims"] if c.get("url")]
    assert placed, "no claim has a permalink (url) in data/facts.json"
    claim = placed[len(placed) // 2]
    page = open_page(claim["url"])
    sel = css_id(claim["url"].split("#", 1)[1])
    page.wait_for_selector(sel)
    page.wait_for_timeout(200)
    assert in_viewport(page, sel), f"{claim['url']} does not land on the claim (or it hides under the header)"
    card = page.locator(sel)
    assert card.get_attribute("data-claim") == claim["id"]
    assert claim["text"].split()[0] in card.inner_text()
    style = "el => { const s = getComputedStyle(el); return [s.boxShadow, s.outlineStyle, s.backgroundColor]; }"
    targeted = card.evaluate(style)
    other = page.locator(f".fk-card:not({sel})").first.evaluate(style)
    assert targeted != other, "the targeted claim looks like every other claim (no :target highlight)"
    evidence = card.locator("details.fk-evidence-block .fk-evidence")
    if card.locator("details.fk-evidence-block").count():
        assert evidence.is_visible(), "the claim reached by its permalink does not show its evidence"


def test_evidence_is_folded_and_opens_from_its_summary(open_page, site, pages):
    with_cards = pages_with(site, pages, "details.fk-evidence-block")
    assert with_cards, "no page folds a claim's evidence (details.fk-evidence-block)"
    page = open_page(with_cards[0])
    card = page.locator("article .fk-card:has(details.fk-evidence-block)").first
    first = card.locator("details.fk-evidence-block")
    assert not first.locator(".fk-evidence").is_visible(), "the evidence is open before the reader asks for it"
    assert card.locator(".fk-card-text").is_visible(), "the claim text is folded away with the evidence"
    summary = first.locator("summary")
    assert re.match(r"Evidence: \d+ sources?\b", summary.inner_text()), summary.inner_text()
    summary.scroll_into_view_if_needed()
    summary.click()
    first.locator(".fk-evidence").wait_for(state="visible", timeout=3000)
    assert first.locator(".fk-evidence > li").count() >= 1
    summary.focus()
    page.keyboard.press("Enter")
    page.wait_for_timeout(150)
    assert not first.locator(".fk-evidence").is_visible(), "Enter on the summary does not fold the evidence again"
    page.emulate_media(media="print")
    page.evaluate("window.dispatchEvent(new Event('beforeprint'))")
    assert first.locator(".fk-evidence").is_visible(), "the evidence is left out of the printed page"


# ---- search -------------------------------------------------------------------------------------------------

def search(page, term):
    """Open Material's search with the `s` key and type like a reader; returns the result texts."""
    page.locator("body").press("s")
    box = page.locator("input.md-search__input")
    box.wait_for(state="visible")
    assert page.evaluate("document.activeElement.matches('input.md-search__input')"), "`s` does not focus search"
    box.press_sequentially(term, delay=20)
    page.locator(".md-search-result__meta").filter(has_text=re.compile(r"\d+ matching|1 matching")).wait_for(
        timeout=30000)  # the index is built in a worker when search opens: slow on a busy machine
    return page.locator(".md-search-result__item").all_inner_texts()


def claim_word(facts):
    """A distinctive lowercase word from a claim's text (not a stop word)."""
    for claim in sorted(facts["claims"], key=lambda c: c["id"]):
        words = sorted(set(re.findall(r"\b[a-z]{9,}\b", claim["text"])), key=lambda w: (-len(w), w))
        if words:
            return words[0]
    pytest.fail("no claim has a long word to search for")


def two_spellings(facts):
    """A person's name as the site writes it and another transliteration (e.g. Shibani / Shaibani)."""
    def surname(name):
        return re.sub(r"^(al|el|as|ash|ad)-", "", name.split()[-1], flags=re.I)

    for e in sorted(facts["entities"], key=lambda e: e["id"]):
        if e.get("kind") != "person":
            continue
        own = surname(e["name"])
        for alias in e.get("aliases", []):
            other = surname(alias)
            if other.isascii() and other.isalpha() and own.isalpha() and other.lower() != own.lower() \
                    and other[:2].lower() == own[:2].lower():
                return own, other
    pytest.fail("no person in data/facts.json has an alias in another transliteration")


def test_search_finds_a_word_from_a_claim(open_page, facts):
    word = claim_word(facts)
    page = open_page("")
    results = search(page, word)
    assert results, f"search finds nothing for '{word}'"
    assert any(word[:6] in r.lower() for r in results), f"no result for '{word}' shows the word"


def test_search_finds_a_person_in_either_transliteration(open_page, facts):
    for spelling in two_spellings(facts):
        page = open_page("")
        results = search(page, spelling)
        assert results, f"search finds nothing for '{spelling}'"
        assert any(spelling.lower() in r.lower() for r in results), f"no result for '{spelling}' shows the name"


# ---- timeline -----------------------------------------------------------------------------------------------

def day_key(iso):
    parts = ([*iso.split("/")[0].split("-"), "01", "01"])[:3]
    return tuple(int(p) for p in parts)


def test_timeline_reads_in_order_and_year_links_jump(open_page, site, pages):
    with_timeline = pages_with(site, pages, ".fk-timeline > li")
    assert with_timeline, "no page has a timeline (.fk-timeline)"
    page = open_page(with_timeline[0])
    dates = page.locator(".fk-timeline > li .fk-when time").evaluate_all("els => els.map(e => e.dateTime)")
    assert len(dates) >= 2, "the timeline has fewer than two dated entries"
    keys = [day_key(d) for d in dates]
    disorder = [(a, b) for a, b in itertools.pairwise(dates) if day_key(a) > day_key(b)]
    assert not disorder, f"timeline out of order at {disorder[:3]}"
    assert keys == sorted(keys)

    years = page.locator("nav.fk-years a")
    if years.count() == 0:
        return
    labels = years.all_inner_texts()
    assert labels == sorted(labels), "the year links are not in order"
    for i in (0, years.count() - 1):
        link = years.nth(i)
        year, target = link.inner_text().strip(), link.get_attribute("href")
        link.click()
        page.wait_for_url(f"**{target}")
        page.wait_for_timeout(150)
        assert in_viewport(page, css_id(target[1:])), f"the {year} link does not bring its heading on screen"
        first = page.evaluate(
            """id => { let el = document.getElementById(id);
                       while (el && !(el.matches && el.matches('ol.fk-timeline'))) el = el.nextElementSibling;
                       const t = el && el.querySelector('.fk-when time'); return t ? t.dateTime : null; }""",
            target[1:],
        )
        assert first and first.startswith(year), f"under the {year} heading the first entry is dated {first}"


# ---- colour scheme and print --------------------------------------------------------------------------------

def test_light_dark_toggle_changes_the_scheme(open_page):
    page = open_page("", color_scheme="light")
    body = page.locator("body")
    before = body.get_attribute("data-md-color-scheme")
    bg_before = page.evaluate("getComputedStyle(document.body).backgroundColor")
    page.locator("form[data-md-component='palette'] label:visible").first.click()
    page.wait_for_function(f"document.body.getAttribute('data-md-color-scheme') !== {before!r}")
    after = body.get_attribute("data-md-color-scheme")
    assert {before, after} == {"default", "slate"}
    page.wait_for_timeout(300)
    assert page.evaluate("getComputedStyle(document.body).backgroundColor") != bg_before
    page.reload()
    assert body.get_attribute("data-md-color-scheme") == after, "the chosen scheme is forgotten on reload"
    page.locator("form[data-md-component='palette'] label:visible").first.click()
    page.wait_for_function(f"document.body.getAttribute('data-md-color-scheme') === {before!r}")


def test_print_is_legible(open_page, site, pages):
    path = first_citation(site, pages)
    page = open_page(path)
    page.emulate_media(media="print")
    for chrome in (".md-header", ".md-sidebar--primary", ".md-sidebar--secondary", ".md-footer", ".md-search"):
        loc = page.locator(chrome)
        assert loc.count() == 0 or not loc.first.is_visible(), f"{chrome} is printed"
    tips = page.locator("article .fk-tip")
    assert tips.count() == 0 or not tips.first.is_visible(), "citation previews are printed inline"
    text = page.locator("article").inner_text()
    assert len(text) > 200, "the printed article has almost no text"
    style = page.locator("article p").first.evaluate(
        "el => { const s = getComputedStyle(el); return [parseFloat(s.fontSize), s.color]; }")
    assert style[0] >= 9, f"printed body text is {style[0]}px"
    pdf = page.pdf(format="A4")
    assert pdf.startswith(b"%PDF") and len(pdf) > 10_000
