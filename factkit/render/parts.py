"""Small shared pieces: dates, verdict badges, source labels, citation markers with previews."""

from __future__ import annotations

import functools

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


def time_tag(date: EDTFDate | None, missing: str = "date unknown") -> str:
    """A <time> element at the date's precision."""
    if date is None:
        return tag("span", esc(missing), class_="fk-nodate")
    return tag("time", esc(date.human()), datetime=date.iso())


@functools.lru_cache(maxsize=64)
def verdict_badge(verdict: str) -> str:
    """The verdict as text plus an icon and a shape (never colour alone)."""
    label = VERDICTS[verdict].label if verdict in VERDICTS else verdict
    icon = tag("span", VERDICTS[verdict].icon if verdict in VERDICTS else "•", class_="fk-verdict-icon",
               aria_hidden="true")
    return tag("span", f"{icon} {esc(label)}", class_=f"fk-verdict fk-verdict--{verdict}")


def source_title(source: Source) -> str:
    return f"“{esc(source.title)}”" if source.title else tag("span", "untitled page", class_="fk-untitled")


def source_label(source: Source) -> str:
    """'Publisher, “Title”' (or 'untitled page')."""
    return f"{tag('span', esc(source.publisher), class_='fk-publisher')}, {source_title(source)}"


def deep_link(source: Source, citation: Citation) -> str:
    """'Read it in the source' with a text fragment, or '' when there is no quote or address."""
    if not (citation.quote and source.url):
        return ""
    url = text_fragment_url(source.url, citation.quote)
    return tag("a", "Read it in the source", class_="fk-deeplink", href=url, rel="nofollow noopener")


def preview(r: Renderer, source: Source, citation: Citation, tip_id: str) -> str:
    """The hover/focus preview of one citation."""
    key = ("preview", source.id, citation.quote)
    body = r.memo.get(key)
    if body is None:  # the same on every page: only the id differs
        parts = [
            tag("span", esc(source.publisher), class_="fk-tip-publisher"),
            tag("span", source_title(source), class_="fk-tip-title"),
            tag("span", time_tag(source.published), class_="fk-tip-date"),
        ]
        if source.reliability:
            parts.append(tag("span", "⚑ " + esc(source.reliability), class_="fk-flag"))
        if citation.quote:
            parts.append(tag("q", esc(citation.quote), class_="fk-tip-quote"))
        link = deep_link(source, citation)
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
    return tag("sup", "".join(out), class_="fk-cites", data_search_exclude=True)  # previews are not search text


def evidence(r: Renderer, citations: list[Citation]) -> str:
    """The evidence list: each citation's source, stance, quote and deep link."""
    items = []
    for cit in citations:
        source = r.facts.source(cit.source)
        href = r.source_href(source.id)
        key = ("evidence", href, source.id, cit.quote, cit.locator, cit.stance)
        item = r.memo.get(key)
        if item is None:  # the same wherever the link to the source is the same
            item = r.memo[key] = _evidence_item(source, cit, href)
        items.append(item)
    return tag("ol", "".join(items), class_="fk-evidence")


def _evidence_item(source: Source, cit: Citation, href: str | None) -> str:
    label = source_label(source)
    # the source's date in parentheses after its name, the quote as its own element after that: the date
    # never reads as the start of the quote ("date unknown “on April…")
    bits = [
        tag("span", esc(STANCE_LABELS[cit.stance]), class_=f"fk-stance fk-stance--{cit.stance}"),
        tag("a", label, href=href) if href else label,
        tag("span", f"({time_tag(source.published)})", class_="fk-ev-date"),
    ]
    if source.reliability:
        bits.append(tag("span", "⚑ " + esc(source.reliability), class_="fk-flag"))
    if cit.quote:
        bits.append(tag("q", esc(cit.quote), class_="fk-ev-quote"))
    if cit.locator:
        bits.append(tag("span", f"({esc(cit.locator)})", class_="fk-locator"))
    link = deep_link(source, cit)
    if link:
        bits.append(link)
    return tag("li", " ".join(bits))
