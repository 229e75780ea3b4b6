"""Reader trust in a real Chromium: "report an error" reaches the configured channel, every page's footer links
About, search finds entities by their Arabic and Russian names (desktop and phone), and the search index is not
fetched until the reader opens search."""

from __future__ import annotations

import re
from urllib.parse import parse_qs, urljoin, urlsplit

import pytest
import sitecheck
from conftest import SITE_ROOT
from test_reader import VIEWPORTS, search

pytestmark = pytest.mark.browser

REPOSITORY = "factkit-tests/flagship"  # a build "in GitHub Actions" of this repository; nothing is requested there
GITHUB_ENV = {"GITHUB_ACTIONS": "true", "GITHUB_SERVER_URL": "https://github.com", "GITHUB_REPOSITORY": REPOSITORY}


@pytest.fixture(scope="module")
def ci_base_url(tmp_path_factory):
    """The site as GitHub Actions publishes it (report channel and address from the environment), served locally."""
    try:
        site = sitecheck.build_site(tmp_path_factory.mktemp("ci-site"), SITE_ROOT, **GITHUB_ENV)
    except RuntimeError as exc:
        pytest.fail(str(exc), pytrace=False)
    with sitecheck.serve(site) as base:
        yield base


def test_report_an_error_opens_the_configured_channel(chromium, ci_base_url):
    context = chromium.new_context(viewport=sitecheck.DESKTOP)
    opened = []

    def route(route):
        url = route.request.url
        if urlsplit(url).hostname == "127.0.0.1":
            route.continue_()
        elif urlsplit(url).hostname == "github.com":  # the channel: answered here, never fetched
            opened.append(url)
            route.fulfill(status=200, content_type="text/html", body="<title>issue form</title>")
        else:
            route.abort()

    context.route("**/*", route)
    try:
        page = context.new_page()
        page.goto(ci_base_url + "claims/", wait_until="load")
        link = page.locator(".fk-card .fk-report a").first
        claim = link.locator("xpath=ancestor::*[@data-claim][1]").get_attribute("data-claim")
        link.scroll_into_view_if_needed()
        link.click()
        page.wait_for_url(re.compile(r"^https://github\.com/"))
        assert opened, "the report link did not open the channel"
        parts = urlsplit(opened[-1])
        query = parse_qs(parts.query)
        assert parts.path == f"/{REPOSITORY}/issues/new"
        assert query["template"] == ["report-error.yml"] and query["claim"] == [claim]
        assert query["page"] == [f"https://factkit-tests.github.io/flagship/claims/#claim-{claim}"]
    finally:
        context.close()


@pytest.mark.parametrize("device", VIEWPORTS)
def test_without_a_channel_the_report_link_says_so_and_names_the_claim(open_page, pages, device):
    page = open_page("claims/", viewport=VIEWPORTS[device])
    card = page.locator(".fk-card").nth(3)
    claim = card.get_attribute("data-claim")
    link = card.locator(".fk-report a")
    href = link.get_attribute("href")
    link.scroll_into_view_if_needed()
    link.click()
    page.wait_for_url(re.compile(r"#report-an-error$"))
    assert href.endswith(f"?claim={claim}#report-an-error")
    note = page.locator(".fk-no-channel")
    assert note.is_visible() and "no report channel" in note.inner_text()
    named = page.locator(".fk-reporting")
    assert named.is_visible() and f"“{claim}”" in named.inner_text(), "the section does not name the claim"


@pytest.mark.parametrize("device", VIEWPORTS)
def test_every_page_footer_links_about(open_page, base_url, pages, device):
    """The home page and one other (every page's footer link is checked by the quality sweep,
    test_quality.py), and the link opens the About page."""
    about = None
    for path in pages[:2]:
        page = open_page(path, viewport=VIEWPORTS[device])
        link = page.locator(".md-footer .fk-footer-about")
        assert link.count() == 1, f"/{path}: no About link in the footer"
        link.scroll_into_view_if_needed()
        assert link.is_visible(), f"/{path}: the footer's About link is not visible"
        target = urljoin(page.url, link.get_attribute("href"))
        assert about in (None, target), f"/{path}: the About link goes to {target}, elsewhere {about}"
        about = target
        page.close()
    page = open_page("", viewport=VIEWPORTS[device])
    page.locator(".md-footer .fk-footer-about").click()
    page.wait_for_url(about)
    assert page.locator("h1").inner_text().startswith("About this site")
    assert "Published by" in page.locator("dl.fk-about").inner_text()


def _entity_with_alias(facts, script: str):
    """An entity and the last word of one of its aliases written in `script` (a Unicode range)."""
    for entity in sorted(facts["entities"], key=lambda e: e["id"]):
        for alias in entity.get("aliases", []):
            words = re.findall(rf"[{script}]+", alias)
            if words and len(words[-1]) >= 4:
                return entity, words[-1]
    pytest.fail(f"no entity has an alias in [{script}]")


@pytest.mark.parametrize("device", VIEWPORTS)
@pytest.mark.parametrize("script", ["\u0600-\u06ff", "\u0400-\u04ff"], ids=["arabic", "russian"])
def test_search_finds_an_entity_by_its_arabic_or_russian_name(open_page, facts, device, script):
    entity, word = _entity_with_alias(facts, script)
    page = open_page("", viewport=VIEWPORTS[device])
    results = search(page, word)
    assert results, f"search finds nothing for {word!r}"
    hrefs = page.locator(".md-search-result__item a").evaluate_all("els => els.map(a => a.href)")
    assert any(h.endswith(f"#entity-{entity['id']}") for h in hrefs), \
        f"no result for {word!r} leads to {entity['name']}'s card: {hrefs}"


def test_a_pasted_query_is_searched(open_page, facts):
    """Material searches on keyup; a pasted or dictated query (an input event and no key) is searched too."""
    entity, word = _entity_with_alias(facts, "\u0600-\u06ff")
    page = open_page("", viewport=VIEWPORTS["phone"])
    assert search(page, "Lavrov")  # typed key by key: the index is loaded and the worker ready
    page.locator("input.md-search__input").fill(word)  # as a paste: the whole text at once, no key events
    page.locator(f'.md-search-result__item a[href$="#entity-{entity["id"]}"]').first.wait_for(timeout=10000)


def test_the_search_index_waits_for_the_reader(open_page, base_url):
    page = open_page(None)
    fetched = []
    page.on("request", lambda r: sitecheck.SEARCH_INDEX in r.url and fetched.append(r.url))
    page.goto(base_url, wait_until="networkidle")
    page.wait_for_timeout(500)
    assert fetched == [], "the search index is fetched before the reader opens search"
    assert search(page, "Lavrov"), "search finds nothing once opened"
    assert len(fetched) == 1
