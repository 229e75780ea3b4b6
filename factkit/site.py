"""One build of a site, whatever the host: the checked facts, the macros pages call, and the steps after.

A host (factkit.hosts.mkdocs, a script, another generator) drives it in this order:

1. ``Site.open(project, settings, pages)``: load and check the facts (``SiteError`` with the
   ``path:line`` report when they have errors) and find where the generated lists live;
2. per page: ``begin_page(url, path, line_offset)``, then ``call(name, args, kwargs)`` for each macro
   (a bad call is collected as a located problem and renders nothing), then ``take_errors()``, then
   ``page_end(html)`` on the page's rendered HTML (it adds the list of the sources the page cites);
3. ``finish(site_dir)``: every claim must be on some page, and the open-data export and the corrections
   feed are written.

``Site.open`` also resolves where the build is published and how readers report errors (factkit.publish):
the host applies ``site.site_url`` and shows ``site.notices`` to the editor.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import subprocess
import sys
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from . import check, errors, feed, i18n, publish, report, searchdocs
from .loader import FileReader
from .macros import MACROS, MacroError, bind, unknown_ids, written
from .pagescan import find_homes
from .problems import Problem
from .publish import About
from .render import Renderer, export, refs
from .siteconfig import host_config
from .store import FactBase, FactLookupError, lookup


class SiteError(Exception):
    """The site cannot be built; the message is the report to show (no traceback)."""


@dataclass
class Settings:
    """A site's factkit settings (the host reads them from its configuration file)."""

    facts_dir: str = "facts"
    topics: dict[str, str] = field(default_factory=dict)  # topic id -> heading, in this order
    repo: str = ""  # the older name of report: {issues: https://github.com/OWNER/REPO}
    site_url: str = ""
    config_file: str = "mkdocs.yml"  # shown in problems about the settings
    report: dict[str, Any] = field(default_factory=dict)  # issues / form / email: how readers report errors
    about: dict[str, Any] = field(default_factory=dict)  # the About page (factkit.render.about.About)
    site_name: str = ""
    environ: Mapping[str, str] | None = None  # the build's environment (None: os.environ): CI, GitHub Actions
    serving: bool = False  # a preview server (mkdocs serve): local addresses are fine, nothing is required
    # lang -> {translator, reviewer, about}: who translated an edition's records and who reviews them
    # (factkit.i18n), and the About texts in that language (factkit.publish.Editions)
    translations: dict[str, Any] = field(default_factory=dict)


def build_commit(project: Path) -> str:
    """The commit the site is built from: $GITHUB_SHA (CI), else `git rev-parse HEAD`, marked '+changes' when the
    tracked files differ from it; '' when neither is known (the citations then name no version)."""
    sha = os.environ.get("GITHUB_SHA", "").strip()
    if re.fullmatch(r"[0-9a-f]{7,40}", sha):
        return sha
    try:
        head = subprocess.run(["git", "-C", str(project), "rev-parse", "HEAD"], capture_output=True, text=True,
                              timeout=10)
        if head.returncode != 0 or not re.fullmatch(r"[0-9a-f]{40}", head.stdout.strip()):
            return ""
        dirty = subprocess.run(["git", "-C", str(project), "status", "--porcelain", "--untracked-files=no"],
                               capture_output=True, text=True, timeout=10)
    except (OSError, subprocess.SubprocessError):
        return ""
    return head.stdout.strip() + ("+changes" if dirty.returncode == 0 and dirty.stdout.strip() else "")


def _line_of(path: Path, key: str) -> int:
    """The line of ``key:`` in a configuration file (1 when it cannot be found)."""
    try:
        text = path.read_text(encoding="utf-8")
    except OSError:
        return 1
    found = re.search(rf"(?:^|[{{,\s-])['\"]?{re.escape(key)}['\"]?[ \t]*:", text, re.MULTILINE)
    return text.count("\n", 0, found.end()) + 1 if found else 1  # the end: the start may be the newline before


