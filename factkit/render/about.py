"""The "About this site" page: who publishes and checks it, how to reach them, funding, licences, last update.

Everything comes from the site's settings (``about:`` in the factkit settings; in another edition, its texts in
``translations: {LANG: {about: …}}``) and the facts; a setting left out is shown as "not stated" (in the page's
language), never filled in, and a text an edition does not give is the default language's, marked as not
translated. "Last updated" is the latest day a claim was checked.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from .. import i18n
from ..checks import is_http_url
from ..dates import EDTFDate
from ..feed import FEED_TYPE, feed_path
from ..publish import _EMAIL, About
from . import localize as loc
from .html import esc, tag
from .parts import time_tag
from .reporting import fill, report_channels

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
__all__ = ["LICENCES", "About", "about", "last_updated", "setting"]


def last_updated(r: Renderer) -> EDTFDate | None:
    """The latest day any claim was checked against its sources (None without claims)."""
    claims = list(r.facts.claims.values())
    return max((c.checked for c in claims), key=lambda d: d.latest()) if claims else None


def _licence_url(value: str) -> str | None:
    return next((u for name, u in LICENCES.items() if _key(name) == _key(value)), None)


def setting(r: Renderer, name: str) -> tuple[str | None, str]:
    """(the About text ``name`` for the page's edition, state): 'ok' (in the page's language, or a text that reads
    the same in every language: a contact address, a known licence's name) or 'missing' (the default language's
    text: that edition's ``translations: {LANG: {about: …}}`` does not give it). None: not stated at all."""
    default = getattr(r.about, name)
    if r.lang == i18n.DEFAULT:
        return default, "ok"
    own = r.about_in.get(r.lang)
    if own is not None and getattr(own, name):
        return getattr(own, name), "ok"
    if default is None or name == "contact" or (name.startswith("licence_") and _licence_url(default)):
        return default, "ok"
    return default, "missing"


def _not_stated(r: Renderer) -> str:
    return tag("span", esc(loc.t(r, "not-stated")), class_="fk-not-stated")


def _stated(r: Renderer, name: str) -> str:
    value, state = setting(r, name)
    return loc.shown(r, esc(value), state) if value else _not_stated(r)


def _contact(r: Renderer) -> str:
    value, _ = setting(r, "contact")
    if not value:
        return _not_stated(r)
    if _EMAIL.match(value):
        return tag("a", esc(value), href=f"mailto:{value}")
    if is_http_url(value):
        return tag("a", esc(value), href=value, rel="noopener")
    return esc(value)


def _key(name: str) -> str:
    return re.sub(r"[\s-]+", " ", name.upper()).strip()


def _licence(r: Renderer, name: str) -> str:
    value, state = setting(r, name)
    if not value:
        return _not_stated(r)
    url = _licence_url(value)
    return tag("a", esc(value), href=url, rel="license noopener") if url else loc.shown(r, esc(value), state)


def about(r: Renderer) -> str:
    """The About block: a definition list of what the site says about itself, in the page's language (an About
    text the edition's settings do not give: the default language's, marked as not translated)."""
    corrections = sum(len(c.corrections) for c in r.facts.claims.values())
    files = [tag("a", name, href=r.href(f"data/{name}")) for name in ("facts.json", "claims.csv")]
    data = " (" + loc.t(r, "list-comma").join(files) + ")"
    feed = tag("a", esc(loc.t(r, "feed-link")), href=r.href(feed_path(r.lang)), type=FEED_TYPE)
    log = tag("a", esc(loc.t(r, "log-link")), href=r.home(r.homes.corrections)) \
        if r.homes.corrections is not None else None
    updated = last_updated(r)
    count = loc.number(r, corrections)
    rows = [
        ("about-publisher", _stated(r, "publisher")),
        ("about-checked-by", _stated(r, "checked_by")),
        ("about-contact", _contact(r)),
        ("about-report", report_channels(r)),
        ("about-funding", _stated(r, "funding")),
        ("about-licence-text", _licence(r, "licence_text")),
        ("about-licence-data", _licence(r, "licence_data") + data),
        ("about-updated", fill(r, "about-updated-note", date=time_tag(updated, lang=r.lang))
         if updated is not None else _not_stated(r)),
        ("corrections", fill(r, "about-corrections", n=count, log=log, feed=feed) if log
         else fill(r, "about-corrections-nolog", n=count, feed=feed)),
    ]
    body = "".join(tag("dt", esc(loc.t(r, label))) + tag("dd", value) for label, value in rows)
    return tag("dl", body, class_="fk-about")
