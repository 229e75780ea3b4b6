"""The macro calls a page makes, read with Jinja's own parser (the one place pages are scanned).

Used to find which page hosts the generated lists (sources, claims, entities, the review) before
any page is rendered, and by ``factkit diff`` to list the pages a change touches. Only calls with
literal arguments are understood; anything else is still rendered by the host, just not scanned.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field
from typing import Any

import jinja2
from jinja2 import nodes
from markdown.extensions.toc import slugify

from .render.core import Homes, site_path

_ENV = jinja2.Environment(autoescape=False)
# the section telling readers how to report an error, e.g. '## Report an error' or '## Reporting errors {#report}'
_REPORT = re.compile(r"^#{1,6}[ \t]+(report(?:ing)?\b[^\n{]*\berrors?\b[^\n{]*?)[ \t#]*"
                     r"(?:\{[^}\n]*#([\w-]+)[^}\n]*\})?[ \t]*$", re.IGNORECASE | re.MULTILINE)
_HOSTS = {"article_review": "review", "about": "about", "corrections_log": "corrections"}
_SPLIT = {"entities": "kind", "claims_index": "topic", "sources_list": "publisher"}  # lists a site may split over pages


@dataclass(frozen=True)
class Call:
    """One call of a macro with literal arguments (None where an argument is not a literal)."""

    name: str
    args: tuple[Any, ...]
    kwargs: dict[str, Any] = field(default_factory=dict)
    line: int = 1

    def literals(self) -> list[str]:
        """Every literal text among the arguments (list items included)."""
        found: list[str] = []
        for value in [*self.args, *self.kwargs.values()]:
            found += [v for v in (value if isinstance(value, list) else [value]) if isinstance(v, str)]
        return found


def _literal(node: nodes.Node) -> Any:
    if isinstance(node, nodes.Const):
        return node.value
    if isinstance(node, nodes.List):
        return [_literal(item) for item in node.items]
    return None


def macro_calls(text: str) -> list[Call]:
    """The calls ``name(...)`` of plain names in a page, in order; [] when Jinja cannot parse the page
    (the host reports that when it renders it)."""
    return list(_calls(text))


@functools.lru_cache(maxsize=4096)  # a live preview scans every page at each save; most have not changed
def _calls(text: str) -> tuple[Call, ...]:
    try:
        tree = _ENV.parse(text)
    except jinja2.TemplateSyntaxError:
        return ()
    calls = [Call(node.node.name, tuple(_literal(a) for a in node.args),
                  {k.key: _literal(k.value) for k in node.kwargs}, node.lineno)
             for node in tree.find_all(nodes.Call) if isinstance(node.node, nodes.Name)]
    return tuple(sorted(calls, key=lambda c: c.line))


def find_homes(pages: list[tuple[str, str]], site_url: str = "", repo: str = "") -> Homes:
    """Where the generated lists live, from ``pages`` as (page URL, Markdown) in path order: the first
    page calling each list macro wins; ``entities(kind=...)``, ``claims_index(topic=...)`` and
    ``sources_list(publisher=...)`` pages are the homes of that part of the list, the call without it of the rest."""
    homes = Homes(site_url=site_url, repo=repo)
    for url, text in pages:
        url = site_path(url)
        if homes.report is None and (found := _REPORT.search(text)):
            homes.report = f"{url}#{found.group(2) or slugify(found.group(1).strip(), '-')}"
        for call in macro_calls(text):
            if call.name in _HOSTS and getattr(homes, _HOSTS[call.name]) is None:
                setattr(homes, _HOSTS[call.name], url)
            elif call.name in _SPLIT:
                part = call.kwargs.get(_SPLIT[call.name], call.args[0] if call.args else None)
                homes_of: dict[str | None, str] = getattr(homes, "claims" if call.name == "claims_index" else
                                                          "sources" if call.name == "sources_list" else "entities")
                homes_of.setdefault(part if isinstance(part, str) else None, url)
    return homes
