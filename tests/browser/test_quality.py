"""Quality bars on every page (axe, privacy, weight, console, links, meta), printed as a table (`pytest -s`),
the site-level files (sitemap, 404), and screenshots of the main pages for a human to look at."""

from __future__ import annotations

import pytest
import sitecheck

pytestmark = pytest.mark.browser


def test_quality_bars_on_every_page(chromium, base_url, site, pages):
    reports = sitecheck.measure_pages(chromium, base_url, site, [*pages, "404.html"])
    print("\n" + sitecheck.table(reports))
    failures = [f for r in reports for f in r.failures()] + sitecheck.site_problems(site)
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
def test_screenshots_of_main_pages(open_page, pages, device, screenshots):
    viewport = sitecheck.DESKTOP if device == "desktop" else sitecheck.PHONE
    for path in pages:
        page = open_page(path, viewport=viewport)
        name = (path.strip("/").replace("/", "_") or "overview") + f"-{device}.png"
        page.screenshot(path=screenshots / name)
        if path == "":
            page.screenshot(path=screenshots / f"overview-{device}-full.png", full_page=True)
    page = open_page("", viewport=viewport)
    if device == "phone":
        page.locator("label.md-header__button[for='__drawer']").click()
        page.wait_for_timeout(400)
        page.screenshot(path=screenshots / "overview-phone-drawer.png")
    marker = page.locator("article .fk-cite-ref").first
    marker.scroll_into_view_if_needed()
    marker.focus()
    page.wait_for_timeout(300)
    page.screenshot(path=screenshots / f"citation-preview-{device}.png")
    assert len(list(screenshots.glob(f"*-{device}*.png"))) >= len(pages)


@pytest.fixture(scope="session")
def screenshots():
    return sitecheck.copy_screenshots_dir()
