"""The live preview (``mkdocs serve``) end to end: real HTTP requests, real edits to fact files; after each
edit every page the server answers equals a clean build of the same files; a broken fact file leaves the last good
pages with its errors shown over them (the server keeps answering), and fixing it brings the pages back."""

from __future__ import annotations

import contextlib
import json
import os
import re
import shutil
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urljoin

import pytest

WATER = Path(__file__).resolve().parent / "fixtures" / "sites" / "water"
CI_VARIABLES = ("FACTKIT_CI", "GITHUB_ACTIONS", "GITHUB_SERVER_URL", "GITHUB_REPOSITORY")  # a test is no publication
ENV = {**{k: v for k, v in os.environ.items() if k not in CI_VARIABLES},
       "FACTKIT_TODAY": "2026-11-27", "NO_MKDOCS_2_WARNING": "1"}
# what the preview adds to a page: the build it belongs to (for its reload), factkit's reload and errors script
_PREVIEW_ONLY = re.compile(r'<meta name="factkit-preview" content="[a-z-]* \d+">|\s*<script '
                           r'src="[./]*assets/factkit-preview.js"></script>')


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def get(url: str) -> str:
    with urllib.request.urlopen(url, timeout=20) as response:
        return str(response.read().decode("utf-8"))


def wait_for(what: Callable[[], bool], limit: float = 60) -> None:
    """Poll until ``what()`` holds (a generous limit: this is a test of behaviour, not of speed)."""
    end = time.monotonic() + limit
    while time.monotonic() < end:
        try:
            if what():
                return
        except OSError:
            pass
        time.sleep(0.1)
    raise AssertionError("the live preview did not get there in time")


@contextlib.contextmanager
def serving(site: Path, *options: str, ready: str = "fk-card") -> Iterator[str]:
    """``mkdocs serve`` of ``site`` on a free port (its address), once /claims/ shows ``ready``; no traceback may
    reach its output."""
    port = free_port()
    log = site.parent / "serve.log"  # a file, not a pipe: nobody reads a pipe while the server runs
    with log.open("w") as out:
        proc = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{port}", *options],
                                cwd=site, env=ENV, stdout=out, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}/"
    try:
        wait_for(lambda: ready in get(base + "claims/"))
        yield base
    finally:
        proc.terminate()
        proc.wait(timeout=20)
        printed = log.read_text(encoding="utf-8")
        assert "Traceback" not in printed, printed


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, str]]:
    site = tmp_path_factory.mktemp("serve") / "site"
    shutil.copytree(WATER, site)
    with serving(site, "--dirty", "-f", "mkdocs.yml") as base:  # as make serve runs it: a save rebuilds only
        # the pages it touches (and with the configuration named as a relative path, as MkDocs then keeps it)
        yield site, base


GENERATED = ("search/search_index.json", "data/facts.json", "data/claims.csv", "corrections.xml")


def fresh_build(site: Path, base: str, out: Path) -> dict[str, str]:
    """A clean `mkdocs build` of the same files, with the server's address as site_url."""
    config = site / "mkdocs-fresh.yml"
    text = (site / "mkdocs.yml").read_text(encoding="utf-8")
    config.write_text(re.sub(r"^site_url: .*$", f"site_url: {base}", text, flags=re.M), encoding="utf-8")
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(config), "-d", str(out)], cwd=site,
                   env=ENV, check=True, capture_output=True, timeout=120)
    config.unlink()
    pages = {}
    for path in sorted(out.rglob("*.html")):
        rel = path.relative_to(out).as_posix()
        pages["" if rel == "index.html" else rel.removesuffix("index.html")] = path.read_text(encoding="utf-8")
    for rel in GENERATED:  # the search index, the open data and the feed too
        pages[rel] = (out / rel).read_text(encoding="utf-8")
    for path in out.glob("*/search/search_index.json"):  # and each edition's search index
        pages[path.relative_to(out).as_posix()] = path.read_text(encoding="utf-8")
    return pages


