"""Browser tests: the real site, built once, served on 127.0.0.1, read in Debian's Chromium.

Every page opened through the `open_page` fixture is guarded: a request to any host but 127.0.0.1, a console
error or a dialog fails the test that opened it. Without Chromium the tests fail and say how to install it.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
import sitecheck

SITE_ROOT = Path(os.environ.get("FACTKIT_BROWSER_SITE_ROOT", sitecheck.REPO))


@pytest.fixture(scope="session")
def site(request, tmp_path_factory) -> Path:
    """The real site, built once with `mkdocs build --strict` (the flagship: shared with the other tests)."""
    if SITE_ROOT.resolve() == sitecheck.REPO.resolve():
        return request.getfixturevalue("flagship_site")
    try:
        return sitecheck.build_site(tmp_path_factory.mktemp("site"), SITE_ROOT)
    except RuntimeError as exc:
        pytest.fail(str(exc), pytrace=False)


@pytest.fixture(scope="session")
def base_url(site):
    with sitecheck.serve(site) as base:
        yield base


@pytest.fixture(scope="session")
def pages(site) -> list[str]:
    paths = sitecheck.sitemap_paths(site)
    assert paths, "sitemap.xml lists no pages"
    return paths


@pytest.fixture(scope="session")
def editions(site) -> dict[str, list[str]]:
    """Each edition's pages, the default (English) edition first: {'en': [...], 'ar': ['ar/', ...], ...}."""
    return sitecheck.edition_pages(site)


@pytest.fixture(scope="session")
def facts(site) -> dict:
    return sitecheck.facts_json(site)


def pytest_configure(config: pytest.Config) -> None:
    """The screenshots of the last run are removed once, by the main process (with ``-n``, its workers share the
    folder)."""
    if not hasattr(config, "workerinput"):
        sitecheck.screenshots_dir(empty=True)


@pytest.fixture(scope="session")
def screenshots() -> Path:
    return sitecheck.screenshots_dir()


@pytest.fixture
def open_page(chromium, base_url):
    """open_page(path, viewport=DESKTOP, **context_options) -> a guarded Playwright page at base_url + path."""
    contexts = []
    guard = sitecheck.Guard()

    def _open(path: str = "", viewport=sitecheck.DESKTOP, **options):
        context = chromium.new_context(viewport=viewport, **options)
        guard.attach(context)
        context.set_default_timeout(10_000)
        contexts.append(context)
        page = context.new_page()
        if path is not None:
            page.goto(base_url + path, wait_until="load")
        return page

    _open.guard = guard
    yield _open
    for context in contexts:
        context.close()
    assert not guard.problems(), "\n".join(guard.problems())
