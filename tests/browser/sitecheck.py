"""Shared machinery for the browser tests and scripts/site_report.py.

Build the real site, serve it on 127.0.0.1, drive Debian's Chromium with Playwright, and measure each page
against the quality bars (accessibility, privacy, weight, console, links, meta). Nothing here reaches the network.
"""

from __future__ import annotations

import contextlib
import functools
import json
import os
import posixpath
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urldefrag, urljoin, urlsplit
from xml.etree import ElementTree

from bs4 import BeautifulSoup

REPO = Path(__file__).resolve().parents[2]
TODAY = "2026-12-01"  # the day the flagship's facts were last checked (never the clock)
CHROMIUM_CANDIDATES = ("/usr/bin/chromium", "/usr/lib/chromium/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
HOW_TO_INSTALL = (
    "The browser tests drive Debian's Chromium, which is not installed here.\n"
    "Install it with:  sudo apt-get install -y chromium   (or run `make browser`, which installs it as root).\n"
    "Set FACTKIT_CHROMIUM=/path/to/chromium to use another binary. `make test-fast` runs everything else."
)
DESKTOP = {"width": 1280, "height": 800}
PHONE = {"width": 375, "height": 740}

# ---- quality budgets (README, "Quality budgets") ----------------------------------------------------------
# A claim page (prose with inline claims) must stay light; the generated reference pages (every claim, every
# source, every entity) carry the whole fact base and get a larger allowance. Transfer = HTML + every asset the
# page loads, except the search index (fetched once by the search worker, only when the reader searches).
BUDGET_HTML_KB = 360            # per claim page, with its previews and "Sources on this page" (/ru/visit/: 317 KB)
BUDGET_HTML_REFERENCE_KB = 1200  # per generated reference page (claims index, sources, people, fact-check, timeline)
BUDGET_TOTAL_KB = 1536          # per page: HTML + assets, excluding the search index
BUDGET_TOTAL_REFERENCE_KB = 2048
REFERENCE_RECORDS = 25
AXE_BLOCKING = ("serious", "critical")
SEARCH_INDEX = "search/search_index.json"


def find_chromium() -> str | None:
    candidates = [os.environ.get("FACTKIT_CHROMIUM", ""), *CHROMIUM_CANDIDATES]
    return next((c for c in candidates if c and os.access(c, os.X_OK)), None)


# ---- build and serve ----------------------------------------------------------------------------------------

CI_VARIABLES = ("FACTKIT_CI", "GITHUB_ACTIONS", "GITHUB_SERVER_URL", "GITHUB_REPOSITORY")


def build_site(out: Path, root: Path = REPO, **extra_env: str) -> Path:
    """`mkdocs build --strict` of the project at `root` into `out`; raises with the build log on failure.
    CI's variables are left out (a test build is not a publication) unless given in `extra_env`."""
    env = {k: v for k, v in os.environ.items() if k not in CI_VARIABLES}
    env |= {"FACTKIT_TODAY": TODAY, "NO_MKDOCS_2_WARNING": "1", "PYTHONPATH": str(root), **extra_env}
    proc = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-d", str(out)],
                          cwd=root, env=env, capture_output=True, text=True, timeout=300)
    if proc.returncode != 0:
        raise RuntimeError(f"mkdocs build --strict failed ({proc.returncode}):\n{proc.stdout}\n{proc.stderr}")
    return out


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextlib.contextmanager
def serve(site: Path):
    """Serve `site` with `python -m http.server` on a free 127.0.0.1 port; yields the base URL."""
    port = free_port()
    proc = subprocess.Popen([sys.executable, "-m", "http.server", "--bind", "127.0.0.1", str(port),
                             "--directory", str(site)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}/"
    try:
        for _ in range(100):
            try:
                with urllib.request.urlopen(base + "sitemap.xml", timeout=1):
                    break
            except OSError:
                if proc.poll() is not None:
                    raise RuntimeError("http.server exited at start") from None
                time.sleep(0.05)
        yield base
    finally:
        proc.terminate()
        proc.wait(timeout=10)


def launch(playwright):
    exe = find_chromium()
    if exe is None:
        raise FileNotFoundError(HOW_TO_INSTALL)
    return playwright.chromium.launch(executable_path=exe, args=CHROMIUM_ARGS)


# ---- the site's pages -----------------------------------------------------------------------------------------

# The other editions (mkdocs-static-i18n: /ar/, /ru/) have the same pages as the English one; the full per-page
# sweep runs on the English edition and on these pages of each other edition (its translated ones), so that the
# suite's running time does not triple with the editions.
EDITION_SWEEP = ("", "fact-check/", "visit/")


def _sitemap(site: Path) -> list[tuple[str, dict[str, str]]]:
    """(page path, {hreflang: path of that edition's page}) for each <url> of sitemap.xml."""
    tree = ElementTree.parse(site / "sitemap.xml")
    out = []
    for url in tree.iter():
        if not url.tag.endswith("}url"):
            continue
        loc = next((el.text.strip() for el in url if el.tag.endswith("loc") and el.text), None)
        if loc is None:
            continue
        alternates = {el.get("hreflang", ""): urlsplit(el.get("href", "")).path.lstrip("/")
                      for el in url if el.tag.endswith("}link") and el.get("rel") == "alternate"}
        out.append((urlsplit(loc).path.lstrip("/"), alternates))
    return out


def edition_pages(site: Path) -> dict[str, list[str]]:
    """Each edition's pages by language, the default edition first ({'en': ['', 'visit/', …], 'ar': ['ar/', …]});
    {'': [every page]} for a site with one edition."""
    entries = _sitemap(site)
    default = next((lang for path, alt in entries for lang, href in alt.items() if href == path), "")
    found: dict[str, list[str]] = {default: []}
    for path, alternates in entries:
        lang = next((code for code, href in alternates.items() if href == path), default)
        found.setdefault(lang, []).append(path)
    return found


def sitemap_paths(site: Path) -> list[str]:
    """Site-relative paths ('' for the home page, 'visit/' ...) of the default edition's pages, from sitemap.xml."""
    return next(iter(edition_pages(site).values()))


def edition_sweep(site: Path) -> list[str]:
    """The other editions' pages that get the full per-page sweep: their home, fact-check and visit pages."""
    out = []
    for lang, paths in list(edition_pages(site).items())[1:]:
        out += [p for p in (f"{lang}/{local}" for local in EDITION_SWEEP) if p in paths]
    return out


def page_file(site: Path, path: str) -> Path:
    path = unquote(path.split("#")[0].split("?")[0])
    target = site / path
    return target / "index.html" if path == "" or path.endswith("/") or target.is_dir() else target


def facts_json(site: Path) -> dict:
    with (site / "data" / "facts.json").open(encoding="utf-8") as f:
        return json.load(f)


def record_count(soup: BeautifulSoup) -> int:
    """How many fact records a page lists (claim cards, sources, entity cards, statements, timeline entries)."""
    article = soup.select_one("article") or soup
    return len(article.select(".fk-card, .fk-source, .fk-entity-card, .fk-statement, .fk-timeline > li"))


def is_reference_page(soup: BeautifulSoup) -> bool:
    """A generated reference page lists at least REFERENCE_RECORDS records; every other page is a claim page."""
    return record_count(soup) >= REFERENCE_RECORDS


# ---- static checks on the built files -----------------------------------------------------------------------

@functools.cache
def parsed(file: Path) -> BeautifulSoup:
    """A built file, parsed once per test process (every test only reads it)."""
    return BeautifulSoup(file.read_text(encoding="utf-8"), "lxml")


@functools.cache
def ids_of(file: Path) -> frozenset[str]:
    """A built file's ids and anchor names, read once per test process (the sweep's parts share them)."""
    soup = parsed(file)
    named = {a["name"] for a in soup.find_all("a", attrs={"name": True})}
    return frozenset({el["id"] for el in soup.find_all(id=True)} | named)


def broken_links(site: Path, path: str) -> list[str]:
    """Internal links (href/src) from one page whose file or #anchor is missing in the build."""
    here = page_file(site, path)
    soup = parsed(here)
    base_dir = posixpath.dirname(path) if not path.endswith("/") and path else path.rstrip("/")
    problems = []
    for el in soup.find_all(["a", "link", "script", "img", "source"]):
        ref = el.get("href") or el.get("src")
        if not ref or (el.name == "link" and "canonical" in (el.get("rel") or [])):
            continue
        parts = urlsplit(ref)
        if parts.scheme or parts.netloc or ref.startswith(("mailto:", "tel:", "javascript:", "data:")):
            continue
        url, frag = urldefrag(ref)
        if url.startswith("/"):
            target_path = url.lstrip("/")
        else:
            target_path = posixpath.normpath(posixpath.join(base_dir or ".", url)) if url else path
            if url.endswith("/") and not target_path.endswith("/"):
                target_path += "/"
            if target_path == ".":
                target_path = ""
        target = page_file(site, target_path)
        if not target.is_file():
            problems.append(f"{ref} (no file {target.relative_to(site)})")
            continue
        checkable = frag and not frag.startswith(":~:") and target.suffix == ".html"
        if checkable and unquote(frag) not in ids_of(target):
            problems.append(f"{ref} (no #{unquote(frag)} in {target.relative_to(site)})")
    return problems


def meta_problems(soup: BeautifulSoup) -> list[str]:
    missing = []
    if not (soup.title and soup.title.get_text(strip=True)):
        missing.append("title")
    for attr, name in (("name", "description"), ("property", "og:title"), ("property", "og:description"),
                       ("property", "og:type")):
        tag = soup.find("meta", attrs={attr: name})
        if not (tag and tag.get("content", "").strip()):
            missing.append(name)
    return missing


# ---- in-browser measurement -------------------------------------------------------------------------------------

@dataclass
class Guard:
    """Everything a page does that a reader must never see: foreign requests, console errors, dialogs."""

    origin_host: str = "127.0.0.1"
    foreign: list[str] = field(default_factory=list)
    console_errors: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)
    requested: list[str] = field(default_factory=list)

    def attach(self, context) -> None:
        def route(route):
            url = route.request.url
            host = urlsplit(url).hostname
            if url.startswith(("data:", "blob:", "about:")) or host == self.origin_host:
                self.requested.append(url)
                route.continue_()
            else:
                self.foreign.append(url)
                route.abort()

        context.route("**/*", route)
        context.on("page", self.watch)

    def watch(self, page) -> None:
        page.on("console", lambda m: m.type == "error" and self.console_errors.append(f"{page.url}: {m.text}"))
        page.on("pageerror", lambda e: self.console_errors.append(f"{page.url}: {e}"))

        def dialog(d):
            self.dialogs.append(f"{page.url}: {d.type} {d.message!r}")
            d.dismiss()

        page.on("dialog", dialog)

    def problems(self) -> list[str]:
        out = [f"request left 127.0.0.1: {u}" for u in self.foreign]
        out += [f"console error: {e}" for e in self.console_errors]
        out += [f"dialog fired: {d}" for d in self.dialogs]
        return out


