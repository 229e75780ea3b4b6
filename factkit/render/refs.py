"""What a page adds at its end, from what it showed: the numbered list of the sources it cites (with back-links to
each place they are cited, like Wikipedia's references) and, once, what a claim without a verdict badge is."""

from __future__ import annotations

import re

from .. import i18n
from ..model import Source
from . import localize as loc
from .core import Renderer
from .html import esc, tag
from .parts import flag_tags, publisher_text, source_title, time_tag

REFS_ID = "sources-on-this-page"


def _letter(k: int) -> str:
    """a, b, ... z, aa, ab, ...: the labels of the back-links to each place a source is cited."""
    out = ""
    k += 1
    while k:
        k, rest = divmod(k - 1, 26)
        out = chr(97 + rest) + out
    return out


def _entry(r: Renderer, n: int, source: Source, uses: list[str]) -> str:
    if len(uses) == 1:
        backs = tag("a", "↑", href=f"#{uses[0]}", aria_label=loc.t(r, "back-to-cite"))
    else:  # Wikipedia's 'a b c': one back-link per place cited
        backs = tag("span", "↑", aria_hidden="true") + " " + " ".join(
            tag("a", _letter(k), href=f"#{use}") for k, use in enumerate(uses))
    parts = [tag("span", backs, class_="fk-backs"),
             tag("span", esc(publisher_text(r.facts, source, r.lang)), class_="fk-publisher",
                 dir="auto" if i18n.direction(r.lang) == "rtl" else None)
             + ("، " if r.lang == "ar" else ", ") + source_title(source, r.lang) + ("." if source.title else "")]
    if source.published is not None:
        published = loc.put_date(esc(loc.t(r, "ref-published", date="\x00")), time_tag(source.published, lang=r.lang))
    else:
        published = tag("span", esc(loc.t(r, "ref-no-date")), class_="fk-nodate")
    accessed = loc.put_date(esc(loc.t(r, "ref-accessed", date="\x00")), time_tag(source.accessed, lang=r.lang))
    parts.append(f"{published} {accessed}")
    parts += flag_tags(r, source)
    if source.url:
        parts.append(tag("a", esc(source.url), href=source.url, rel="nofollow noopener", class_="fk-url"))
    elif source.url_unavailable:
        parts.append(tag("span", loc.plain(r, "sources", source.id, "url_unavailable", source.url_unavailable),
                         class_="fk-nourl"))
    else:
        parts.append(tag("span", esc(loc.t(r, "ref-no-url")), class_="fk-nourl"))
    if source.archive_url:
        parts.append(esc(loc.t(r, "ref-archived")) + tag("a", esc(source.archive_url), href=source.archive_url,
                                                         rel="nofollow noopener", class_="fk-url"))
    href = r.source_href(source.id)
    if href:
        parts.append(tag("a", esc(loc.t(r, "ref-details")), href=href, class_="fk-ref-more"))
    return tag("li", " ".join(parts), id=f"fk-ref-{n}")


def page_references(r: Renderer) -> str:
    """'Sources on this page': every source the page cited, numbered as its markers, with back-links to each
    place it is cited, publisher, title (or the first excerpt), dates and address. '' when it cited none."""
    if not r.cited:
        return ""
    items = "".join(_entry(r, n, r.facts.source(sid), uses) for n, (sid, uses) in enumerate(r.cited.items(), 1))
    head = tag("h2", esc(loc.t(r, "refs-head")), id=REFS_ID)
    note = tag("p", esc(loc.t(r, "refs-note")), class_="fk-refs-note")
    return tag("section", head + note + tag("ol", items, class_="fk-refs-list"), class_="fk-refs",
               aria_labelledby=REFS_ID, data_search_exclude=True)


BADGE_NOTE = ("A verdict badge (such as ✓ Accurate) marks a claim that checks a sentence of the article under "
              "review: select it to see why. A claim without a badge is background: a fact taken from the sources "
              "cited, not a checked statement.")

_FIRST_CLAIM = re.compile(r'<(?:span|div) class="fk-(?:claim|card)\b')
_BLOCK_START = re.compile(r"\n(?=<(?:p|ul|ol|div|table)\b)")


def badge_note(html: str, lang: str = i18n.DEFAULT, marked: bool = False) -> str:
    """The page with the badge note put once, just before the block that holds its first claim; ``marked``: with
    its language and direction (on a page whose own text is in another language)."""
    found = _FIRST_CLAIM.search(html)
    if found is None:
        return html
    starts = [m.end() for m in _BLOCK_START.finditer(html, 0, found.start())]
    at = starts[-1] if starts else 0
    note = BADGE_NOTE if lang == i18n.DEFAULT else i18n.t(lang, "badge-note")
    attrs = {"lang": lang, "dir": i18n.direction(lang)} if marked else {}
    return html[:at] + tag("p", esc(note), class_="fk-badge-note", **attrs) + "\n" + html[at:]


def page_end(r: Renderer, html: str) -> str:
    """A rendered page's HTML with what its end adds: the badge note (when the page mixes claims with and without
    a verdict badge) and the list of the sources it cites."""
    if r.badged and r.unbadged:
        html = badge_note(html, r.lang, marked=r.lang != r.prose_lang)
    return html + page_references(r)