def assert_same_as_a_fresh_build(site: Path, base: str, out: Path) -> None:
    for url, html in fresh_build(site, base, out).items():
        if url == "404.html":
            continue
        assert _PREVIEW_ONLY.sub("", get(base + url)) == html, url


def scoped_builds(site: Path) -> list[tuple[int, int]]:
    """(pages built, pages of the site) of each scoped build of the preview, from its log."""
    log = (site.parent / "serve.log").read_text(encoding="utf-8")
    found = re.findall(r"factkit: built the (\d+) pages the save touched \(of (\d+)\)", log)
    return [(int(built), int(of)) for built, of in found]


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_edits_to_claims_sources_and_entities_match_a_fresh_build(served: tuple[Path, str], tmp_path: Path) -> None:
    site, base = served
    facts = site / "facts"
    edit(facts / "claims.yml", "entered service in **July 2019**.", "entered service in **July 2019**, on time.")
    wait_for(lambda: "on time." in get(base + "claims/"))
    wait_for(lambda: bool(scoped_builds(site)))
    built, of = scoped_builds(site)[-1]
    assert 0 < built < of, "the first save rebuilt every page"
    assert_same_as_a_fresh_build(site, base, tmp_path / "a")
    edit(facts / "sources.yml", "may be renewed for further periods of ten years.",
         "may be renewed for further periods of ten years each.")
    wait_for(lambda: "ten years each." in get(base + "sources/"))
    edit(facts / "entities.yml", "Mayor of Eastbrook.", "Mayor of Eastbrook since 2020.")
    wait_for(lambda: "Mayor of Eastbrook since 2020." in get(base + "entities/"))
    with (facts / "claims.yml").open("a", encoding="utf-8") as fh:
        fh.write("  - id: brand-new-claim\n    text: A claim added while the preview runs.\n"
                 "    citations: [{source: council-minutes}]\n    topics: [reservoir]\n    checked: 2026-11-20\n")
    wait_for(lambda: "claim-brand-new-claim" in get(base + "claims/"))
    assert_same_as_a_fresh_build(site, base, tmp_path / "b")


def test_an_edited_page_builds_that_page_in_each_edition_that_shows_it_and_a_new_title_every_page(
        tmp_path: Path) -> None:
    """A save of a page's source builds the pages made from it: timeline.md is the English timeline and, not
    translated, the Arabic and Russian ones; index.md the English and the Russian home (the Arabic one is
    index.ar.md). With no nav in mkdocs.yml each page's title is its heading: a new one is in every page's
    navigation."""
    from test_editions import trilingual

    site = trilingual(tmp_path)
    config = site / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").split("\nnav:\n")[0] + "\n", encoding="utf-8")
    docs = site / "docs"
    with serving(site, "--dirty") as base:
        edit(docs / "timeline.md", "{{ timeline() }}", "What happened, in order.\n\n{{ timeline() }}")
        wait_for(lambda: "What happened, in order." in get(base + "ru/timeline/"))
        wait_for(lambda: bool(scoped_builds(site)))
        assert scoped_builds(site)[-1][0] == 3, scoped_builds(site)
        edit(docs / "index.md", "\n", "\n\nA line added to the English home.\n")
        wait_for(lambda: "A line added to the English home." in get(base))
        wait_for(lambda: len(scoped_builds(site)) > 1)
        assert scoped_builds(site)[-1][0] == 2, scoped_builds(site)
        assert "A line added" not in get(base + "ar/") and "A line added" in get(base + "ru/")
        assert_same_as_a_fresh_build(site, base, tmp_path / "a")
        edit(docs / "timeline.md", "# Timeline", "# What happened when")
        wait_for(lambda: "What happened when" in get(base + "ar/claims/"))  # in the navigation of a page not edited
        assert_same_as_a_fresh_build(site, base, tmp_path / "b")