def setting_line(config: Path, path: list[str]) -> int | None:
    """The line of the factkit setting at ``path`` (['translations', 'ar', 'about', 'funding']) in a host's
    configuration file, read as YAML nodes (tags such as !!python/name: need no constructor then); the line of
    the deepest key found, None when not even the first is there."""
    import yaml

    try:
        root = yaml.compose(config.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError):
        return None

    def get(node: Any, key: str) -> tuple[int, Any] | None:
        if not isinstance(node, yaml.MappingNode):
            return None
        for k, v in node.value:
            if isinstance(k, yaml.ScalarNode) and k.value == key:
                return k.start_mark.line + 1, v
        return None

    plugins = get(root, "plugins")
    node = plugins[1] if plugins else None
    items = node.value if isinstance(node, yaml.SequenceNode) else [node]  # a list of plugins, or a mapping
    options = next((found[1] for item in items if (found := get(item, "factkit"))), None)
    line = None
    for key in path:
        found = get(options, key)
        if found is None:
            break
        line, options = found
    return line


def _setting_line(config: Path, problem: str) -> int:
    """The line of the setting a problem from factkit.publish or the About settings names."""
    path = re.match(r"((?:report|about|translations)\.[\w.-]+|\w+):", problem)
    line = setting_line(config, path.group(1).split(".")) if path else None
    if line is not None:
        return line
    named = re.match(r"(?:(?:report|about)\.)?(\w+):", problem)
    if named:
        line = _line_of(config, named.group(1))
        return line if line > 1 else _line_of(config, problem.split(".", 1)[0])
    return _line_of(config, "site_url" if problem.startswith("site_url") else "factkit")


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
        self.publication = publish.Publication(renderer.homes.site_url, renderer.homes.channels)

    @property
    def notices(self) -> list[str]:
        """What the editor should know about this build (no channel, a local site_url), not errors."""
        return self.publication.warnings

    @property
    def site_url(self) -> str:
        """The address this build's absolute URLs use ('' when none)."""
        return self.publication.site_url

    def template_values(self, lang: str | None = None, site_name: str = "") -> dict[str, str | None]:
        """What the theme templates need: the About page (in the edition of ``lang``) and the words of its footer
        link, the edition's corrections feed and its title (site-relative URLs; ``site_name``: the edition's)."""
        lang = lang or i18n.DEFAULT
        edition = "" if lang == i18n.DEFAULT else f"{lang}/"
        about = self.renderer.homes.about
        if about is not None:
            about = edition + about
        name = site_name or self.renderer.site_name
        return {"about": about, "about_label": i18n.t(lang, "footer-about"),
                "about_tail": i18n.t(lang, "footer-about-tail"), "feed": feed.feed_path(lang),
                "feed_type": feed.FEED_TYPE, "feed_title": i18n.t(lang, "feed-title", site=name),
                "made_with": i18n.t(lang, "made-with"), "missing_anchor": i18n.t(lang, "missing-anchor")}

    @classmethod
    def open(cls, project: Path, settings: Settings, pages: list[tuple[str, str]],
             reader: FileReader | None = None, sources: list[tuple[str, str]] | None = None) -> Site:
        """Check the facts under ``project`` and prepare the renderer; ``pages`` are (URL, Markdown);
        ``reader`` reads each fact file (a live preview passes one that keeps unchanged files' records);
        ``sources`` are (path, Markdown) of every page source, of every edition: when the facts have errors, the
        report also names the calls of ids no fact file has (factkit.macros.unknown_ids)."""
        facts, problems = check(project / settings.facts_dir, base_dir=project, reader=reader)
        if errors(problems):
            problems += unknown_ids(facts, sources or [])
            raise SiteError("The facts have errors; the site was not built:\n" + report(problems))
        config = project / settings.config_file
        bad: list[tuple[int, str]] = []  # (line, what is wrong there)
        for topic, label in settings.topics.items():
            line = _line_of(config, str(topic))
            if not isinstance(label, str) or not label.strip():
                bad.append((line, f"topic '{topic}': the label must be text, not {label!r} [bad-setting]"))
                continue
            try:
                lookup("topic", topic, [*facts.claims_by_topic, "other"])
            except FactLookupError as exc:
                bad.append((line, f"topics: {exc} (list only topics that claims use) [{exc.code}]"))
        env = os.environ if settings.environ is None else settings.environ
        publication = publish.resolve(settings.site_url, settings.report, settings.repo, env, settings.serving)
        info, about_problems = About.from_settings(settings.about)
        editions = publish.Editions.from_settings(settings.translations, info)
        for problem in publication.errors + about_problems + editions.problems:
            bad.append((_setting_line(config, problem), f"{problem} [bad-setting]"))
        if bad:  # in the file's order, as an editor reads it
            raise SiteError("The factkit settings have errors:\n" + "\n".join(
                f"{settings.config_file}:{line}: {text}" for line, text in sorted(bad, key=lambda item: item[0])))
        homes = find_homes(pages, site_url=publication.site_url, repo=settings.repo)
        homes.channels = publication.channels
        homes.site_name, homes.commit = settings.site_name, build_commit(project)
        labels = {str(k): v.strip() for k, v in settings.topics.items()}
        renderer = Renderer(facts, homes, labels, credits=editions.credits)
        renderer.about, renderer.about_in, renderer.site_name = info, editions.about, settings.site_name
        site = cls(facts, renderer, problems)
        site.publication = publication
        return site

    # ---- pages ------------------------------------------------------------------------------

    def for_page(self) -> Site:
        """The same facts with a renderer of its own (for a host that renders pages in parallel)."""
        r = self.renderer
        mine = Renderer(self.facts, r.homes, r.topics, credits=r.credits)
        mine.about, mine.about_in, mine.site_name, mine.site_names = r.about, r.about_in, r.site_name, r.site_names
        return Site(self.facts, mine, self.warnings)

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
            self.note_at(line or 1, exc.code, f"{written(name, args, kwargs)}: {exc}")
            return ""

    def note(self, problem: Problem) -> None:
        """A problem of the current page found by the host (e.g. a template it cannot read)."""
        self._errors.append(problem)

    def note_at(self, line: int, code: str, message: str) -> None:
        """A problem at ``line`` of the Markdown the host renders for the current page (its front matter's lines
        are added: the problem names the line in the page's file)."""
        path, offset = self._page
        self._errors.append(Problem(path, line + offset, code, message))

    def take_errors(self) -> list[Problem]:
        """The bad calls of the current page (and forget them)."""
        found, self._errors = self._errors, []
        return found

    def page_end(self, html: str) -> str:
        """The current page's rendered HTML with what its end adds: the list of the sources it cites (numbered
        as its citation marks) and, on a page that mixes claims with and without a verdict, what no badge means."""
        return refs.page_end(self.renderer, html)

    def lists_records(self) -> bool:
        """Whether the current page is one that lists claims, sources or entities (``Homes.listings``): the search
        finds each record by its own entry, so the host indexes only the page's prose and headings."""
        return self.renderer.local in self.renderer.homes.listings

    @staticmethod
    def macro_names() -> list[str]:
        return list(MACROS)

    # ---- after the pages ---------------------------------------------------------------------

    def finish(self, site_dir: Path, editions: tuple[str, ...] | list[str] = (),
               indexes: dict[str, dict[str, Any]] | None = None) -> list[str]:
        """Check that every claim is on a page and write the open-data export into ``site_dir`` (and the search
        entries into each of the ``editions``' indexes: ``indexes``, when the host has read them, see
        ``searchdocs.add_to_index``); returns the problems (empty when the build is complete)."""
        return finish(self.renderer, site_dir, editions, indexes)


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


def finish(renderer: Renderer, site_dir: Path, editions: tuple[str, ...] | list[str] = (),
           indexes: dict[str, dict[str, Any]] | None = None) -> list[str]:
    searchdocs.add_to_index(renderer, site_dir, editions, indexes)  # one search entry per claim and entity
    missing = export.missing_claims(renderer)
    if missing:
        return ["These claims appear on no page (add them to a page, e.g. with claims_index()): " + ", ".join(missing)]
    out = site_dir / "data"
    out.mkdir(parents=True, exist_ok=True)
    (out / "facts.json").write_text(export.facts_json(renderer), encoding="utf-8")
    (out / "claims.csv").write_text(export.claims_csv(renderer), encoding="utf-8")
    (site_dir / feed.FEED_PATH).write_text(feed.corrections_atom(renderer), encoding="utf-8")
    for lang in editions:  # each edition's feed, in its language (at the root too: see factkit.feed)
        (site_dir / feed.feed_path(lang)).write_text(feed.corrections_atom(renderer, lang), encoding="utf-8")
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
    data, options = host_config(config)
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
        print(f"{len(site.facts.claims)} claims, each on a page; data/facts.json, data/claims.csv and "
              f"{feed.FEED_PATH} written")
    return 1 if problems else 0
