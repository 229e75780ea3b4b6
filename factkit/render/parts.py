"""Small shared pieces: dates, verdict badges, source labels, citation markers with previews."""

from __future__ import annotations

import functools

from ..dates import EDTFDate
from ..model import VERDICTS, Citation, Source
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


def time_tag(date: EDTFDate | None, missing: str = "date unknown") -> str:
    """A <time> element at the date's precision."""
    if date is None:
        return tag("span", esc(missing), class_="fk-nodate")
    return tag("time", esc(date.human()), datetime=date.iso())


@functools.lru_cache(maxsize=64)
def _badge_face(verdict: str) -> str:
    label = VERDICTS[verdict].label if verdict in VERDICTS else verdict
    icon = tag("span", VERDICTS[verdict].icon if verdict in VERDICTS else "•", class_="fk-verdict-icon",
               aria_hidden="true")
    return f"{icon} {esc(label)}"


@functools.lru_cache(maxsize=64)
def verdict_badge(verdict: str) -> str:
    """The verdict as text plus an icon and a shape (never colour alone)."""
    return tag("span", _badge_face(verdict), class_=f"fk-verdict fk-verdict--{verdict}")


def verdict_button(verdict: str, controls: str) -> str:
    """The badge as a button that opens the verdict's explanation (element ``controls``; factkit.js)."""
    return tag("button", _badge_face(verdict), type="button", class_=f"fk-verdict fk-verdict--{verdict} fk-vbtn",
               aria_expanded="false", aria_controls=controls)


def _standin(source: Source) -> str:
    """For a page that showed no headline: the first excerpt read from it, shortened (never an invented title)."""
    words = source.excerpts[0].text.split()
    text = " ".join(words[:12]) + ("…" if len(words) > 12 else "")
    return (tag("span", "no headline; it reads", class_="fk-untitled") + " "
            + tag("q", esc(text), class_="fk-standin", **lang_of(source)))


def lang_of(source: Source) -> dict[str, str]:
    """lang and dir attributes for text quoted from a source that is not in English (the site's language)."""
    return {} if source.language == "en" else {"lang": source.language, "dir": "auto"}


def source_title(source: Source) -> str:
    """'“Title”'; for a page without a headline, its first excerpt; 'untitled page' when nothing was read."""
    if source.title:
        return f"“{esc(source.title)}”"
    if source.excerpts:
        return _standin(source)
    return tag("span", "untitled page", class_="fk-untitled")


def publisher_text(facts: FactBase, source: Source) -> str:
    """The publisher's name, then 'relaying X' when the page carries another outlet's report (plain text)."""
    relayed = facts.relayed_name(source)
    name = facts.publisher_name(source)
    return f"{name}, relaying {relayed}" if relayed else name


def source_label(facts: FactBase, source: Source) -> str:
    """'Publisher, “Title”' (or 'untitled page'); 'Publisher, relaying X, “Title”' for a relayed report."""
    return f"{tag('span', esc(publisher_text(facts, source)), class_='fk-publisher')}, {source_title(source)}"


def flag_tags(facts: FactBase, source: Source) -> list[str]:
    """Each caution flag of a source (its own, its publisher's, the relayed outlet's) as a ⚑ note."""
    return [tag("span", "⚑ " + esc(flag), class_="fk-flag") for flag in facts.flags(source)]


def deep_link(source: Source, citation: Citation, focusable: bool = True) -> str:
    """'Read it in the source' with a text fragment, or '' when there is no quote or address. In a preview it is
    left out of the Tab order (``focusable=False``): a marker is one Tab stop; its entry in the page's list of
    sources, which the marker leads to, carries the address."""
    if not (citation.quote and source.url):
        return ""
    url = text_fragment_url(source.url, citation.quote)
    return tag("a", "Read it in the source", class_="fk-deeplink", href=url, rel="nofollow noopener",
               tabindex=None if focusable else "-1")


def preview(r: Renderer, source: Source, citations: list[Citation], tip_id: str) -> str:
    """The hover/focus/tap preview of a source's citations at one place: publisher, title, date, flag, quotes."""
    key = ("preview", source.id, tuple(c.quote for c in citations))
    body = r.memo.get(key)
    if body is None:  # the same on every page: only the id differs
        parts = [tag("span", esc(publisher_text(r.facts, source)), class_="fk-tip-publisher")]
        if source.title:  # an untitled page needs no stand-in here: the quote follows
            parts.append(tag("span", source_title(source), class_="fk-tip-title"))
        parts.append(tag("span", time_tag(source.published), class_="fk-tip-date"))
        parts += flag_tags(r.facts, source)
        for citation in citations:
            if citation.quote:
                parts.append(tag("q", esc(citation.quote), class_="fk-tip-quote", **lang_of(source)))
            link = deep_link(source, citation, focusable=False)
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
        key = ("evidence", href, source.id, cit.quote, cit.locator, cit.stance)
        item = r.memo.get(key)
        if item is None:  # the same wherever the link to the source is the same
            item = r.memo[key] = _evidence_item(r.facts, source, cit, href)
        n, use = r.cite(source.id)  # numbered like the markers: the page's list of sources links back here
        items.append(tag("li", tag("span", esc(f"[{n}]"), class_="fk-ev-num") + " " + item, id=use))
    return tag("ol", "".join(items), class_="fk-evidence")


def _evidence_item(facts: FactBase, source: Source, cit: Citation, href: str | None) -> str:
    label = source_label(facts, source)
    # the source's date in parentheses after its name, the quote as its own element after that: the date
    # never reads as the start of the quote ("date unknown “on April…")
    bits = [
        tag("span", esc(STANCE_LABELS[cit.stance]), class_=f"fk-stance fk-stance--{cit.stance}"),
        tag("a", label, href=href) if href else label,
        tag("span", f"({time_tag(source.published)})", class_="fk-ev-date"),
        *flag_tags(facts, source),
    ]
    if cit.quote:
        bits.append(tag("q", esc(cit.quote), class_="fk-ev-quote", **lang_of(source)))
    if cit.locator:
        bits.append(tag("span", f"({esc(cit.locator)})", class_="fk-locator"))
    link = deep_link(source, cit)
    if link:
        bits.append(link)
    return " ".join(bits)