@dataclass
class PageReport:
    path: str
    reference: bool
    html_kb: float
    assets_kb: float
    axe_blocking: int
    axe_ids: list[str]
    foreign: int
    console: int
    broken: list[str]
    meta_missing: list[str]
    overflow_px: int
    about: str | None = None  # where the footer's About link leads (None: no single visible one)

    @property
    def total_kb(self) -> float:
        return self.html_kb + self.assets_kb

    def failures(self) -> list[str]:
        out = []
        html_budget = BUDGET_HTML_REFERENCE_KB if self.reference else BUDGET_HTML_KB
        total_budget = BUDGET_TOTAL_REFERENCE_KB if self.reference else BUDGET_TOTAL_KB
        if self.axe_blocking:
            out.append(f"axe: {self.axe_blocking} serious/critical ({', '.join(self.axe_ids)})")
        if self.foreign:
            out.append(f"{self.foreign} request(s) left 127.0.0.1")
        if self.console:
            out.append(f"{self.console} console error(s)")
        if self.html_kb > html_budget:
            out.append(f"HTML {self.html_kb:.0f} KB > {html_budget} KB")
        if self.total_kb > total_budget:
            out.append(f"transfer {self.total_kb:.0f} KB > {total_budget} KB")
        if self.broken:
            out.append(f"{len(self.broken)} broken link(s): {'; '.join(self.broken[:5])}")
        if self.meta_missing:
            out.append(f"missing {', '.join(self.meta_missing)}")
        if self.overflow_px > 0:
            out.append(f"scrolls sideways by {self.overflow_px}px")
        if self.about is None:
            out.append("no visible About link in the footer")
        return [f"/{self.path}: {m}" for m in out]


