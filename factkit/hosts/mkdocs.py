"""The MkDocs plugin ``factkit`` (MkDocs, ProperDocs): the only module that imports MkDocs.

It reads the plugin's settings, opens a ``factkit.site.Site`` once per build, gives the site
factkit's CSS, JS and theme templates, registers the engine's macros with mkdocs-macros, tells the
site which page is being rendered, reports bad calls at their page and line, and runs the steps
after the build. Everything else is the engine's.

    plugins:
      - search
      - factkit:
          topics: {budget: "The budget"}
      - macros
"""

from __future__ import annotations

import difflib
import functools
import json
import logging
import os
import re
import sys
import traceback
from pathlib import Path
from typing import Any

from jinja2 import BytecodeCache, Environment, FileSystemLoader, Template, TemplateSyntaxError, meta
from jinja2.bccache import Bucket
from jinja2.nodes import Name, Output
from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import get_toc
from watchdog.observers.polling import PollingObserver

from .. import editorial, report, searchdocs, today
from .. import i18n as i18n_words
from ..preview import Page as PageKey
from ..preview import Preview, digests, fingerprint
from ..problems import Problem, kind_of
from ..site import Settings, Site, SiteError, setting_line
from ..watch import Watcher
from . import template_line
from .editions import split_search
from .errorpage import error_page, preview_status
from .preview_server import PreviewApp, Progress

PACKAGE = Path(__file__).resolve().parent.parent
ASSETS = ("assets/factkit.css", "assets/reader.css", "assets/factkit.js")
PREVIEW = "assets/factkit-preview.js"  # under serve only: the errors shown over the last good page
STATUS = "assets/factkit-preview.json"  # what it shows, beside the script, which every edition's pages share
BROKEN = "The facts have errors, so the site was not built"
SETTINGS_BROKEN = "The factkit settings in the configuration have errors, so the site was not built"
NOT_BUILT = "The site could not be built: the pages were not built again"
OVER_LAST_GOOD = "The facts have errors: the pages were not built again"  # the last good ones stay
_USER_EPOCH = os.environ.get("SOURCE_DATE_EPOCH")  # as the user started the process: kept if they set it
_HEADING = re.compile(r"^(#{1,6}[ \t].*)$", re.MULTILINE)  # Markdown headings stay Markdown (the page's TOC)
_IN_PARAGRAPH = re.compile(r"<p>((?:(?!</p>).)*?)FKFRAG(\d+)Z((?:(?!</p>).)*?)</p>", re.DOTALL)
_TOKEN = re.compile(r"<p>(FKFRAG\d+Z)</p>|FKFRAG\d+Z")
_ALTERNATE = re.compile(r'[ \t]*<link rel="alternate" href="[^"]*" hreflang="[^"]*">\n?')
_HEADERLINK = re.compile(r'(<a class="headerlink" href="#[^"]*" title=")Permanent link"')
_BASE = re.compile(r'"base": "([^"]*)"')  # the site's root in Material's __config
_SEARCH_ATTRIBUTE = re.compile(r"\s?data-search-\w+=\"[^\"]+\"")  # as Material's search plugin removes them
_ANY_SEARCH_ATTRIBUTE = re.compile(r"data-search-\w+=\"")  # found fast (a literal start): the one above tries each
_ANSWER = re.compile(r'"[A-Z]+ \S* HTTP/[\d.]+" code \d+$')  # how MkDocs' server logs an answer
_PAGE_VARIABLES = ("page", "navigation", "files")  # what mkdocs-macros adds to each page's variables as it renders it
# front-matter keys MkDocs, Material and mkdocs-macros read: a key a letter away from one is a typo that would be
# ignored silently (a page's description lost); any other key is the page's own (a variable its macros may use)
_FRONT_MATTER = ("title", "description", "template", "hide", "search", "status", "subtitle", "tags", "icon",
                 "render_macros", "robots", "social", "comments")
_BLOCK = re.compile(r"<(?:div|p|ol|ul|dl|table|nav|section|details|figure|blockquote|h[1-6]|script)\b")


_CHECKBOX_AUTOCOMPLETE = re.compile(r'(<input [^>]*type="checkbox"[^>]*?) autocomplete="off"')


def _valid(html: str) -> str:
    """Two things Material's templates write that the W3C checker rejects: ``autocomplete`` on its checkbox toggles
    (allowed on text-like inputs only) and an empty ``tabindex`` on the drawer's label."""
    return _CHECKBOX_AUTOCOMPLETE.sub(r"\1", html).replace(' tabindex=""', "")


class _CompiledTemplates(BytecodeCache):
    """The theme's templates, compiled once per process (in memory, never on disk) and reused by every edition's
    build and every rebuild under ``serve``: MkDocs makes a new Jinja environment for each, which compiled Material's
    templates again each time. Jinja checks each template's source against its checksum, so an edited template
    is compiled afresh."""

    def __init__(self) -> None:
        self._code: dict[str, tuple[str | None, Any]] = {}

    def load_bytecode(self, bucket: Bucket) -> None:
        checksum, code = self._code.get(bucket.key, (None, None))
        if code is not None and checksum == bucket.checksum:
            bucket.code = code

    def dump_bytecode(self, bucket: Bucket) -> None:
        self._code[bucket.key] = (bucket.checksum, bucket.code)


