"""Small shared pieces: dates, verdict badges, source labels, citation markers with previews."""

from __future__ import annotations

import functools

from .. import i18n
from ..dates import EDTFDate
from ..model import VERDICTS, Citation, Source, relay_id
from ..store import FactBase
from .core import Renderer
from .html import esc, tag
from .links import text_fragment_url

STANCE_LABELS = {"supports": "Supports", "contradicts": "Contradicts", "context": "Context"}
DATE_FROM = {
    "page_metadata": "from the page's metadata",
    "page_text": "from the page's text",
    "url": "from the address",
    "unknown": "source of the date unknown",
}


def human(date: EDTFDate | None, missing: str = "date unknown") -> str:
    return date.human() if date is not None else missing


def time_tag(date: EDTFDate | None, missing: str = "date unknown", lang: str = i18n.DEFAULT,
             governed: bool = False) -> str:
    """A <time> element at the date's precision, written in ``lang`` (``governed``: after 'since', 'until')."""
    if date is None:
        if lang != i18n.DEFAULT:
            missing = i18n.t(lang, "undated" if missing == "undated" else "date-unknown")
        return tag("span", esc(missing), class_="fk-nodate")
    return _time_element(date, lang, governed)


@functools.lru_cache(maxsize=8192)  # the same dates recur on every page, in every edition (CLDR formatting is slow)
def _time_element(date: EDTFDate, lang: str, governed: bool) -> str:
    return tag("time", esc(i18n.date_in(date, lang, governed)), datetime=date.iso())


def verdict_text(verdict: str, lang: str = i18n.DEFAULT) -> str:
    """The verdict's label in ``lang``."""
    if verdict not in VERDICTS:
        return verdict
    return VERDICTS[verdict].label if lang == i18n.DEFAULT else i18n.M[f"v-{verdict}"].get(lang) or \
        VERDICTS[verdict].label


def verdict_meaning(verdict: str, lang: str = i18n.DEFAULT) -> str:
    return VERDICTS[verdict].meaning if lang == i18n.DEFAULT else i18n.M[f"vm-{verdict}"].get(lang) or \
        VERDICTS[verdict].meaning


@functools.lru_cache(maxsize=256)
def _badge_face(verdict: str, lang: str = i18n.DEFAULT) -> str:
    label = verdict_text(verdict, lang)
    icon = tag("span", VERDICTS[verdict].icon if verdict in VERDICTS else "•", class_="fk-verdict-icon",
               aria_hidden="true")
    return f"{icon} {esc(label)}"


@functools.lru_cache(maxsize=256)
def verdict_badge(verdict: str, lang: str = i18n.DEFAULT) -> str:
    """The verdict as text plus an icon and a shape (never colour alone)."""
    return tag("span", _badge_face(verdict, lang), class_=f"fk-verdict fk-verdict--{verdict}")


def verdict_button(verdict: str, controls: str, lang: str = i18n.DEFAULT) -> str:
    """The badge as a button that opens the verdict's explanation (element ``controls``; factkit.js)."""
    return tag("button", _badge_face(verdict, lang), type="button", class_=f"fk-verdict fk-verdict--{verdict} fk-vbtn",
               aria_expanded="false", aria_controls=controls)


def _standin(source: Source, lang: str = i18n.DEFAULT) -> str:
    """For a page that showed no headline: the first excerpt read from it, shortened (never an invented title)."""
    words = source.excerpts[0].text.split()
    text = " ".join(words[:12]) + ("…" if len(words) > 12 else "")
    return (tag("span", esc(i18n.t(lang, "no-headline")), class_="fk-untitled") + " "
            + tag("q", esc(text), class_="fk-standin", **lang_of(source, lang)))


def lang_of(source: Source, lang: str = i18n.DEFAULT) -> dict[str, str]:
    """lang and dir attributes for text quoted from a source that is not in the page's language."""
    return {} if source.language == lang else {"lang": source.language, "dir": "auto"}


def _names_dir(lang: str) -> str | None:
    """dir for a publisher's name (written as the publisher writes it) on a page in ``lang``."""
    return "auto" if i18n.direction(lang) == "rtl" else None


def source_title(source: Source, lang: str = i18n.DEFAULT) -> str:
    """The headline in its own language (never translated); for a page without a headline, its first excerpt;
    'untitled page' in ``lang`` when nothing was read."""
    if source.title:
        if lang == i18n.DEFAULT:
            return f"“{esc(source.title)}”"
        return tag("q", esc(source.title), **lang_of(source, lang)) if source.language != lang else \
            tag("q", esc(source.title))
    if source.excerpts:
        return _standin(source, lang)
    return tag("span", esc(i18n.t(lang, "untitled")), class_="fk-untitled")


def publisher_text(facts: FactBase, source: Source, lang: str = i18n.DEFAULT) -> str:
    """The publisher's name, then 'relaying X' when the page carries another outlet's report (plain text)."""
    relayed = facts.relayed_name(source)
    name = facts.publisher_name(source)
    return i18n.t(lang, "relaying", name=name, relayed=relayed) if relayed else name


def source_label(facts: FactBase, source: Source, lang: str = i18n.DEFAULT) -> str:
    """'Publisher, “Title”' (or 'untitled page'); 'Publisher, relaying X, “Title”' for a relayed report."""
    publisher = tag("span", esc(publisher_text(facts, source, lang)), class_="fk-publisher", dir=_names_dir(lang))
    return f"{publisher}{'،' if lang == 'ar' else ','} {source_title(source, lang)}"