def test_a_missing_page_asked_for_during_a_build_does_not_fail_it(served: tuple[Path, str]) -> None:
    """MkDocs' server logs every answer but 200 as a warning, and the preview answers during a build: a browser
    tab left on a missing page (the 404 page reloads itself) made strict mode abort the editor's good save."""
    site, base = served
    claims = site / "facts" / "claims.yml"
    good, log = claims.read_text(encoding="utf-8"), site.parent / "serve.log"
    start = len(log.read_text(encoding="utf-8"))
    asking = threading.Event()

    def ask() -> None:
        while not asking.is_set():
            with contextlib.suppress(urllib.error.HTTPError, OSError):
                get(base + "no-such-page/")

    thread = threading.Thread(target=ask, daemon=True)
    thread.start()
    try:
        with claims.open("a", encoding="utf-8") as fh:
            fh.write("  - id: asked-during-a-build\n    text: A claim saved while a tab asks for a missing page.\n"
                     "    citations: [{source: council-minutes}]\n    topics: [reservoir]\n    checked: 2026-11-20\n")
        wait_for(lambda: "claim-asked-during-a-build" in get(base + "claims/"))
        # the search index is answered once the build is over (a build strict mode stops prints why before)
        wait_for(lambda: "asked-during-a-build" in get(base + "search/search_index.json"))
    finally:
        asking.set()
        thread.join(30)
        claims.write_text(good, encoding="utf-8")
    printed = log.read_text(encoding="utf-8")[start:]
    assert "code 404" in printed and "could not be built" not in printed, printed
    assert preview_errors(base) == []
    wait_for(lambda: "claim-asked-during-a-build" not in get(base + "claims/"))


def preview_errors(base: str) -> list[dict[str, str]]:
    """The errors every page of the preview shows over itself (assets/factkit-preview.js reads them)."""
    return list(json.loads(get(base + "assets/factkit-preview.json"))["errors"])


def test_a_broken_fact_file_shows_its_errors_over_the_last_good_pages_and_the_fix_brings_them_back(
        served: tuple[Path, str], tmp_path: Path) -> None:
    site, base = served
    claims = site / "facts" / "claims.yml"
    good = claims.read_text(encoding="utf-8")
    before = get(base + "timeline/")
    assert "factkit-preview.js" in before and preview_errors(base) == []
    builds = len(scoped_builds(site))
    edit(claims, "checked: 2026-11-20", "checked: 2026-13-20")
    wait_for(lambda: bool(preview_errors(base)))
    shown = preview_errors(base)
    assert shown[0]["where"].startswith("facts/claims.yml:") and shown[0]["code"] == "bad-date", shown
    assert _PREVIEW_ONLY.sub("", get(base + "timeline/")) == _PREVIEW_ONLY.sub("", before)  # every page answers:
    # the last good one, the errors over it
    wait_for(lambda: len(scoped_builds(site)) > builds and scoped_builds(site)[-1][0] == 0)  # a build of no page
    claims.write_text(good, encoding="utf-8")
    wait_for(lambda: preview_errors(base) == [])
    edit(claims, "source: council-minutes", "source: council-minute")  # an error that names a claim: it links
    wait_for(lambda: any("claim 'deal-signed'" in e["message"] for e in preview_errors(base)))  # to its card
    href = next(e.get("href") for e in preview_errors(base) if "claim 'deal-signed'" in e["message"])
    assert href and href.endswith("#claim-deal-signed") and 'id="claim-deal-signed"' in get(base + href), href
    claims.write_text(good, encoding="utf-8")
    wait_for(lambda: preview_errors(base) == [])
    assert_same_as_a_fresh_build(site, base, tmp_path / "c")


def test_started_on_broken_facts_every_page_is_the_error_page(tmp_path: Path) -> None:
    """With no good build to show, each page is the report; fixing the file brings the pages."""
    site = tmp_path / "site"
    shutil.copytree(WATER, site)
    claims = site / "facts" / "claims.yml"
    good = claims.read_text(encoding="utf-8")
    edit(claims, "checked: 2026-11-20", "checked: 2026-13-20")
    with serving(site, "--dirty", ready="fk-build-error") as base:
        page = get(base + "timeline/")
        assert "fk-build-error" in page and "facts/claims.yml:" in page and "bad-date" in page
        claims.write_text(good, encoding="utf-8")
        wait_for(lambda: "fk-card" in get(base + "claims/"))
        assert_same_as_a_fresh_build(site, base, tmp_path / "d")