_COMPILED = _CompiledTemplates()


class _ThemeLoader(FileSystemLoader):
    """The theme's templates as MkDocs' own loader finds them, but listed without the folders whose names start with
    a dot: MkDocs lists every theme file to pick the static ones to copy and skips those anyway, after reading and
    matching each of Material's 14,356 icons (under ``.icons/``) against its patterns, in every edition's build and
    every rebuild under ``serve``. Templates are still loaded from anywhere, icons included."""

    def list_templates(self) -> list[str]:
        found: set[str] = set()
        for root in map(str, self.searchpath):
            for folder, subfolders, names in os.walk(root, followlinks=self.followlinks):
                subfolders[:] = [name for name in subfolders if not name.startswith(".")]
                base = os.path.relpath(folder, root).replace(os.sep, "/")
                found.update(name if base == "." else f"{base}/{name}" for name in names)
        return sorted(found)


def _listing_less(theme: Any) -> None:
    """Make ``theme`` (MkDocs' Theme) hand out environments whose loader is a ``_ThemeLoader``."""
    get_env = type(theme).get_env

    def env() -> Environment:
        made: Environment = get_env(theme)
        if type(made.loader) is FileSystemLoader:  # as MkDocs makes it; another loader is left as it is
            loader = made.loader
            made.loader = _ThemeLoader(loader.searchpath, loader.encoding, loader.followlinks)
        return made

    theme.get_env = env


def _page_template(failed: Any) -> type[Template]:
    """The class of the templates mkdocs-macros makes of the pages: an error while a page renders (``{{ x.y }}``
    on a macro, ``claim_count() + "x"``) is handed to ``failed(line, error)`` and the page renders empty, instead
    of mkdocs-macros printing a traceback and stopping the build with no page line."""

    class PageTemplate(Template):
        def render(self, *args: Any, **kwargs: Any) -> str:
            try:
                return super().render(*args, **kwargs)
            except Exception as exc:  # whatever the page's expressions raise: the page author's error
                lines = [f.lineno for f in traceback.extract_tb(exc.__traceback__) if f.filename == "<template>"]
                failed(lines[-1] if lines and lines[-1] else 1, exc)
                return ""

    return PageTemplate


def poll_seconds(paths: list[str]) -> float:
    """How often the live preview looks at the watched files: as often as costs about 1.5% of a core (each look
    stats every file, about 6 µs a file on a 2-core machine), between 0.1 s and MkDocs' own 0.5 s."""
    files = sum(len(names) for path in paths for _, _, names in os.walk(path)) + len(paths)
    return min(0.5, max(0.1, files * 0.0004))


def _without_alternates(html: str) -> str:
    """The page without Material's ``<link rel="alternate" hreflang>`` (see ``on_post_page``), looked for in the
    ``<head>`` only, where Material writes them: a regular expression that may start anywhere is slow on a big page."""
    end = html.find("</head>")
    return _ALTERNATE.sub("", html) if end < 0 else _ALTERNATE.sub("", html[:end]) + html[end:]


def _accurate(record: logging.LogRecord) -> bool:
    """Drops MkDocs' warning that a dirty build's navigation may be inaccurate (a site with ``strict: true`` would
    stop on it); factkit's scoped builds keep every page's title and rebuild what a save touches."""
    return not str(record.msg).startswith("A 'dirty' build is being performed")


def _answer_logged(record: logging.LogRecord) -> bool:
    """MkDocs' server logs each answer but a 200 as a warning, where strict mode counts it against the build in
    progress; the preview answers during builds (a tab left on a missing page asks again after each one): an
    answer is information, not a warning of the build."""
    if record.levelno == logging.WARNING and _ANSWER.search(str(record.msg)):
        record.levelno, record.levelname = logging.INFO, "INFO"
    return True


def _config_syntax(path: str) -> str:
    """A YAML syntax error in the configuration file, located as a fact file's is (MkDocs says it in PyYAML's four
    lines, with the file's absolute path); '' if it reads as YAML."""
    from ..yamlsafe import read_yaml

    name = os.path.relpath(path)
    name = path if name.startswith("..") else name
    try:
        _, problems = read_yaml(name, Path(path).read_bytes())
    except OSError:
        return ""
    syntax = [p for p in problems if p.code == "yaml-syntax"]
    return report(syntax) if syntax else ""


class _Errors(logging.Handler):
    """The errors MkDocs logs during a build (the reasons it gives when it stops one)."""

    def __init__(self) -> None:
        super().__init__(logging.ERROR)
        self.lines: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.lines.append(record.getMessage())


