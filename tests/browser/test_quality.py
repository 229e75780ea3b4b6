"""Quality bars on every page (axe, privacy, weight, console, links, meta), printed as a table (`pytest -s`),
the site-level files (sitemap, 404), and screenshots of the main pages for a human to look at."""

from __future__ import annotations

import pytest
import sitecheck

pytestmark = pytest.mark.browser


QUARTERS = 4  # every page, in four parts that test runners can share out (pytest -n)


@pytest.mark.parametrize("part", [pytest.param(n, id=f"part{n + 1}of{QUARTERS}", marks=pytest.mark.xdist_group(
    f"quality-{n}")) for n in range(QUARTERS)])
def test_quality_bars_on_every_page(chromium, base_url, site, pages, screenshots, part):
    swept = [*pages, *sitecheck.edition_sweep(site), "404.html"]  # English, and ar/ru home, fact-check, visit
    assert len(swept) >= QUARTERS
    swept.sort(key=lambda path: -sitecheck.page_file(site, path).stat().st_size)  # parts of about equal weight
    reports = sitecheck.measure_pages(chromium, base_url, site, swept[part::QUARTERS], shots=screenshots)
    print("\n" + sitecheck.table(reports))
    failures = [f"/{r.path}: {f}" for r in reports for f in r.failures()] + sitecheck.site_problems(site)
    abouts = {r.about for r in reports if r.path in pages}  # one About page for the English edition
    assert len(abouts) <= 1, f"the footer's About link leads to several pages: {abouts}"
    assert not failures, "\n".join(failures)


def test_site_has_sitemap_and_a_404_page(open_page, site, pages):
    assert (site / "sitemap.xml").is_file() and pages
    assert (site / "404.html").is_file()
    page = open_page("404.html")
    assert "404" in page.locator("article").inner_text()
    home = page.locator("a.md-header__button.md-logo")
    home.click()
    page.wait_for_load_state("load")
    assert page.locator("article h1").first.is_visible(), "the 404 page's home link does not lead home"


@pytest.mark.parametrize("device", ["desktop", "phone"])
def test_screenshots_of_reader_moments(open_page, screenshots, device):
    """Per-page screenshots are taken where the pages are already open (quality bars: desktop; navigation:
    phone). These are the moments in between: the whole overview, the phone drawer, a citation preview."""
    viewport = sitecheck.DESKTOP if device == "desktop" else sitecheck.PHONE
    page = open_page("", viewport=viewport)
    page.screenshot(path=screenshots / f"overview-{device}-full.png", full_page=True)
    if device == "phone":
        page.locator("label.md-header__button[for='__drawer']").click()
        page.wait_for_timeout(400)
        page.screenshot(path=screenshots / "overview-phone-drawer.png")
        page.keyboard.press("Escape")
        page.reload()
    marker = page.locator("article .fk-cite-ref").first
    marker.scroll_into_view_if_needed()
    marker.focus()
    page.wait_for_timeout(300)
    page.screenshot(path=screenshots / f"citation-preview-{device}.png")
    assert (screenshots / f"citation-preview-{device}.png").stat().st_size > 5000