def flag_tags(r: Renderer, source: Source) -> list[str]:
    """Each caution flag of a source (its own, its publisher's, the relayed outlet's) as a ⚑ note, in the page's
    language (from the source's or the publisher's translation; marked when not translated)."""
    from .localize import plain

    if r.lang == i18n.DEFAULT:
        return [tag("span", "⚑ " + esc(flag), class_="fk-flag") for flag in r.facts.flags(source)]
    found: list[tuple[str, str, str]] = []  # (kind, record id, English flag), each flag once (FactBase.flags)
    if source.reliability:
        found.append(("sources", source.id, source.reliability))
    for pid in (source.publisher, relay_id(source.relays)):
        publisher = r.facts.publishers.get(pid) if pid else None
        if publisher and publisher.reliability and publisher.reliability not in [f for _, _, f in found]:
            found.append(("publishers", publisher.id, publisher.reliability))
    return [tag("span", "⚑ " + plain(r, kind, rid, "reliability", flag), class_="fk-flag")
            for kind, rid, flag in found]


def deep_link(source: Source, citation: Citation, focusable: bool = True, lang: str = i18n.DEFAULT) -> str:
    """'Read it in the source' with a text fragment, or '' when there is no quote or address. In a preview it is
    left out of the Tab order (``focusable=False``): a marker is one Tab stop; its entry in the page's list of
    sources, which the marker leads to, carries the address."""
    if not (citation.quote and source.url):
        return ""
    url = text_fragment_url(source.url, citation.quote)
    return tag("a", esc(i18n.t(lang, "read-source")), class_="fk-deeplink", href=url, rel="nofollow noopener",
               tabindex=None if focusable else "-1")


def preview(r: Renderer, source: Source, citations: list[Citation], tip_id: str) -> str:
    """The hover/focus/tap preview of a source's citations at one place: publisher, title, date, flag, quotes, in
    the page's language (the quotes in the source's)."""
    key = ("preview", r.lang, source.id, tuple(c.quote for c in citations))
    body = r.memo.get(key)
    if body is None:  # the same on every page: only the id differs
        parts = [tag("span", esc(publisher_text(r.facts, source, r.lang)), class_="fk-tip-publisher",
                     dir=_names_dir(r.lang))]
        if source.title:  # an untitled page needs no stand-in here: the quote follows
            parts.append(tag("span", source_title(source, r.lang), class_="fk-tip-title"))
        parts.append(tag("span", time_tag(source.published, lang=r.lang), class_="fk-tip-date"))
        parts += flag_tags(r, source)
        for citation in citations:
            if citation.quote:
                parts.append(tag("q", esc(citation.quote), class_="fk-tip-quote", **lang_of(source, r.lang)))
            link = deep_link(source, citation, focusable=False, lang=r.lang)
            if link:
                parts.append(tag("span", link, class_="fk-tip-go"))
        body = r.memo[key] = "".join(parts)
    return tag("span", body, class_="fk-tip", role="tooltip", id=tip_id)


def markers(r: Renderer, citations: list[Citation]) -> str:
    """Citation markers [1][3], numbered per page like Wikipedia's: a source keeps its number down the page, and a
    source cited twice at one place is one marker. Each links to the source's entry in the list of sources at the
    end of the page (page_references()) and has a preview (shown on hover, focus or tap)."""
    grouped: dict[str, list[Citation]] = {}
    for cit in citations:
        grouped.setdefault(cit.source, []).append(cit)
    placed = []
    for sid, cits in grouped.items():
        source = r.facts.source(sid)
        n, use = r.cite(source.id)
        placed.append((n, use, source, cits))
    out = []
    for n, use, source, cits in sorted(placed, key=lambda p: p[0]):
        tip_id = f"{use}-tip"
        link = tag("a", esc(f"[{n}]"), class_="fk-cite-ref", href=f"#fk-ref-{n}", id=use, aria_describedby=tip_id)
        out.append(tag("span", link + preview(r, source, cits, tip_id), class_="fk-cite"))
    return tag("sup", "".join(out), class_="fk-cites", data_search_exclude=True)  # previews are not search text


def evidence(r: Renderer, citations: list[Citation]) -> str:
    """The evidence list: each citation's source, stance, quote and deep link."""
    items = []
    for cit in citations:
        source = r.facts.source(cit.source)
        href = r.source_href(source.id)
        key = ("evidence", r.lang, href, source.id, cit.quote, cit.locator, cit.stance)
        item = r.memo.get(key)
        if item is None:  # the same wherever the link to the source is the same
            item = r.memo[key] = _evidence_item(r, source, cit, href)
        n, use = r.cite(source.id)  # numbered like the markers: the page's list of sources links back here
        items.append(tag("li", tag("span", esc(f"[{n}]"), class_="fk-ev-num") + " " + item, id=use))
    return tag("ol", "".join(items), class_="fk-evidence", data_search_exclude=True)  # searched at each source


def _evidence_item(r: Renderer, source: Source, cit: Citation, href: str | None) -> str:
    lang = r.lang
    label = source_label(r.facts, source, lang)
    stance = STANCE_LABELS[cit.stance] if lang == i18n.DEFAULT else i18n.t(lang, cit.stance)
    # the source's date in parentheses after its name, the quote as its own element after that: the date
    # never reads as the start of the quote ("date unknown “on April…")
    bits = [
        tag("span", esc(stance), class_=f"fk-stance fk-stance--{cit.stance}"),
        tag("a", label, href=href) if href else label,
        tag("span", f"({time_tag(source.published, lang=lang)})", class_="fk-ev-date"),
        *flag_tags(r, source),
    ]
    if cit.quote:
        bits.append(tag("q", esc(cit.quote), class_="fk-ev-quote", **lang_of(source, lang)))
    if cit.locator:
        bits.append(tag("span", f"({esc(cit.locator)})", class_="fk-locator"))
    link = deep_link(source, cit, lang=lang)
    if link:
        bits.append(link)
    return " ".join(bits)