class FactkitConfig(base.Config):  # type: ignore[no-untyped-call]  # mkdocs' Config.__init_subclass__ is untyped
    facts_dir = c.Type(str, default="facts")
    topics = c.Type(dict, default={})
    repo = c.Type(str, default="")  # the older name of report: {issues: ...}
    report = c.Type(dict, default={})  # how readers report errors: any of issues, form, email (factkit.publish)
    about = c.Type(dict, default={})  # the About page: publisher, checked_by, contact, funding, licence_text, ...
    translations = c.Type(dict, default={})  # lang -> {translator, reviewer} (the editions, with mkdocs-static-i18n)

    def validate(self) -> tuple[list[Any], list[Any]]:
        failed, warnings = super().validate()
        kinds = {"dict": "a mapping (indented 'key: value' lines)", "str": "text"}
        for i, (key, error) in enumerate(failed):  # MkDocs says "Expected type: <class 'dict'>": say it in words
            wanted = next((type(o.default).__name__ for k, o in self._schema if k == key), None)  # its default's
            if wanted in kinds and str(error).startswith("Expected type"):
                failed[i] = (key, base.ValidationError(f"must be {kinds[wanted]}, not {kind_of(self.get(key))}"))
        known = [k for k, _ in self._schema]  # an unknown one is reported at its line by the plugin's on_config
        return failed, [w for w in warnings if w[0] in known]

    def unknown(self) -> list[str]:
        """``path:line: …`` for each setting the plugin does not have (a typo must not fall back to a default)."""
        known = [k for k, _ in self._schema]
        config = Path(self.config_file_path or "mkdocs.yml")
        found = []
        for key in sorted(set(self.keys()) - set(known)):
            near = difflib.get_close_matches(key, known, n=1, cutoff=0.5)
            hint = f"did you mean '{near[0]}'?" if near else f"allowed: {', '.join(known)}"
            found.append(f"{config.name}:{setting_line(config, [key]) or 1}: unknown setting '{key}' of the factkit "
                         f"plugin; {hint} [bad-setting]")
        return found


