"""One build of a site, whatever the host: the checked facts, the macros pages call, and the steps after.

A host (factkit.hosts.mkdocs, a script, another generator) drives it in this order:

1. ``Site.open(project, settings, pages)``: load and check the facts (``SiteError`` with the
   ``path:line`` report when they have errors) and find where the generated lists live;
2. per page: ``begin_page(url, path, line_offset)``, then ``call(name, args, kwargs)`` for each macro
   (a bad call is collected as a located problem and renders nothing), then ``take_errors()``;
3. ``finish(site_dir)``: every claim must be on some page, and the open-data export is written.
"""

from __future__ import annotations

import datetime as dt
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from . import check, errors, report
from .loader import FileReader
from .macros import MACROS, MacroError, bind
from .pagescan import find_homes
from .problems import Problem
from .render import Renderer, export
from .store import FactBase, FactLookupError, lookup


class SiteError(Exception):
    """The site cannot be built; the message is the report to show (no traceback)."""


@dataclass
class Settings:
    """A site's factkit settings (the host reads them from its configuration file)."""

    facts_dir: str = "facts"
    topics: dict[str, str] = field(default_factory=dict)  # topic id -> heading, in this order
    repo: str = ""  # e.g. https://github.com/OWNER/REPO: "report an error" links open its issue form
    site_url: str = ""
    config_file: str = "mkdocs.yml"  # shown in problems about the settings
    # lang -> {translator, reviewer}: who translated an edition's records and who reviews them (factkit.i18n)
    translations: dict[str, dict[str, str]] = field(default_factory=dict)


def _line_of(path: Path, key: str) -> int:
    """The line of ``key:`` in a configuration file (1 when it cannot be found)."""
    try:
        text = path.read_text(encoding="utf-8")
    except OSError:
        return 1
    found = re.search(rf"(?:^|[{{,\s-])['\"]?{re.escape(key)}['\"]?[ \t]*:", text, re.MULTILINE)
    return text.count("\n", 0, found.start()) + 1 if found else 1


def _epoch(facts: FactBase) -> int | None:
    """The latest date in the facts as a timestamp: a build's date that depends on the facts, not the clock."""
    days = [c.checked.latest() for c in facts.claims.values()] + [s.accessed.latest() for s in facts.sources.values()]
    if facts.review:
        days.append(facts.review.published.latest())
    return int(dt.datetime.combine(max(days), dt.time(), dt.UTC).timestamp()) if days else None


class Site:
    """The facts of one build and the state of the page being rendered."""

    def __init__(self, facts: FactBase, renderer: Renderer, warnings: list[Problem]) -> None:
        self.facts = facts
        self.renderer = renderer
        self.warnings = warnings
        self.epoch = _epoch(facts)
        self._page = ("(no page)", 0)  # (path shown in problems, lines before the page's Markdown)
        self._errors: list[Problem] = []

    @classmethod
    def open(cls, project: Path, settings: Settings, pages: list[tuple[str, str]],
             reader: FileReader | None = None) -> Site:
        """Check the facts under ``project`` and prepare the renderer; ``pages`` are (URL, Markdown);
        ``reader`` reads each fact file (a live preview passes one that keeps unchanged files' records)."""
        facts, problems = check(project / settings.facts_dir, base_dir=project, reader=reader)
        if errors(problems):
            raise SiteError("The facts have errors; the site was not built:\n" + report(problems))
        config = project / settings.config_file
        bad = []
        for topic, label in settings.topics.items():
            where = f"{settings.config_file}:{_line_of(config, str(topic))}"
            if not isinstance(label, str) or not label.strip():
                bad.append(f"{where}: topic '{topic}': the label must be text, not {label!r} [bad-setting]")
                continue
            try:
                lookup("topic", topic, [*facts.claims_by_topic, "other"])
            except FactLookupError as exc:
                bad.append(f"{where}: topics: {exc}; list only topics that claims use [{exc.code}]")
        if bad:
            raise SiteError("The factkit settings have errors:\n" + "\n".join(bad))
        homes = find_homes(pages, site_url=settings.site_url, repo=settings.repo)
        labels = {str(k): v.strip() for k, v in settings.topics.items()}
        return cls(facts, Renderer(facts, homes, labels, credits=settings.translations), problems)

    # ---- pages ------------------------------------------------------------------------------

    def for_page(self) -> Site:
        """The same facts with a renderer of its own (for a host that renders pages in parallel)."""
        r = self.renderer
        return Site(self.facts, Renderer(self.facts, r.homes, r.topics, credits=r.credits), self.warnings)

    def begin_page(self, url: str, path: str, line_offset: int = 0, lang: str | None = None,
                   prose_lang: str | None = None) -> None:
        """The page about to be rendered: its URL, the path shown in problems, and the lines (front matter)
        that come before the Markdown the host renders; ``lang``: the edition it belongs to (None: the default
        language), ``prose_lang``: the language its own text is written in (English on a page not translated)."""
        self.renderer.begin_page(url, lang, prose_lang)
        self._page = (path, line_offset)

    def call(self, name: str, args: tuple[Any, ...], kwargs: dict[str, Any], line: int | None = None) -> Any:
        """Run macro ``name`` for the current page; ``line`` is its line in the rendered Markdown."""
        try:
            return bind(self.renderer, name, args, kwargs)
        except MacroError as exc:
            shown = ", ".join([repr(a) for a in args] + [f"{k}={v!r}" for k, v in kwargs.items()])
            path, offset = self._page
            self._errors.append(Problem(path, (line or 1) + offset, exc.code, f"{name}({shown}): {exc}"))
            return ""

    def note(self, problem: Problem) -> None:
        """A problem of the current page found by the host (e.g. a template it cannot read)."""
        self._errors.append(problem)

    def take_errors(self) -> list[Problem]:
        """The bad calls of the current page (and forget them)."""
        found, self._errors = self._errors, []
        return found

    @staticmethod
    def macro_names() -> list[str]:
        return list(MACROS)

    # ---- after the pages ---------------------------------------------------------------------

    def finish(self, site_dir: Path) -> list[str]:
        """Check that every claim is on a page and write the open-data export into ``site_dir``;
        returns the problems (empty when the build is complete)."""
        return finish(self.renderer, site_dir)


