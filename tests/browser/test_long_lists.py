"""The long lists (every source, every claim, a page's sources) render only the entries near the screen
(content-visibility, issue 15: Lighthouse mobile on /sources/ and /claims/). What readers had must still work on
entries the browser has not rendered yet: a permalink to the last one lands on it, unfolded; find in page
reaches it; the filter shows it; print shows every entry. Pages and ids are found from the built site."""

from __future__ import annotations

import pytest
import sitecheck
from test_reader import css_id, in_viewport, pages_with, soup_of

pytestmark = pytest.mark.browser

LISTS = {"sources": ".fk-sources .fk-source", "claims": ".fk-cards > .fk-card"}
DEVICES = {"phone": {"viewport": sitecheck.PHONE, "has_touch": True, "is_mobile": True},
           "desktop": {"viewport": sitecheck.DESKTOP}}
# checkVisibility({contentVisibilityAuto: true}) is false inside an element whose contents the browser skips
RENDERED = "el => el.firstElementChild.checkVisibility({contentVisibilityAuto: true})"


def long_list(site, pages, kind):
    """(page, ids of its entries in page order) of the page listing the most entries of this kind."""
    selector = LISTS[kind]
    found = pages_with(site, pages, selector)
    assert found, f"no page lists {selector}"
    path = found[0]
    ids = [el["id"] for el in soup_of(site, path).select(f"article {selector}")]
    assert len(ids) > 50 and all(ids), f"/{path}: {len(ids)} entries, or entries without an id"
    return path, ids


@pytest.mark.parametrize("kind", LISTS)
def test_far_entries_are_not_rendered_until_near_but_print_renders_all(open_page, site, pages, kind):
    path, ids = long_list(site, pages, kind)
    page = open_page(path, **DEVICES["phone"])
    first, last = page.locator(css_id(ids[0])), page.locator(css_id(ids[-1]))
    assert not last.evaluate(RENDERED), f"/{path}: the last entry is rendered at load (no content-visibility)"
    first.scroll_into_view_if_needed()
    page.wait_for_timeout(100)
    assert first.evaluate(RENDERED), f"/{path}: an entry on screen is not rendered"
    page.emulate_media(media="print")
    page.evaluate("window.dispatchEvent(new Event('beforeprint'))")
    skipped = page.evaluate(f"""() => [...document.querySelectorAll('article {LISTS[kind]}')]
        .filter(el => !el.firstElementChild.checkVisibility({{contentVisibilityAuto: true}})).map(el => el.id)""")
    assert not skipped, f"/{path}: print leaves {len(skipped)} entries unrendered, e.g. {skipped[:3]}"
    assert page.pdf(format="A4").startswith(b"%PDF")


@pytest.mark.parametrize("device", DEVICES)
@pytest.mark.parametrize("kind", LISTS)
def test_permalink_to_the_last_entry_lands_on_it_unfolded(open_page, site, pages, kind, device):
    path, ids = long_list(site, pages, kind)
    sel = css_id(ids[-1])
    page = open_page(f"{path}#{ids[-1]}", **DEVICES[device])
    page.wait_for_timeout(300)
    assert in_viewport(page, sel), f"{device}: /{path}#{ids[-1]} does not land on its entry"
    page.wait_for_timeout(1000)  # the entries above it are rendered by now: it must not have moved away
    assert in_viewport(page, sel), f"{device}: /{path}#{ids[-1]} lands on its entry, then scrolls away from it"
    card = page.locator(sel)
    assert card.evaluate(RENDERED), f"{device}: the entry reached by its permalink is not rendered"
    if card.locator("details.fk-evidence-block").count():
        assert card.locator(".fk-evidence").is_visible(), f"{device}: its evidence is folded"


