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
import os
import sys
from pathlib import Path
from typing import Any

from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from .. import editorial, report
from ..site import Settings, Site, SiteError

PACKAGE = Path(__file__).resolve().parent.parent
ASSETS = ("assets/factkit.css", "assets/reader.css", "assets/factkit.js")
_USER_EPOCH = os.environ.get("SOURCE_DATE_EPOCH")  # as the user started the process: kept if they set it


class FactkitConfig(base.Config):
    facts_dir = c.Type(str, default="facts")
    topics = c.Type(dict, default={})
    repo = c.Type(str, default="")  # the older name of report: {issues: ...}
    report = c.Type(dict, default={})  # how readers report errors: any of issues, form, email (factkit.publish)
    about = c.Type(dict, default={})  # the About page: publisher, checked_by, contact, funding, licence_text, ...

    def validate(self) -> tuple[list[Any], list[Any]]:
        failed, warnings = super().validate()
        known = [k for k, _ in self._schema]
        for key in sorted(set(self.keys()) - set(known)):  # a typo must not fall back to a default
            near = difflib.get_close_matches(key, known, n=1, cutoff=0.5)
            hint = f"did you mean '{near[0]}'?" if near else f"allowed: {', '.join(known)}"
            failed.append((key, base.ValidationError(f"unknown setting of the factkit plugin; {hint}")))
        return failed, [w for w in warnings if w[0] in known]


def _template_line() -> int | None:
    """The line of the page being rendered by Jinja that is calling a macro right now."""
    frame = sys._getframe(2)
    while frame is not None:
        template = frame.f_globals.get("__jinja_template__")
        if template is not None:
            return int(template.get_corresponding_lineno(frame.f_lineno))
        frame = frame.f_back  # type: ignore[assignment]  # None ends the loop
    return None


class FactkitPlugin(BasePlugin[FactkitConfig]):
    """Registered as the ``factkit`` entry point of ``mkdocs.plugins``."""

    site: Site | None = None
    serving = False

    def on_startup(self, *, command: str, dirty: bool) -> None:
        self.serving = command == "serve"  # a preview: local addresses are fine, nothing is required

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        if config.theme.name != "material":
            raise PluginError("factkit: the site needs the Material theme (theme: {name: material} in mkdocs.yml)")
        macros = config.plugins.get("macros")
        names = list(config.plugins)
        if macros is None or names.index("macros") < names.index("factkit"):
            raise PluginError("factkit: list the macros plugin after factkit in mkdocs.yml "
                              "(plugins: [search, factkit, macros]); pages call factkit's facts through it")
        macros.config["on_undefined"] = "strict"  # an undefined name in a page fails the build
        macros.config["on_error_fail"] = True
        project = Path(config.config_file_path).parent
        settings = Settings(self.config.facts_dir, dict(self.config.topics), self.config.repo,
                            config.site_url or "", Path(config.config_file_path).name,
                            report=dict(self.config.report), about=dict(self.config.about),
                            site_name=config.site_name, serving=self.serving)
        docs = Path(config.docs_dir)
        pages = [(File(p.relative_to(docs).as_posix(), str(docs), config.site_dir, config.use_directory_urls).url,
                  p.read_text(encoding="utf-8")) for p in sorted(docs.rglob("*.md"))]
        try:
            self.site = site = Site.open(project, settings, pages)
        except SiteError as exc:
            raise PluginError(str(exc)) from None
        for problem in site.warnings:
            print(f"INFO    -  {problem}", file=sys.stderr)
        for notice in site.notices:  # printed, not logged: a local build still passes --strict
            print(f"WARNING -  factkit: {notice}", file=sys.stderr)
        config.site_url = site.site_url or None  # the published address (factkit.publish)
        problems = editorial.check_docs(docs, project)
        if problems:
            raise PluginError("The pages have text that is not for readers:\n" + report(problems))
        if site.epoch is not None and _USER_EPOCH is None:  # the sitemap's date comes from the facts
            os.environ["SOURCE_DATE_EPOCH"] = str(site.epoch)
        macros.register_macros({name: self._macro(name) for name in site.macro_names()})
        config.theme.dirs.insert(1 if config.theme.custom_dir else 0, str(PACKAGE / "theme"))
        config.extra_css[:0] = [a for a in ASSETS if a.endswith(".css")]
        config.extra_javascript[:0] = [a for a in ASSETS if a.endswith(".js")]  # type: ignore[list-item]
        return config

    def _macro(self, name: str) -> Any:
        from ..macros import MACROS

        @functools.wraps(MACROS[name])
        def call(*args: Any, **kwargs: Any) -> Any:
            assert self.site is not None
            return self.site.call(name, args, kwargs, _template_line())

        return call

    def on_env(self, env: Any, *, config: MkDocsConfig, files: Files) -> Any:
        assert self.site is not None
        env.globals["factkit"] = self.site.template_values()  # the footer's About link, the feed <link>
        return env

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        for asset in ASSETS:
            if files.get_file_from_path(asset) is None:  # a site may ship its own version
                files.append(File.generated(config, asset, abs_src_path=str(PACKAGE / asset)))
        return files

    @event_priority(50)  # before mkdocs-macros renders the page
    def on_page_markdown(self, markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        assert self.site is not None
        path = Path(config.docs_dir) / page.file.src_uri
        try:
            source = path.read_text(encoding="utf-8")
            offset = source[: source.find(markdown)].count("\n") if markdown and markdown in source else 0
        except OSError:
            offset = 0
        shown = os.path.relpath(path, Path(config.config_file_path).parent)
        self.site.begin_page(page.url, Path(shown).as_posix(), offset)
        return markdown

    @event_priority(-50)  # after mkdocs-macros rendered it
    def on_page_content(self, html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        assert self.site is not None
        found = self.site.take_errors()
        if found:
            raise PluginError("A page asks for facts that do not exist:\n" + report(found))
        return html

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        assert self.site is not None
        problems = self.site.finish(Path(config.site_dir))
        if problems:
            raise PluginError("\n".join(problems))
