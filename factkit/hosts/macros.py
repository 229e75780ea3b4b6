"""A mkdocs-macros module for hosts that run only the macros step (Zensical's macros extension).

MkDocs and ProperDocs run the factkit plugin, which registers the macros itself: there this module does
nothing. Elsewhere ``define_env`` (called by the host for each page) opens the site once per state of
the fact files (the check runs once per build, not per page), tells it the page, and registers the
macros; a bad call stops the build with its ``path:line`` report. Such hosts run no after-build hook:
run ``factkit build-report`` on the built site for the completeness check and the open data.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from .. import today
from ..cache import run_key
from ..site import Site, SiteError, site_pages
from . import template_line

_SITES: dict[tuple[str, str], Site] = {}  # (project, run key of its facts) -> the site of that state


def _has_plugin(plugins: Any) -> bool:
    values = plugins.values() if hasattr(plugins, "values") else []
    return any(type(p).__name__ == "FactkitPlugin" for p in values)


def define_env(env: Any) -> None:
    """Register factkit's macros for the page being rendered (unless the factkit plugin does)."""
    conf = env.conf
    if _has_plugin(conf.get("plugins")):
        return
    if type(conf).__name__ == "MkDocsConfig":  # MkDocs without the plugin: no CSS, JS or templates would come
        from mkdocs.exceptions import PluginError

        raise PluginError("factkit: add the factkit plugin before macros in mkdocs.yml (plugins: [search, factkit, "
                          "macros]); it checks the facts and brings factkit's CSS, JS and page templates")
    root = Path(conf.get("root_dir") or Path(conf.get("config_file_path") or "mkdocs.yml").parent).resolve()
    settings, pages = site_pages(root / "mkdocs.yml")
    key = (str(root), run_key(root / settings.facts_dir, today(), False))
    shared = _SITES.get(key)
    if shared is None:
        shared = _SITES[key] = Site.open(root, settings, pages)  # a SiteError is the host's build error
    site = shared.for_page()  # a host may render pages side by side: each page gets its own state
    page = env.page
    path = getattr(page, "path", None) or getattr(getattr(page, "file", None), "src_uri", "")
    docs = str(conf.get("docs_dir") or "docs").rstrip("/")
    site.begin_page(str(getattr(page, "url", "")), f"{Path(docs).name}/{path}")
    for name in site.macro_names():
        env.macro(_caller(site, name), name)


def _caller(site: Site, name: str) -> Any:
    def call(*args: Any, **kwargs: Any) -> Any:
        out = site.call(name, args, kwargs, template_line())
        found = site.take_errors()
        if found:  # no hook after the page here: stop at the first bad call
            raise SiteError("A page has errors:\n" + "\n".join(map(str, found)))
        return out

    call.__name__ = name
    return call