class FactkitPlugin(BasePlugin[FactkitConfig]):  # type: ignore[no-untyped-call]  # mkdocs: untyped __init_subclass__
    """Registered as the ``factkit`` entry point of ``mkdocs.plugins``.

    Under ``mkdocs serve`` the plugin lives across rebuilds (it has ``on_startup``): it keeps each fact
    file's records by the SHA-256 of its bytes, so a rebuild re-reads only the saved file, and a fact or
    page error becomes an error page in the browser instead of a failed build (the server keeps
    answering; the next good save brings the pages back). With ``mkdocs serve --dirty`` (``make serve``), a save
    rebuilds only the pages that read what it changed (factkit.preview). ``mkdocs build`` fails on any error."""

    site: Site | None = None
    serving = False
    _fragments: list[str]  # the current page's macro HTML, by token number
    _failure: str | None = None  # serving: why the facts could not be loaded (every page shows it)
    _good: Site | None = None  # serve --dirty: the last site whose facts loaded
    _watcher: Watcher | None = None
    _not_found: str | None = None  # with editions: the default edition's 404 page
    _preview: Preview | None = None  # mkdocs serve --dirty: what the last build left for the next one
    _build: set[PageKey] | None = None  # the pages this build renders (None: all)
    _stamp = ""  # the fingerprint of what pages depend on besides the facts and their sources
    _files: dict[str, str]  # each page source's digest (factkit.preview.digests)
    _retitled = False  # a scoped build changed a page's title: the next build is of every page (the navigation)
    _reads: dict[PageKey, set[str]]  # what each page built this time read from the facts
    _titles: dict[PageKey, str]  # each page's title, for the navigation of a scoped build
    _rebuilt: list[str]  # the URLs of the pages built this time, in build order
    _searched: dict[str, str]  # what the search reads of each page (by URL)
    _whole: str | None = None  # the page's content while the search reads it
    _progress: Progress | None = None  # serving: which editions the build in progress has written
    _template_class: type[Template] = Template  # the pages' templates (made in on_startup: see _page_template)

    def on_startup(self, *, command: str, dirty: bool) -> None:
        self.serving = command == "serve"  # a preview: local addresses are fine, nothing is required
        self._preview = Preview() if self.serving and dirty else None
        self._titles = {}
        self._template_class = _page_template(self._render_failed)
        if self._preview is not None:  # the pages a save touches are built, with the others' titles: the navigation
            logging.getLogger("mkdocs.commands.build").addFilter(_accurate)  # is accurate, unlike plain --dirty's

    def _i18n(self, config: MkDocsConfig) -> Any:
        """The mkdocs-static-i18n plugin when the site has editions in several languages (it builds the default
        language, then each other one into its folder, running every plugin's events again)."""
        return config.plugins.get("i18n")

    def _languages(self, config: MkDocsConfig) -> tuple[str, list[str]]:
        """(the default language, the other languages) of the site's editions."""
        i18n = self._i18n(config)
        if i18n is None:
            return "en", []
        default = i18n.default_language or "en"
        return default, [lang for lang in i18n.build_languages if lang != default]

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        i18n = self._i18n(config)
        if i18n is not None and getattr(i18n, "building", False) and (self.site is not None or self._failure):
            return config  # another edition of the same build: the facts (or why they failed), macros, theme and
            # assets are in place
        self._not_found = None
        if config.theme.name != "material":
            raise PluginError("factkit: the site needs the Material theme (theme: {name: material} in mkdocs.yml)")
        macros = config.plugins.get("macros")
        names = list(config.plugins)
        if macros is None or names.index("macros") < names.index("factkit"):
            raise PluginError("factkit: list the macros plugin after factkit in mkdocs.yml "
                              "(plugins: [search, factkit, macros]); pages call factkit's facts through it")
        unknown = self.config.unknown()
        if unknown:
            raise PluginError("The factkit settings have errors:\n" + "\n".join(unknown))
        macros.config["on_undefined"] = "strict"  # an undefined name in a page fails the build
        _listing_less(config.theme)
        macros.config["on_error_fail"] = not self.serving  # serving: a page error is shown on the page
        project = Path(config.config_file_path).parent
        settings = Settings(self.config.facts_dir, dict(self.config.topics), self.config.repo,
                            config.site_url or "", Path(config.config_file_path).name,
                            report=dict(self.config.report), about=dict(self.config.about),
                            site_name=config.site_name or "", serving=self.serving,
                            translations=self._credits(config))
        docs = Path(config.docs_dir)
        default, others = self._languages(config)
        translated = tuple(f".{lang}.md" for lang in others)  # page.ar.md: the Arabic edition of page.md
        texts = {p: p.read_text(encoding="utf-8") for p in sorted(docs.rglob("*.md"))}
        pages = [(File(p.relative_to(docs).as_posix(), str(docs), config.site_dir, config.use_directory_urls).url,
                  text) for p, text in texts.items() if not p.name.endswith(translated)]
        sources = [(Path(os.path.relpath(p, project)).as_posix(), text) for p, text in texts.items()]
        # factkit's templates, CSS and JS (also for the live preview's error page)
        config.theme.dirs.insert(1 if config.theme.custom_dir else 0, str(PACKAGE / "theme"))
        config.extra_css[:0] = [a for a in ASSETS if a.endswith(".css")]
        config.extra_javascript[:0] = [a for a in ASSETS if a.endswith(".js")]
        reader = None
        if self.serving:
            config.extra_javascript.append(PREVIEW)
            root = project / settings.facts_dir
            if self._watcher is None or self._watcher.root != root:
                self._watcher = Watcher(root, base_dir=project, today=today)
            reader = self._watcher.read
        self._failure, self._reads, self._rebuilt, self._searched = None, {}, [], {}
        try:
            today()  # a bad FACTKIT_TODAY is the user's error, not a traceback
        except ValueError as exc:
            raise PluginError(f"factkit: {exc}") from None
        try:
            self.site = site = Site.open(project, settings, pages, reader=reader, sources=sources)
        except SiteError as exc:
            if not self.serving:
                raise PluginError(str(exc)) from None
            print(f"ERROR   -  {exc}", file=sys.stderr)
            self._failure = str(exc)
            if self._preview is not None and self._preview.facts is not None and self._good is not None:
                self.site, self._build = self._good, set()  # a build of no page: the last good pages stay, the
                config.site_url = self.site.site_url or None  # errors shown over them (factkit-preview.js)
                if self._progress is not None:  # at once: the pages on disk are this build's
                    self._show_status(config)
                    self._progress.written(default, *others)
            else:
                self.site, self._build = None, None  # every page shows the report
            return config
        self._good = site
        for problem in site.warnings:
            print(f"INFO    -  {problem}", file=sys.stderr)
        for notice in site.notices:  # printed, not logged: a local build still passes --strict
            print(f"WARNING -  factkit: {notice}", file=sys.stderr)
        config.site_url = site.site_url or None  # the published address (factkit.publish)
        problems = editorial.check_kept(sources)
        if problems:
            raise PluginError("The pages have text that is not for readers:\n" + report(problems))
        if site.epoch is not None and _USER_EPOCH is None:  # the sitemap's date comes from the facts
            os.environ["SOURCE_DATE_EPOCH"] = str(site.epoch)
        macros.register_macros({name: self._macro(name) for name in site.macro_names()})
        if self._preview is not None:
            search: Any = config.plugins.get("material/search")  # it would merge each build's entries with the last
            if search is not None:  # build's itself (and again in every edition): factkit.preview merges them
                search.is_dirty = False
            self._stamp, self._files = self._fingerprint(config), digests(texts)
            retitled, self._retitled = self._retitled, False
            self._build = None if retitled else self._preview.pages_to_build(site.facts, self._stamp, self._files)
        return config

    def _fingerprint(self, config: MkDocsConfig) -> str:
        """Everything the pages depend on besides the facts and their own sources: the configuration, the files in
        the docs folder that are not pages, the watched folders (the site's macros), the theme's custom folder, where
        the generated lists live and the commit (factkit.render.core.Homes), and the day."""
        facts = (Path(config.config_file_path).parent / self.config.facts_dir).resolve()
        paths = [Path(config.config_file_path), *(p for p in Path(config.docs_dir).rglob("*")
                                                  if p.is_file() and p.suffix != ".md")]
        paths += [Path(w) for w in config.watch if Path(w).resolve() != facts]
        paths += [Path(config.theme.custom_dir)] if config.theme.custom_dir else []
        homes = repr(self.site.renderer.homes) if self.site is not None else ""
        return fingerprint([p.resolve() for p in paths], homes, today().isoformat())  # MkDocs' first config
        # names the configuration file as given on the command line, the next ones by its absolute path

    def _macro(self, name: str) -> Any:
        from ..macros import MACROS

        @functools.wraps(MACROS[name])
        def call(*args: Any, **kwargs: Any) -> Any:
            if self.site is None:
                return ""
            out = self.site.call(name, args, kwargs, template_line())
            return self._hold(out) if isinstance(out, str) and "<" in out else out

        return call

    def _hold(self, out: str) -> str:
        """The macro's HTML kept aside, a token in its place: the HTML is already final, so Markdown never
        parses it again (``on_page_content`` puts it back). Headings stay Markdown, for the page's TOC."""
        parts = _HEADING.split(out)
        for i in range(0, len(parts), 2):  # the even parts are the HTML between headings
            body = parts[i].strip()
            if body:
                self._fragments.append(body)
                parts[i] = parts[i].replace(body, f"FKFRAG{len(self._fragments) - 1}Z", 1)
        return "".join(parts)

    def on_serve(self, server: Any, *, config: MkDocsConfig, builder: Any) -> Any:
        """Rebuild when a fact file is saved; answer the browser edition by edition (``preview_server``: a page
        shows as soon as its edition is built, not after all of them); a build that MkDocs itself stops (an error in
        ``mkdocs.yml``, a template, a plugin) is shown over the last good pages, as a fact error is, instead of
        leaving the server stuck until it is fixed."""
        watched = []  # what MkDocs watches, watched again with a shorter poll where that costs little (MkDocs
        for path in [config.docs_dir, config.config_file_path, *config.theme.dirs]:  # polls every 0.5 s: a save
            try:  # waited 0.25 s on average to be seen)
                server.unwatch(path)  # the theme's folders only with --watch-theme
                watched.append(path)
            except KeyError:
                pass
        watched.append(str(Path(config.config_file_path).parent / self.config.facts_dir))
        server.observer = PollingObserver(timeout=poll_seconds(watched))
        logging.getLogger("mkdocs.livereload").addFilter(_answer_logged)
        for path in watched:
            server.watch(path)
        site_dir = Path(config.site_dir)
        default, others = self._languages(config)
        progress = self._progress = Progress()
        server.set_app(PreviewApp(progress, str(site_dir), server.mount_path, default, others, status=STATUS))

        def build() -> None:
            said = _Errors()
            logging.getLogger("mkdocs").addHandler(said)
            progress.started()
            try:
                builder()
                if self._retitled:  # a page's new title: every page's navigation shows it
                    progress.started()
                    builder()
            except Exception as exc:  # MkDocs' own errors, whatever their class: shown, not raised
                said_all = "\n".join([*said.lines, *([str(exc)] if str(exc) not in said.lines else [])])
                print(f"ERROR   -  The site could not be built: {exc}", file=sys.stderr)
                self._show(site_dir, NOT_BUILT, _config_syntax(config.config_file_path) or said_all)
                progress.started()  # a newer build, all written: a page shown before the failure reloads and shows it
                progress.written(default, *others)
            finally:
                progress.finished()
                logging.getLogger("mkdocs").removeHandler(said)

        server.builder = build
        return server

    def _show(self, site_dir: Path, title: str, report: str) -> None:
        """Write what the preview's pages show over themselves (factkit-preview.js): no error when ``report`` is
        empty."""
        status = site_dir / STATUS
        status.parent.mkdir(parents=True, exist_ok=True)
        shown = preview_status(title, report, self._shown_at)
        status.write_text(json.dumps(shown, ensure_ascii=False), encoding="utf-8")

    def on_env(self, env: Any, *, config: MkDocsConfig, files: Files) -> Any:
        env.bytecode_cache = _COMPILED
        if self.site is None:  # serving with broken facts: the error page needs no values
            return env
        lang = self._edition(config)  # each edition's build has its own env: its About page, in its words
        # the footer's About link, the feed <link>
        env.globals["factkit"] = self.site.template_values(lang, config.site_name or "")
        return env

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        for asset in ASSETS + ((PREVIEW,) if self.serving else ()):
            if files.get_file_from_path(asset) is None:  # a site may ship its own version
                files.append(File.generated(config, asset, abs_src_path=str(PACKAGE / asset)))
        return files

    @event_priority(-200)  # after mkdocs-static-i18n chose each edition's files (-100)
    def on_nav(self, nav: Any, *, config: MkDocsConfig, files: Files) -> Any:
        """The edition's name (mkdocs-static-i18n's site_name) for its citations and feed: known here in every build,
        before the pages' Markdown (MkDocs calls on_env after it). Under ``serve --dirty`` MkDocs builds only the
        pages whose file says it is modified: those a save touched (see on_config), or all of them; the others keep
        the title they had, for the navigation of the pages built."""
        lang = self._edition(config)
        if self.site is not None and lang is not None and config.site_name:
            self.site.renderer.site_names[lang] = config.site_name
        if self._preview is None:
            return nav
        for file in files.documentation_pages():
            key = (lang or "", file.src_uri)
            wanted = self._build is None or key in self._build
            file.is_modified = (lambda: True) if wanted else (lambda: False)  # type: ignore[method-assign]
            if not wanted and file.page is not None and key in self._titles:
                file.page.title = self._titles[key]  # (MkDocs gives a page it did not read no title)
        return nav

    @event_priority(50)  # before mkdocs-macros renders the page
    def on_page_markdown(self, markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        self._fragments = []
        if self.site is None:  # serving with broken facts: on_page_content shows the report instead
            page.meta = {**(page.meta or {}), "render_macros": False}
            return ""
        path = Path(config.docs_dir) / page.file.src_uri
        try:
            source = path.read_text(encoding="utf-8")
            offset = source[: source.find(markdown)].count("\n") if markdown and markdown in source else 0
        except OSError:
            offset = 0
        shown = Path(os.path.relpath(path, Path(config.config_file_path).parent)).as_posix()
        lang, prose = self._page_languages(page, config)
        self.site.begin_page(page.url, shown, offset, lang=lang, prose_lang=prose)
        for key in page.meta or {}:
            near = difflib.get_close_matches(str(key), _FRONT_MATTER, n=1, cutoff=0.8)
            if key not in _FRONT_MATTER and near:
                found = re.search(rf"^{re.escape(str(key))}\s*:", source[: source.find(markdown)] if offset else "",
                                  re.MULTILINE)
                line = source.count("\n", 0, found.start()) + 1 if found else 1
                self.site.note(Problem(shown, line, "unknown-front-matter",
                                       f"the front matter's '{key}' is read by nothing; did you mean '{near[0]}'?"))
        if self._preview is not None:
            self.site.facts.reads.keys = set()  # what this page reads (factkit.depends)
        macros: Any = config.plugins["macros"]  # mkdocs-macros is untyped
        rendered = (page.meta or {}).get("render_macros", macros.config.get("render_by_default", True))
        if rendered is False:  # mkdocs-macros leaves this page as it is written: nothing to check
            return markdown
        try:  # a page Jinja cannot read is the page author's error, at its line (not mkdocs-macros' traceback)
            tree = macros.env.parse(markdown)
        except TemplateSyntaxError as exc:
            self.site.note_at(exc.lineno or 1, "template-syntax", f"the page's macros cannot be read: {exc.message}; "
                              "check the braces {{ ... }} and {% ... %} on this line")
            page.meta = {**(page.meta or {}), "render_macros": False}
            return ""
        macros.env.template_class = self._template_class
        page_values = {*macros.variables, *(page.meta or {}), *_PAGE_VARIABLES}
        undeclared = meta.find_undeclared_variables(tree)  # not set in the page itself
        unknown = undeclared - {*macros.env.globals, *page_values}  # nor the site's
        for name in sorted(unknown):  # a misspelled macro: the page's error, not mkdocs-macros' traceback
            line = min(n.lineno for n in tree.find_all(Name) if n.name == name)
            near = difflib.get_close_matches(name, [k for k in macros.env.globals if not k.startswith("_")], n=1)
            hint = f"did you mean '{near[0]}'?" if near else "python -m factkit macros lists them"
            self.site.note_at(line, "unknown-macro", f"'{name}' is not a macro or variable of this site; {hint}")
        assigned = {n.name for n in tree.find_all(Name) if n.ctx in ("store", "param")}  # {% set %}, {% for %}
        for name, line in sorted({(n.name, n.lineno) for out in tree.find_all(Output) for n in out.nodes
                                  if isinstance(n, Name) and n.name not in assigned and n.name not in page_values
                                  and callable(macros.env.globals.get(n.name))}):
            self.site.note_at(line, "macro-not-called", f"'{name}' is a macro written without its brackets, so the "
                              f"page would show '<function {name}>'; call it: {{{{ {name}() }}}}")
        if unknown:
            page.meta = {**(page.meta or {}), "render_macros": False}
            return ""
        return markdown

    def _failure_title(self) -> str:
        """What the preview's error page says failed: the facts, or the factkit settings (factkit.site's messages)."""
        return SETTINGS_BROKEN if (self._failure or "").startswith("The factkit settings") else BROKEN

    def _render_failed(self, line: int, error: Exception) -> None:
        """An error raised while the current page rendered, at the page's line (see ``_page_template``)."""
        if self.site is None:
            return
        what = getattr(error, "message", None) or str(error) or type(error).__name__
        self.site.note_at(line, "template-error", f"the page's macros failed here ({type(error).__name__}: {what}); "
                          "check the expression on this line: python -m factkit macros lists each macro and what it "
                          "gives")

    @event_priority(-50)  # after mkdocs-macros rendered it
    def on_page_content(self, html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        if self.site is None:
            page.toc = get_toc([])  # the report has no sections (the page's would lead nowhere)
            return error_page(self._failure_title(), self._failure or "")
        found = self.site.take_errors()
        if found:
            text = report(found)
            if not self.serving:
                raise PluginError("A page has errors:\n" + text)
            print(f"ERROR   -  {page.file.src_uri}:\n{text}", file=sys.stderr)
            page.toc = get_toc([])
            self._built(page, config)  # fixing the page builds it again
            return error_page(f"This page ({page.file.src_uri}) has errors", text)
        lang, prose = self._page_languages(page, config)
        foreign = lang is not None and prose is not None and lang != prose  # a page not translated yet
        if self._fragments:
            html = _IN_PARAGRAPH.sub(self._out_of_paragraph, html)
            if self.site.lists_records():  # searched by its prose and headings; the lists' records have their own
                self._searched[page.url] = _TOKEN.sub(self._prose_only, html)
            html = _TOKEN.sub(functools.partial(self._put_back, lang=lang if foreign else None), html)
        if foreign and lang is not None and prose is not None:
            # a page not translated yet, in another edition: say so, in the edition's language
            note = (f'<p class="fk-page-untranslated" lang="{lang}">{i18n_words.t(lang, "page-untranslated")}</p>')
            html = note + f'<div class="fk-fallback" lang="{prose}" dir="{i18n_words.direction(prose)}">{html}</div>'
        html = self.site.page_end(html)  # the badge note and the page's sources, in the edition's language
        self._searched[page.url] = searchdocs.unsearched(self._searched.get(page.url, html))
        self._built(page, config)
        return html

    def _built(self, page: Page, config: MkDocsConfig) -> None:
        """Under ``serve --dirty``: what the page read (the facts, its source), its title and that it was built."""
        if self._preview is None or self.site is None:
            return
        key = (self._edition(config) or "", page.file.src_uri)
        read = self.site.facts.reads.keys or set()
        self._reads[key] = read | {f"file:{os.path.normpath(page.file.abs_src_path or '')}"}
        self.site.facts.reads.keys = None
        title = page.title or ""
        self._retitled |= self._build is not None and self._titles.get(key, title) != title
        self._titles[key] = title
        self._rebuilt.append(page.url)

    @event_priority(100)
    def _before_search(self, context: Any, *, page: Page, config: MkDocsConfig, nav: Any) -> Any:
        """Material's search reads what on_page_content kept for it: a page's text and headings (of a page that lists
        records, its prose only), without what is excluded from the search."""
        if page.url in self._searched:
            self._whole, page.content = page.content, self._searched.pop(page.url)
        return context

    @event_priority(-100)
    def _after_search(self, context: Any, *, page: Page, config: MkDocsConfig, nav: Any) -> Any:
        """The whole page again, without the attributes Material's search removes once it has read them."""
        if self._whole is not None:
            whole, self._whole = self._whole, None
            page.content = _SEARCH_ATTRIBUTE.sub("", whole) if _ANY_SEARCH_ATTRIBUTE.search(whole) else whole
        return context

    on_page_context = CombinedEvent(_before_search, _after_search)

    def on_post_template(self, output_content: str, *, template_name: str, config: MkDocsConfig) -> str:
        """The 404 page: no <link rel=alternate> (see on_post_page), and with editions the default edition's,
        whichever edition is built last (a host serves one 404 page, at the site's root)."""
        if template_name != "404.html":
            return output_content
        output = _valid(_without_alternates(output_content))
        i18n = self._i18n(config)
        if i18n is None:
            return output
        if self._edition(config) == i18n.default_language or self._not_found is None:
            self._not_found = output
        return self._not_found

    def on_post_page(self, output: str, *, page: Page, config: MkDocsConfig) -> str:
        """With editions: no <link rel=alternate> (see below); in an edition other than the default, ``dir`` on
        <html> as well as <body>, and the search of the edition's own index (``<lang>/search/``)."""
        output = _valid(output)
        lang, _ = self._page_languages(page, config)
        default = self._languages(config)[0]
        if lang is None:
            return output
        # Material writes a <link rel="alternate" hreflang> per language and fetches a sitemap.xml under each one,
        # expecting each to be an edition's root; mkdocs-static-i18n points them at this page's other editions, so
        # every page would request missing sitemaps. The hreflang alternates are in sitemap.xml (per page) and on
        # the switcher's links instead.
        output = _without_alternates(output)
        if lang == default:
            return output
        output = _HEADERLINK.sub(rf'\1{i18n_words.t(lang, "heading-link")}"', output)  # Markdown's toc: English
        if i18n_words.direction(lang) == "rtl":
            output = output.replace(f'<html lang="{lang}" class="no-js">',
                                    f'<html lang="{lang}" dir="rtl" class="no-js">', 1)
        return _BASE.sub(lambda m: f'"base": "{m.group(1).rstrip("/") or "."}/{lang}/"', output, count=1)

    def _shown_at(self, kind: str, rid: str) -> str | None:
        """Where the last good build shows a claim, source or entity (relative to the site's root)."""
        if self.site is None:
            return None
        facts, homes = self.site.facts, self.site.renderer.homes
        if kind == "claim" and rid in facts.claims:
            page = homes.claim_page(facts.claims[rid])
        elif kind == "source" and rid in facts.sources:
            page = homes.source_page(facts.sources[rid])
        elif kind == "entity" and rid in facts.entities:
            page = homes.entity_page(facts.entities[rid].kind)
        else:
            return None
        return f"{page}#{kind}-{rid}" if page is not None else None

    def _edition(self, config: MkDocsConfig) -> str | None:
        """The edition being built (None without editions)."""
        i18n = self._i18n(config)
        return str(i18n.current_language or i18n.default_language) if i18n is not None else None

    def _page_languages(self, page: Page, config: MkDocsConfig) -> tuple[str | None, str | None]:
        """(the page's edition, the language its text is written in); (None, None) without editions."""
        lang = self._edition(config)
        return (lang, getattr(page.file, "locale", lang)) if lang is not None else (None, None)

    def _credits(self, config: MkDocsConfig) -> dict[str, Any]:
        """Each edition's settings: who translates and reviews it and its About texts (the plugin's ``translations``
        setting, checked by the engine at its line; an edition without one: the editors, no reviewer yet)."""
        _, others = self._languages(config)
        given = {str(k): v for k, v in self.config.translations.items()}
        return {lang: given.get(lang) for lang in sorted(set(others) | set(given))}

    def _out_of_paragraph(self, match: re.Match[str]) -> str:
        """A paragraph with a block macro among its text ('Claims: {{ claim_links(...) }}') ends before the block
        and goes on after it, as a browser reads it: a <p> cannot hold a list."""
        before, number, after = match.groups()
        if not _BLOCK.match(self._fragments[int(number)]):
            return match.group(0)
        after = _IN_PARAGRAPH.sub(self._out_of_paragraph, f"<p>{after}</p>") if after.strip() else ""
        return (f"<p>{before.rstrip()}</p>\n" if before.strip() else "") + f"FKFRAG{number}Z" + \
            (f"\n{after}" if after else "")

    def _fragment(self, match: re.Match[str]) -> str:
        """The HTML a token of ``_TOKEN`` stands for."""
        return self._fragments[int((match.group(1) or match.group(0))[6:-1])]

    def _prose_only(self, match: re.Match[str]) -> str:
        """A token's HTML if it is text in a paragraph (a claim in the prose), nothing if it is a block (a list)."""
        return "" if _BLOCK.match(self._fragment(match)) else self._put_back(match)

    def _put_back(self, match: re.Match[str], lang: str | None = None) -> str:
        """A token's HTML; a block alone in a paragraph replaces the paragraph, as raw HTML would. ``lang``: on a
        page not translated yet, the edition's language, which the macros' HTML is written in (the page's own text
        around it is marked as the language it is written in)."""
        fragment = self._fragment(match)
        block = _BLOCK.match(fragment)
        if lang is not None:
            name = "div" if block else "span"
            fragment = f'<{name} lang="{lang}" dir="{i18n_words.direction(lang)}">{fragment}</{name}>'
        if match.group(1) and not block:
            return f"<p>{fragment}</p>"
        return fragment

    def _written(self, *, config: MkDocsConfig) -> None:
        """Serving: this edition's pages are written (before mkdocs-static-i18n builds the next edition); with the
        first, the errors they show over themselves (none once the facts build again)."""
        if not self.serving:
            return
        if self._progress is None or not self._progress.any_written:  # (the first build comes before on_serve)
            self._show_status(config)
        if self._progress is not None:
            self._progress.written(self._edition(config) or self._languages(config)[0])

    def _show_status(self, config: MkDocsConfig) -> None:
        over = self._failure if self.site is not None else None  # (nor when every page is the report)
        self._show(Path(config.site_dir), OVER_LAST_GOOD if self._failure_title() == BROKEN else SETTINGS_BROKEN,
                   over or "")

    @event_priority(-110)  # after mkdocs-static-i18n built the other editions (it runs at -100)
    def _after_build(self, *, config: MkDocsConfig) -> None:
        i18n = self._i18n(config)
        if i18n is not None and getattr(i18n, "building", False):
            return  # another edition inside the build: the steps after the build run once, at its end
        out, (default, others) = Path(config.site_dir), self._languages(config)
        if self.site is None:
            return  # every page shows the report
        index, indexes = searchdocs.read_index(out / searchdocs.INDEX), None  # read once, written once (by finish)
        if index is not None:
            if self._preview is not None:
                index["docs"] = self._preview.complete(index["docs"], self.site.renderer,
                                                       None if self._build is None else set(self._rebuilt))
            indexes = split_search(index, default, others) if i18n is not None else {"": index}
        searched = index["docs"] if index is not None else []
        problems = self.site.finish(out, others, indexes)
        if self._preview is not None:
            if self._build is not None:
                print(f"INFO    -  factkit: built the {len(self._rebuilt)} pages the save touched "
                      f"(of {len(self._preview.reads)})", file=sys.stderr)
            order = self._rebuilt if self._build is None else self._preview.order
            self._preview.keep(self.site.facts, self._stamp, self._files, self._reads, self.site.renderer.appearances,
                               searched, order, full=self._build is None)
        if i18n is not None and not problems:  # pages link to the open data relatively: each edition has a copy
            import shutil

            for lang in others:
                shutil.copytree(out / "data", out / lang / "data", dirs_exist_ok=True)
        if problems and not self.serving:
            raise PluginError("\n".join(problems))
        for problem in problems:
            print(f"WARNING -  {problem}", file=sys.stderr)

    on_post_build = CombinedEvent(_written, _after_build)
