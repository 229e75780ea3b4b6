"""The page a live preview shows instead of a page it could not build (never part of a published site)."""

from __future__ import annotations

import re

from ..render.html import esc, tag

_LINE = re.compile(r"^(?P<where>[^\s:][^:]*:\d+): (?P<message>.*?)(?: \[(?P<code>[a-z0-9-]+)\])?$")


def error_page(title: str, report: str) -> str:
    """The ``path:line: message [code]`` lines of a report as a list, with what to do."""
    items = []
    for line in report.splitlines():
        found = _LINE.match(line.strip())
        if found:
            code = f" {tag('code', esc('[' + found['code'] + ']'))}" if found["code"] else ""
            items.append(tag("li", tag("code", esc(found["where"])) + ": " + esc(found["message"]) + code))
    body = [tag("h1", esc(title)),
            tag("p", "Fix the lines below and save the file: this page reloads by itself when the site builds again. "
                     "A published build (mkdocs build) fails with the same report."),
            tag("ol", "".join(items)) if items else tag("pre", esc(report))]
    return tag("div", "".join(body), class_="fk-build-error", role="alert")