def test_permalinks_land_in_the_other_editions(open_page, site, editions):
    others = [lang for lang in editions if lang != next(iter(editions))]
    assert others, "the site has a single edition"
    for lang in others:
        for kind in LISTS:
            path, ids = long_list(site, editions[lang], kind)
            page = open_page(f"{path}#{ids[-1]}", **DEVICES["phone"])
            page.wait_for_timeout(1000)
            assert in_viewport(page, css_id(ids[-1])), f"/{path}#{ids[-1]} does not land on its entry"


def last_with_address(site, path, ids):
    """The id of the last source on the page that gives an address (a text found once on the page)."""
    soup = soup_of(site, path)
    return next(i for i in reversed(ids) if soup.select_one(f"{css_id(i)} .fk-url"))


def test_find_in_page_reaches_an_entry_not_yet_rendered(open_page, site, pages):
    path, ids = long_list(site, pages, "sources")
    ids = ids[:ids.index(last_with_address(site, path, ids)) + 1]
    page = open_page(path, **DEVICES["phone"])
    last = page.locator(css_id(ids[-1]))
    assert not last.evaluate(RENDERED)
    address = last.locator(".fk-url").text_content().strip()  # innerText is empty while skipped
    assert page.evaluate("text => window.find(text)", address), f"find in page does not find {address!r}"
    page.wait_for_timeout(200)
    where = page.evaluate("""() => { const s = getSelection(); if (!s.rangeCount) return null;
        const box = s.getRangeAt(0).getBoundingClientRect();
        return [s.anchorNode.parentElement.closest('.fk-source').id, box.top, box.height]; }""")
    assert where is not None, "find in page selects nothing"
    found_in, top, height = where
    assert found_in == ids[-1], f"find in page selects text in {found_in}, not {ids[-1]}"
    assert height > 0 and 0 <= top < page.viewport_size["height"], f"the match is not on screen (top {top})"


def test_filter_shows_an_entry_from_the_end_of_the_list(open_page, site, pages):
    path, ids = long_list(site, pages, "sources")
    ids = ids[:ids.index(last_with_address(site, path, ids)) + 1]
    page = open_page(path, **DEVICES["phone"])
    last = page.locator(css_id(ids[-1]))
    address = last.locator(".fk-url").text_content().strip()  # innerText is empty while skipped
    page.locator("input.fk-filter-box").fill(address)
    page.wait_for_timeout(400)
    shown = page.evaluate("() => [...document.querySelectorAll('article .fk-source')].filter(el => "
                          "el.checkVisibility()).map(el => el.id)")
    assert shown == [ids[-1]], f"filtering by its address shows {shown}"
    last.scroll_into_view_if_needed()
    page.wait_for_timeout(100)  # a frame: the browser renders what comes near the screen
    assert last.evaluate(RENDERED) and last.locator(".fk-cited-by").is_visible()


@pytest.mark.parametrize("device", DEVICES)
def test_a_permalink_from_before_a_topic_got_its_own_page_lands_on_the_claim_there(open_page, site, pages, device):
    """A claims list split over pages (claims_index(topic=...)): the page of the other topics says where each of
    the split topics' claims lives now, and an old permalink to it (/claims/#claim-x) ends on its card there,
    unfolded; a permalink to a claim that is nowhere still says so."""
    import json

    found = [(path, s) for path in pages if (s := soup_of(site, path).select_one("article script.fk-moved"))]
    assert found, "no page of the site's claims lists where the claims of topics with a page of their own are"
    path, script = found[0]
    moved = json.loads(script.string)
    claim = next(key for key in moved if key.startswith("claim-"))
    page = open_page(f"{path}#{claim}", **DEVICES[device])
    page.wait_for_url(f"**/{moved[claim]}#{claim}")
    page.wait_for_timeout(300)
    assert in_viewport(page, css_id(claim)), f"{device}: /{path}#{claim} does not land on its card"
    assert page.locator(css_id(claim)).locator(".fk-evidence").first.is_visible()
    page = open_page(f"{path}#claim-renamed-long-ago", **DEVICES[device])
    assert page.locator(".fk-missing").is_visible() and page.url.endswith(f"{path}#claim-renamed-long-ago")