def local_size_kb(site: Path, url: str) -> float:
    path = urlsplit(url).path.lstrip("/")
    f = page_file(site, path)
    return f.stat().st_size / 1024 if f.is_file() else 0.0


AXE_OPTIONS = {"resultTypes": ["violations"]}
# Only the rules that can report a serious or critical violation (the bar); the minor/moderate ones (region,
# heading-order, landmarks...) cannot fail it and cost seconds on the long reference pages.
# color-contrast is most of axe's time on a long list (13 of 15 s on /sources/). It runs on everything outside
# the lists and on one entry of each look in each list: entries whose elements have the same tags, classes, lang,
# dir, style and attribute names are styled by the same rules (the stylesheets select by class). The other rules
# run on the whole page.
AXE_START = """([opts, impacts]) => {
    const rules = (axe._audit && axe._audit.rules || []).filter(r => r.enabled && impacts.includes(r.impact));
    const ids = rules.map(r => r.id);
    if (!ids.includes('color-contrast')) { window.__fkAxe = axe.run(document, opts); return; }
    const kept = ['lang', 'dir', 'style', 'open', 'hidden'];
    const look = el => [el, ...el.querySelectorAll('*')].map(e => e.tagName + '.' + [...e.classList].sort().join('.')
        + [...e.attributes].map(a => kept.includes(a.name) ? a.name + '=' + a.value
            : a.name.startsWith('data-') || a.name.startsWith('aria-') ? a.name : '').join(','))
        .sort().filter((v, i, a) => v !== a[i - 1]).join(' ');
    for (const list of document.querySelectorAll('article *')) {
        if (list.children.length < 12) continue;
        const seen = new Set();
        for (const entry of list.children) {
            const key = look(entry);
            if (seen.has(key)) entry.setAttribute('data-fk-axe-same', ''); else seen.add(key);
        }
    }
    const others = ids.filter(id => id !== 'color-contrast');
    const contrast = {exclude: [['[data-fk-axe-same]']]};
    window.__fkAxe = axe.run(document, {...opts, runOnly: {type: 'rule', values: others}})
        .then(a => axe.run(contrast, {...opts, runOnly: {type: 'rule', values: ['color-contrast']}})
        .then(b => ({violations: [...a.violations, ...b.violations]})));
}"""


