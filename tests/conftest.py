"""Shared test options: ``--runslow`` runs the long fuzzing runs marked ``slow``; with ``pytest -n N --dist
loadgroup`` (``make test``), a module's tests run in one worker, so that its fixtures (a site built for its tests)
are built once, unless a test names its own group (the quality sweep's parts)."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--runslow", action="store_true", default=False, help="also run tests marked slow")


@pytest.hookimpl(tryfirst=True)  # before pytest-xdist reads the groups
def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    for item in items:
        if item.get_closest_marker("xdist_group") is None:
            item.add_marker(pytest.mark.xdist_group(item.nodeid.split("::", 1)[0]))
    if config.getoption("--runslow") or "slow" in (config.getoption("-m") or ""):
        return
    skip = pytest.mark.skip(reason="long run: use --runslow or -m slow")
    for item in items:
        if "slow" in item.keywords:
            item.add_marker(skip)


@pytest.fixture(scope="session")
def flagship_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """This repository's site, built once per test process (``mkdocs build --strict``, on the day its facts were
    last checked, never the clock; not a publication: CI's variables left out). Tests read it and never write."""
    sys.path.insert(0, str(Path(__file__).parent / "browser"))
    import sitecheck

    try:
        return sitecheck.build_site(tmp_path_factory.mktemp("flagship") / "site")
    except RuntimeError as exc:
        pytest.fail(str(exc), pytrace=False)


@pytest.fixture(scope="session")
def chromium() -> Iterator[Any]:
    """One headless Chromium per test process, shared by every browser test (Playwright's sync API runs one
    instance per thread: a second ``sync_playwright()`` beside a running one fails)."""
    sys.path.insert(0, str(Path(__file__).parent / "browser"))
    import sitecheck
    from playwright.sync_api import sync_playwright

    if sitecheck.find_chromium() is None:
        pytest.fail(sitecheck.HOW_TO_INSTALL, pytrace=False)
    with sync_playwright() as p:
        browser = sitecheck.launch(p)
        yield browser
        browser.close()