def test_a_page_error_shows_on_that_page_at_its_line(served: tuple[Path, str]) -> None:
    site, base = served
    page = site / "docs" / "timeline.md"
    good = page.read_text(encoding="utf-8")
    page.write_text(good + '\n{{ claim("reservoir-opend") }}\n', encoding="utf-8")
    line = len((good + "\n").splitlines()) + 1
    wait_for(lambda: "fk-build-error" in get(base + "timeline/"))
    shown = get(base + "timeline/")
    assert f"docs/timeline.md:{line}" in shown and "did you mean &#x27;reservoir-opened&#x27;" in shown
    contents = re.findall(r'<nav class="md-nav md-nav--secondary".*?</nav>', shown, re.DOTALL)
    assert contents and not any('href="#' in nav for nav in contents), contents  # the report has no sections
    assert "fk-build-error" not in get(base + "claims/")  # the other pages are built as usual
    page.write_text(good + "\n{{ claim(\n", encoding="utf-8")  # and a page Jinja cannot read
    wait_for(lambda: "template-syntax" in get(base + "timeline/"))
    page.write_text(good, encoding="utf-8")
    wait_for(lambda: "fk-build-error" not in get(base + "timeline/"))


def test_with_editions_a_broken_fact_file_shows_the_error_in_every_edition(tmp_path: Path) -> None:
    """mkdocs-static-i18n builds each edition again inside the build: every edition's pages show the errors (the
    script they share reads one status), and the fix brings them back."""
    from test_editions import trilingual

    site = trilingual(tmp_path)
    with serving(site, "--dirty") as base:
        wait_for(lambda: "fk-card" in get(base + "ar/claims/"))
        for url in ("", "ar/", "ru/timeline/"):  # each page's script, resolved as the browser does
            script = re.search(r'<script src="([^"]*factkit-preview\.js)"', get(base + url))
            assert script and urljoin(base + url, script[1]) == base + "assets/factkit-preview.js", url
        claims = site / "facts" / "claims.yml"
        good = claims.read_text(encoding="utf-8")
        edit(claims, "checked: 2026-11-20", "checked: 2026-13-20")
        wait_for(lambda: bool(preview_errors(base)))
        assert preview_errors(base)[0]["code"] == "bad-date"
        assert "fk-claim" in get(base + "ar/") and "fk-card" in get(base + "ru/claims/")  # the last good pages
        claims.write_text(good, encoding="utf-8")
        wait_for(lambda: preview_errors(base) == [])
        assert "fk-claim" in get(base + "ar/")
        edit(claims, "entered service in **July 2019**.", "entered service in **July 2019**, on time.")
        wait_for(lambda: "on time." in get(base + "claims/"))
        assert_same_as_a_fresh_build(site, base, tmp_path / "fresh")  # every edition's pages and search index


def test_a_build_mkdocs_itself_stops_is_shown_over_the_pages_and_the_server_keeps_answering(
        served: tuple[Path, str]) -> None:
    """A misspelled setting in mkdocs.yml stops the build inside MkDocs (its configuration check), where MkDocs'
    own server would hold every request until the file is fixed."""
    site, base = served
    config = site / "mkdocs.yml"
    good = config.read_text(encoding="utf-8")
    edit(config, "  - factkit:\n", "  - factkit:\n      report: 5\n")
    wait_for(lambda: bool(preview_errors(base)))
    assert any("'report'" in e["message"] and "must be a mapping" in e["message"] for e in preview_errors(base))
    assert "fk-card" in get(base + "claims/")  # answered at once: the last good page
    config.write_text(good, encoding="utf-8")
    wait_for(lambda: preview_errors(base) == [])