def shot_name(path: str, device: str) -> str:
    return (path.strip("/").replace("/", "_").removesuffix(".html") or "overview") + f"-{device}.png"


def _start(browser, base: str, path: str, viewport, shots: Path | None = None) -> tuple:
    """Open one page in its own context (its own renderer process) and start axe on it without waiting."""
    from axe_playwright_python.sync_playwright import Axe

    context = browser.new_context(viewport=viewport)
    guard = Guard()
    guard.attach(context)
    page = context.new_page()
    page.goto(base + path, wait_until="load")
    overflow = page.evaluate("document.scrollingElement.scrollWidth - window.innerWidth")
    if shots is not None:
        page.screenshot(path=shots / shot_name(path, "desktop" if viewport["width"] >= 1000 else "phone"))
    about = page.locator(".md-footer .fk-footer-about")
    if about.count() == 1:
        about.scroll_into_view_if_needed()
    about_url = urljoin(page.url, about.get_attribute("href") or "") if about.count() == 1 and about.is_visible() \
        else None
    page.evaluate(Axe().axe_script)
    page.evaluate(AXE_START, [AXE_OPTIONS, list(AXE_BLOCKING)])
    return context, page, guard, overflow, about_url


def _finish(site: Path, path: str, started: tuple) -> PageReport:
    context, page, guard, overflow, about = started
    try:
        file = page_file(site, path)
        soup = parsed(file)
        report = PageReport(
            path=path, reference=is_reference_page(soup), html_kb=file.stat().st_size / 1024, assets_kb=0.0,
            axe_blocking=0, axe_ids=[], foreign=0, console=0, broken=broken_links(site, path),
            meta_missing=meta_problems(soup), overflow_px=max(0, overflow), about=about,
        )
        violations = page.evaluate("window.__fkAxe.then(r => r.violations)")
        blocking = [v for v in violations if v.get("impact") in AXE_BLOCKING]
        report.axe_blocking = sum(len(v["nodes"]) for v in blocking)
        report.axe_ids = sorted({v["id"] for v in blocking})
        assets = {u.split("#")[0] for u in guard.requested}
        report.assets_kb = sum(local_size_kb(site, u) for u in assets
                               if urlsplit(u).path.lstrip("/") not in (path, SEARCH_INDEX))
        report.foreign, report.console = len(guard.foreign), len(guard.console_errors)
        return report
    finally:
        context.close()


