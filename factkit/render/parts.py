"""Small shared pieces: dates, verdict badges, source labels, citation markers with previews."""

from __future__ import annotations

import functools

from .. import i18n
from ..dates import EDTFDate
from ..model import VERDICTS, Citation, Source
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
def verdict_badge(verdict: str, lang: str = i18n.DEFAULT) -> str:
    """The verdict as text plus an icon and a shape (never colour alone)."""
    label = verdict_text(verdict, lang)
    icon = tag("span", VERDICTS[verdict].icon if verdict in VERDICTS else "•", class_="fk-verdict-icon",
               aria_hidden="true")
    return tag("span", f"{icon} {esc(label)}", class_=f"fk-verdict fk-verdict--{verdict}")


def source_title(source: Source, lang: str = i18n.DEFAULT) -> str:
    """The headline in its own language (never translated), or 'untitled page' in ``lang``."""
    if not source.title:
        return tag("span", esc(i18n.t(lang, "untitled")), class_="fk-untitled")
    if lang == i18n.DEFAULT:
        return f"“{esc(source.title)}”"
    return tag("q", esc(source.title), lang=source.language, dir="auto", class_="fk-title")


def source_label(source: Source, lang: str = i18n.DEFAULT) -> str:
    """'Publisher, “Title”' (or 'untitled page')."""
    publisher = tag("span", esc(source.publisher), class_="fk-publisher", dir="auto" if lang != i18n.DEFAULT else None)
    return f"{publisher}{'،' if lang == 'ar' else ','} {source_title(source, lang)}"


def deep_link(source: Source, citation: Citation, lang: str = i18n.DEFAULT) -> str:
    """'Read it in the source' with a text fragment, or '' when there is no quote or address."""
    if not (citation.quote and source.url):
        return ""
    url = text_fragment_url(source.url, citation.quote)
    return tag("a", esc(i18n.t(lang, "read-source")), class_="fk-deeplink", href=url, rel="nofollow noopener")


def preview(r: Renderer, source: Source, citation: Citation, tip_id: str) -> str:
    """The hover/focus preview of one citation."""
    key = ("preview", r.lang, source.id, citation.quote)
    body = r.memo.get(key)
    if body is None:  # the same on every page: only the id differs
        parts = [
            tag("span", esc(source.publisher), class_="fk-tip-publisher",
                dir="auto" if r.lang != i18n.DEFAULT else None),
            tag("span", source_title(source, r.lang), class_="fk-tip-title"),
            tag("span", time_tag(source.published, lang=r.lang), class_="fk-tip-date"),
        ]
        if source.reliability:
            parts.append(tag("span", "⚑ " + reliability(r, source), class_="fk-flag"))
        if citation.quote:
            other = r.lang != i18n.DEFAULT
            parts.append(tag("q", esc(citation.quote), class_="fk-tip-quote", lang=source.language if other else None,
                             dir="auto" if other else None))
        link = deep_link(source, citation, r.lang)
        if link:
            parts.append(tag("span", link, class_="fk-tip-go"))
        body = r.memo[key] = "".join(parts)
    return tag("span", body, class_="fk-tip", role="tooltip", id=tip_id)


def markers(r: Renderer, citations: list[Citation]) -> str:
    """Citation markers [1][2], each linking to the source entry with a preview."""
    out = []
    for n, cit in enumerate(citations, 1):
        source = r.facts.source(cit.source)
        tip_id = r.next_id("fk-tip")
        href = r.source_href(source.id)
        label = f"[{n}]"
        link = tag("a", esc(label), class_="fk-cite-ref", href=href, aria_describedby=tip_id) if href else \
            tag("span", esc(label), class_="fk-cite-ref", tabindex="0", aria_describedby=tip_id)
        out.append(tag("span", link + preview(r, source, cit, tip_id), class_="fk-cite"))
    return tag("sup", "".join(out), class_="fk-cites")


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
        items.append(item)
    return tag("ol", "".join(items), class_="fk-evidence")


def reliability(r: Renderer, source: Source) -> str:
    """The source's caution flag in the page's language (escaped; marked when not translated)."""
    from .localize import plain

    return plain(r, "sources", source.id, "reliability", source.reliability or "")


def _evidence_item(r: Renderer, source: Source, cit: Citation, href: str | None) -> str:
    lang = r.lang
    label = source_label(source, lang)
    stance = STANCE_LABELS[cit.stance] if lang == i18n.DEFAULT else i18n.t(lang, cit.stance)
    # the source's date in parentheses after its name, the quote as its own element after that: the date
    # never reads as the start of the quote ("date unknown “on April…")
    bits = [
        tag("span", esc(stance), class_=f"fk-stance fk-stance--{cit.stance}"),
        tag("a", label, href=href) if href else label,
        tag("span", f"({time_tag(source.published, lang=lang)})", class_="fk-ev-date"),
    ]
    if source.reliability:
        bits.append(tag("span", "⚑ " + reliability(r, source), class_="fk-flag"))
    if cit.quote:
        bits.append(tag("q", esc(cit.quote), class_="fk-ev-quote", lang=source.language if lang != i18n.DEFAULT
                        else None, dir="auto" if lang != i18n.DEFAULT else None))
    if cit.locator:
        bits.append(tag("span", f"({esc(cit.locator)})", class_="fk-locator"))
    link = deep_link(source, cit, lang)
    if link:
        bits.append(link)
    return tag("li", " ".join(bits))
