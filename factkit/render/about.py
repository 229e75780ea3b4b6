"""The "About this site" page: who publishes and checks it, how to reach them, funding, licences, last update.

Everything comes from the site's settings (``about:`` in the factkit settings) and the facts; a setting left
out is shown as "not stated", never filled in. "Last updated" is the latest day a claim was checked.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from ..checks import is_http_url
from ..dates import EDTFDate
from ..publish import _EMAIL, About
from .html import esc, tag
from .parts import time_tag
from .reporting import report_channels

if TYPE_CHECKING:
    from .core import Renderer

# well-known content licences, linked to their deeds
LICENCES = {
    "CC BY 4.0": "https://creativecommons.org/licenses/by/4.0/",
    "CC BY-SA 4.0": "https://creativecommons.org/licenses/by-sa/4.0/",
    "CC BY-NC 4.0": "https://creativecommons.org/licenses/by-nc/4.0/",
    "CC BY-ND 4.0": "https://creativecommons.org/licenses/by-nd/4.0/",
    "CC0 1.0": "https://creativecommons.org/publicdomain/zero/1.0/",
    "ODbL 1.0": "https://opendatacommons.org/licenses/odbl/1-0/",
}
NOT_STATED = "not stated"


def last_updated(r: Renderer) -> EDTFDate | None:
    """The latest day any claim was checked against its sources (None without claims)."""
    claims = list(r.facts.claims.values())
    return max((c.checked for c in claims), key=lambda d: d.latest()) if claims else None


def _stated(value: str | None) -> str:
    return esc(value) if value else tag("span", NOT_STATED, class_="fk-not-stated")


def _contact(value: str | None) -> str:
    if not value:
        return _stated(None)
    if _EMAIL.match(value):
        return tag("a", esc(value), href=f"mailto:{value}")
    if is_http_url(value):
        return tag("a", esc(value), href=value, rel="noopener")
    return esc(value)


def _key(name: str) -> str:
    return re.sub(r"[\s-]+", " ", name.upper()).strip()


def _licence(value: str | None) -> str:
    if not value:
        return _stated(None)
    url = next((u for name, u in LICENCES.items() if _key(name) == _key(value)), None)
    return tag("a", esc(value), href=url, rel="license noopener") if url else esc(value)


def about(r: Renderer) -> str:
    """The About block: a definition list of what the site says about itself."""
    info: About = r.about
    corrections = sum(len(c.corrections) for c in r.facts.claims.values())
    data = " (" + ", ".join(tag("a", name, href=r.href(f"data/{name}")) for name in ("facts.json", "claims.csv")) + ")"
    feed = tag("a", "corrections feed", href=r.href("corrections.xml"), type="application/atom+xml")
    log = tag("a", "corrections log", href=r.href(r.homes.corrections)) if r.homes.corrections is not None else None
    updated = last_updated(r)
    rows = [
        ("Published by", _stated(info.publisher)),
        ("Claims checked by", _stated(info.checked_by)),
        ("Contact", _contact(info.contact)),
        ("Report an error", report_channels(r)),
        ("Funding and independence", _stated(info.funding)),
        ("Licence of the text", _licence(info.licence_text)),
        ("Licence of the data", _licence(info.licence_data) + data),
        ("Last updated", (time_tag(updated) + ": the latest day a claim was checked against its sources")
         if updated is not None else _stated(None)),
        ("Corrections", f"{corrections} so far; see the {log + ' and the ' if log else ''}{feed} (Atom)"),
    ]
    body = "".join(tag("dt", esc(label)) + tag("dd", value) for label, value in rows)
    return tag("dl", body, class_="fk-about")