def measure_pages(browser, base: str, site: Path, paths: list[str], viewport=DESKTOP, parallel: int = 3,
                  shots: Path | None = None):
    """Measure pages against every quality bar; axe runs on `parallel` pages at once while Python checks links.
    With `shots`, a screenshot of each page (as loaded, top of the page) is saved there."""
    reports: list[PageReport] = []
    for i in range(0, len(paths), parallel):
        chunk = paths[i:i + parallel]
        started = [_start(browser, base, path, viewport, shots) for path in chunk]
        reports += [_finish(site, path, s) for path, s in zip(chunk, started, strict=True)]
    return reports


def table(reports: list[PageReport]) -> str:
    head = ("page", "kind", "HTML KB", "assets KB", "total KB", "axe s/c", "foreign", "console", "bad links",
            "meta", "overflow")
    rows = [head]
    for r in reports:
        rows.append((
            "/" + r.path, "reference" if r.reference else "claim", f"{r.html_kb:.0f}", f"{r.assets_kb:.0f}",
            f"{r.total_kb:.0f}", str(r.axe_blocking), str(r.foreign), str(r.console), str(len(r.broken)),
            "ok" if not r.meta_missing else "missing " + ",".join(r.meta_missing), f"{r.overflow_px}px",
        ))
    widths = [max(len(row[i]) for row in rows) for i in range(len(head))]
    lines = [" | ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)) for row in rows]
    lines.insert(1, "-+-".join("-" * w for w in widths))
    budgets = (f"budgets: claim page HTML <= {BUDGET_HTML_KB} KB, total <= {BUDGET_TOTAL_KB} KB; reference page "
               f"HTML <= {BUDGET_HTML_REFERENCE_KB} KB, total <= {BUDGET_TOTAL_REFERENCE_KB} KB "
               "(search index excluded); axe serious/critical = 0; foreign requests = 0; console errors = 0")
    return "\n".join([*lines, budgets])


def site_problems(site: Path) -> list[str]:
    out = []
    if not (site / "sitemap.xml").is_file():
        out.append("no sitemap.xml")
    if not (site / "404.html").is_file():
        out.append("no 404.html")
    return out


def screenshots_dir(empty: bool = False) -> Path:
    """tests/artifacts/screenshots/ (ignored by git); ``empty``: removing the last run's."""
    out = REPO / "tests" / "artifacts" / "screenshots"
    if empty:
        shutil.rmtree(out, ignore_errors=True)
    out.mkdir(parents=True, exist_ok=True)
    return out