def test_a_yaml_error_in_the_configuration_is_one_located_line(served: tuple[Path, str]) -> None:
    """MkDocs says a YAML error of mkdocs.yml in PyYAML's four lines with the file's absolute path; the preview
    shows it as a fact file's: one line, where it is, with its code."""
    site, base = served
    config = site / "mkdocs.yml"
    good = config.read_text(encoding="utf-8")
    edit(config, "strict: true\n", "strict: [true\n")
    wait_for(lambda: bool(preview_errors(base)))
    (error,) = preview_errors(base)
    assert error["where"] == "mkdocs.yml:5" and error["code"] == "yaml-syntax", error
    assert "YAML syntax error" in error["message"] and "line 4" in error["message"], error
    config.write_text(good, encoding="utf-8")
    wait_for(lambda: preview_errors(base) == [])


def test_a_bad_factkit_setting_under_serve_is_called_a_settings_error_not_a_fact_error(
        served: tuple[Path, str]) -> None:
    """The preview's error page names what failed: a bad about: setting is not 'The facts have errors'."""
    site, base = served
    config = site / "mkdocs.yml"
    good = config.read_text(encoding="utf-8")
    edit(config, "  - factkit:\n", "  - factkit:\n      about: {fundng: x}\n")
    wait_for(lambda: bool(preview_errors(base)))
    status = json.loads(get(base + "assets/factkit-preview.json"))
    assert status["title"].startswith("The factkit settings") and "about.fundng" in status["errors"][0]["message"]
    config.write_text(good, encoding="utf-8")
    wait_for(lambda: preview_errors(base) == [])


BUILD_OF = "Number((document.querySelector('meta[name=\"factkit-preview\"]') || {content: ' 0'}).content.split(' ')[1])"


def build_of(page: Any) -> int:
    """The build the preview says a page open in the browser comes from."""
    return int(page.evaluate(BUILD_OF))


@pytest.mark.browser
def test_open_pages_of_every_edition_show_a_save_by_themselves_in_chromium(tmp_path: Path, chromium: Any) -> None:
    """A page left open in the browser asks the server for the next build of its edition and reloads itself: an
    edit shows in the English and the Arabic edition, a broken save shows its errors over both, the fix clears
    them, with no click."""
    sys.path.insert(0, str(Path(__file__).parent / "browser"))
    from test_editions import trilingual

    site = trilingual(tmp_path)
    claims = site / "facts" / "claims.yml"
    good = claims.read_text(encoding="utf-8")
    with serving(site, "--dirty") as base:
        context = chromium.new_context()
        try:
            en, ar = context.new_page(), context.new_page()
            en.goto(base + "claims/")
            ar.goto(base + "ar/claims/")
            assert ar.locator("html").get_attribute("lang") == "ar"
            built = {page: build_of(page) for page in (en, ar)}
            edit(claims, "entered service in **July 2019**.", "entered service in **July 2019**, on time.")
            en.get_by_text("on time.").first.wait_for(state="attached", timeout=30_000)  # a locator: asked again
            ar.wait_for_function(f"{BUILD_OF} > {built[ar]}", timeout=30_000)  # the Arabic text is the translation's
            assert "on time." not in ar.content() and build_of(en) > built[en]
            edit(claims, "checked: 2026-11-20", "checked: 2026-13-20")
            for page in (en, ar):
                page.wait_for_selector(".fk-preview-overlay", timeout=30_000)
                assert "[bad-date]" in page.locator(".fk-preview-overlay").inner_text()
            assert ar.locator(".fk-preview-overlay").get_attribute("dir") == "ltr"  # an English report
            en.keyboard.press("Escape")  # the last good page, with a bar that says so, also after a reload
            assert en.locator(".fk-preview-overlay").count() == 0 and en.locator(".fk-preview-bar").is_visible()
            en.reload()
            en.locator(".fk-preview-bar").wait_for(timeout=30_000)
            assert en.locator(".fk-preview-overlay").count() == 0
            en.get_by_role("button", name="Show the errors").click()
            assert "[bad-date]" in en.locator(".fk-preview-overlay").inner_text()
            claims.write_text(good, encoding="utf-8")
            for page in (en, ar):
                page.wait_for_selector(".fk-preview-overlay", state="detached", timeout=30_000)
                assert "on time." not in page.locator("body").inner_text()
                assert page.locator(".fk-preview-bar").count() == 0
        finally:
            context.close()
