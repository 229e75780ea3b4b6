"""What a live preview shows when it cannot build (never part of a published site): the error page that replaces
a page, and the errors a page shows over its last good version (``assets/factkit-preview.js``)."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from ..render.html import esc, tag

_LINE = re.compile(r"^(?P<where>[^\s:][^:]*:\d+): (?P<message>.*?)(?: \[(?P<code>[a-z0-9-]+)\])?$")
ADVICE = ("Fix the lines below and save the file: this page reloads by itself when the site builds again. "
          "A published build (mkdocs build) fails with the same report.")


def errors(report: str) -> list[dict[str, str]]:
    """The ``path:line: message [code]`` lines of a report (its headings and totals left out), the errors before
    the warnings (``level``); a report with no such line: each of its lines as a message."""
    lines = [raw.strip() for raw in report.splitlines() if raw.strip()]
    found = [m for m in map(_LINE.match, lines) if m]
    if not found:
        return [{"where": "", "message": line, "code": "", "level": "error"} for line in lines]
    said = [{"where": m["where"], "message": m["message"].removeprefix("warning: "), "code": m["code"] or "",
             "level": "warning" if m["message"].startswith("warning: ") else "error"} for m in found]
    return sorted(said, key=lambda e: e["level"] == "warning")


WARNINGS = "Warnings (they do not stop the build)"


def error_page(title: str, report: str) -> str:
    """The report's lines as a list, with what to do; the warnings after the errors, apart (as the preview's
    overlay shows them)."""
    body = [tag("h1", esc(title)), tag("p", esc(ADVICE))]
    found = errors(report)
    for level in ("error", "warning"):
        items = [tag("li", (tag("code", esc(e["where"])) + ": " if e["where"] else "") + esc(e["message"])
                     + (f" {tag('code', esc('[' + e['code'] + ']'))}" if e["code"] else ""))
                 for e in found if e["level"] == level]
        if items:
            body += [tag("h2", esc(WARNINGS))] if level == "warning" else []
            body.append(tag("ol", "".join(items)))
    return tag("div", "".join(body), class_="fk-build-error", role="alert")


_NAMED = re.compile(r"\b(claim|source|entity) '([^']+)'")


def preview_status(title: str, report: str, link: Callable[[str, str], str | None] = lambda kind, rid: None
                   ) -> dict[str, Any]:
    """The content of ``factkit-preview.json``: no errors once the facts build again. ``link(kind, id)``: where
    the last good build shows a record (relative to the site's root); an error that names one links to it."""
    found = errors(report) if report else []
    for error in found:
        named = _NAMED.search(error["message"])
        href = link(named[1], named[2]) if named else None
        if href:
            error["href"] = href
    return {"title": title, "advice": ADVICE, "errors": found}