_SHOWN = re.compile(r'<(?:span|div) class="(?:fk-claim|fk-card [^"]*)"(?: id="([^"]+)")? data-claim="([^"]+)"')


def appearances_in(site_dir: Path) -> dict[str, dict[str, str | None]]:
    """Where each claim is shown in a built site (claim -> page -> anchor), read from its HTML: what
    ``factkit build-report`` uses for a host that gives no page hooks."""
    found: dict[str, dict[str, str | None]] = {}
    for path in sorted(site_dir.rglob("*.html")):
        rel = path.relative_to(site_dir).as_posix()
        url = "" if rel == "index.html" else rel[: -len("index.html")] if rel.endswith("/index.html") else rel
        for anchor, cid in _SHOWN.findall(path.read_text(encoding="utf-8", errors="replace")):
            pages = found.setdefault(cid, {})
            pages[url] = anchor or pages.get(url)
    return found


def finish(renderer: Renderer, site_dir: Path) -> list[str]:
    missing = export.missing_claims(renderer)
    if missing:
        return ["These claims appear on no page (add them to a page, e.g. with claims_index()): " + ", ".join(missing)]
    out = site_dir / "data"
    out.mkdir(parents=True, exist_ok=True)
    (out / "facts.json").write_text(export.facts_json(renderer), encoding="utf-8")
    (out / "claims.csv").write_text(export.claims_csv(renderer), encoding="utf-8")
    return []


def page_url(src: str, directory_urls: bool = True) -> str:
    """A page's site-relative URL from its path under docs/ ('a/b.md' -> 'a/b/', 'index.md' -> '')."""
    stem = src[: -len(".md")]
    if not directory_urls:
        return stem + ".html"
    if stem == "index" or stem.endswith("/index"):
        return stem[: -len("index")]
    return stem + "/"


def site_pages(config: Path) -> tuple[Settings, list[tuple[str, str]]]:
    """The factkit settings and the pages (URL, Markdown) of a site, read from its mkdocs.yml-style file."""
    import yaml

    class _Loader(yaml.SafeLoader):  # type: ignore[misc]  # PyYAML ships no type stubs
        """Reads a host's configuration; its tags (e.g. !!python/name: for emoji) are not needed here."""

    _Loader.add_multi_constructor("", lambda loader, suffix, node: None)
    data = yaml.load(config.read_text(encoding="utf-8"), Loader=_Loader)
    if not isinstance(data, dict):
        raise ValueError(f"{config} is not a mapping")
    options: dict[str, Any] = {}
    for plugin in data.get("plugins") or []:
        if isinstance(plugin, dict) and "factkit" in plugin:
            options = plugin["factkit"] or {}
    settings = Settings(str(options.get("facts_dir", "facts")), dict(options.get("topics") or {}),
                        str(options.get("repo", "")), str(data.get("site_url") or ""), config.name)
    docs = config.parent / str(data.get("docs_dir", "docs"))
    directory_urls = bool(data.get("use_directory_urls", True))
    pages = [(page_url(p.relative_to(docs).as_posix(), directory_urls), p.read_text(encoding="utf-8"))
             for p in sorted(docs.rglob("*.md"))]
    return settings, pages


def build_report(project: Path, settings: Settings, site_dir: Path, pages: list[tuple[str, str]]) -> int:
    """``factkit build-report``: the after-build steps for a site another host built (exit code)."""
    try:
        site = Site.open(project, settings, pages)
    except SiteError as exc:
        print(exc, file=sys.stderr)
        return 1
    site.renderer.appearances.update(appearances_in(site_dir))
    problems = site.finish(site_dir)
    for line in problems:
        print(line, file=sys.stderr)
    if not problems:
        print(f"{len(site.facts.claims)} claims, each on a page; data/facts.json and data/claims.csv written")
    return 1 if problems else 0
