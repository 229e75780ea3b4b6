"""Generated pages: sources, claims index, timeline, coverage, corrections, verdict scale."""

from __future__ import annotations

import re
from collections import defaultdict
from itertools import groupby

from ..model import VERDICTS, Claim, Source
from .claims import claim_card, claim_inline
from .core import Renderer
from .html import esc, plain_text, tag
from .parts import DATE_FROM, flag_tags, lang_of, source_label, time_tag, verdict_badge

LANGUAGES = {"en": "English", "ar": "Arabic", "ru": "Russian", "fr": "French", "de": "German", "es": "Spanish",
             "tr": "Turkish", "fa": "Persian", "he": "Hebrew", "it": "Italian", "nl": "Dutch", "pt": "Portuguese"}


def blocks(*parts: str) -> str:
    """Markdown-level blocks (headings and HTML blocks) separated by blank lines."""
    return "\n\n" + "\n\n".join(p for p in parts if p) + "\n\n"


def heading(r: Renderer, level: int, text: str, anchor: str | None = None) -> str:
    """A Markdown heading (so it shows in the page's table of contents); the text is escaped (plain text)."""
    placed = r._place(anchor) if anchor else None
    return "#" * level + " " + esc(text) + (f" {{#{placed}}}" if placed else "")


def claim_ref(r: Renderer, claim: Claim) -> str:
    """A short link to a claim's canonical home, labelled with its plain text (not counted as showing it)."""
    label = esc(plain_text(claim.text))
    href = r.claim_href(claim.id)
    return tag("a", label, href=href, class_="fk-claim-ref") if href else tag("span", label)


def claim_links(r: Renderer, claims: list[Claim]) -> str:
    """A compact list: each claim's text linking to its canonical card, with its verdict badge."""
    if not claims:
        return tag("p", "No claims match.", class_="fk-empty")
    items = "".join(
        tag("li", claim_ref(r, c) + (" " + verdict_badge(c.review.verdict) if c.review else ""), data_claim=c.id)
        for c in claims
    )
    return tag("ul", items, class_="fk-claim-links")


def _source_entry(r: Renderer, source: Source, citing_entities: list[str]) -> str:
    anchor = r.source_anchor(source)
    when = (f"{time_tag(source.published)} ({esc(DATE_FROM[source.published_from])})" if source.published is not None
            else tag("span", "date unknown", class_="fk-nodate"))  # not 'date unknown (source of the date unknown)'
    rows = [("Published", when + (f" — {esc(source.published_note)}" if source.published_note else "")),
            ("Accessed", time_tag(source.accessed)),
            ("Language", esc(LANGUAGES.get(source.language, source.language))),
            ("Kind", esc(source.kind))]
    flags = flag_tags(r.facts, source)
    if flags:
        rows.append(("Reliability", " ".join(flags)))
    if source.url:
        rows.append(("Address", tag("a", esc(source.url), href=source.url, rel="nofollow noopener", class_="fk-url")))
    else:
        rows.append(("Address", tag("span", esc(source.url_unavailable or "none known"), class_="fk-nourl")))
    if source.archive_url:
        rows.append(("Archive", tag("a", esc(source.archive_url), href=source.archive_url, rel="nofollow noopener")))
    if source.notes:
        rows.append(("Notes", esc(source.notes)))
    dl = tag("dl", "".join(tag("dt", esc(k)) + tag("dd", v) for k, v in rows), class_="fk-source-meta")
    excerpts = "".join(
        tag("li", tag("q", esc(e.text), **lang_of(source))
            + (tag("span", " — " + esc(e.says), class_="fk-says") if e.says else ""))
        for e in source.excerpts
    )
    body = [tag("p", source_label(r.facts, source), class_="fk-source-name"), dl]
    if excerpts:
        body.append(tag("div", tag("p", "Excerpts read", class_="fk-label") + tag("ul", excerpts)))
    claims = r.facts.claims_by_source.get(source.id, [])
    backs = [tag("li", claim_ref(r, c)) for c in claims] + [tag("li", e) for e in citing_entities]
    if backs:
        body.append(tag("div", tag("p", "Cited by", class_="fk-label") + tag("ul", "".join(backs)),
                        class_="fk-cited-by"))
    return tag("div", "".join(body), class_="fk-source", id=anchor)


def _initial(publisher: str) -> str:
    """The heading a publisher is listed under: its first letter, '#' for a digit."""
    first = next((ch for ch in publisher if ch.isalnum()), "#")
    return "#" if first.isdigit() else first.upper()


def _slug(text: str) -> str:
    """An id part: ASCII words joined by '-', other characters as their code points (ids stay unique)."""
    coded = re.sub(r"[^\x00-\x7f]", lambda m: f"-u{ord(m[0]):x}-", text.casefold())
    return re.sub(r"[^a-z0-9]+", "-", coded).strip("-")


def sources_list(r: Renderer) -> str:
    """Every source with its details and back-links to the claims (and entities) that cite it, grouped by publisher
    under A-Z headings (the page's table of contents), with a jump bar and a filter box (factkit.js shows it)."""
    by_source: dict[str, list[str]] = defaultdict(list)
    for entity in r.facts.entities.values():
        cited = [c.source for role in entity.roles for c in role.citations]
        cited += [c.source for c in entity.terms.citations] if entity.terms else []
        for sid in dict.fromkeys(cited):
            href = r.entity_href(entity)
            name = esc(entity.name)
            by_source[sid].append(tag("a", name, href=href) if href else name)
    ordered = sorted(r.facts.sources.values(), key=lambda s: (r.facts.publisher_name(s).casefold(), s.id))
    letters: dict[str, dict[str, list[Source]]] = {}
    for source in ordered:
        name = r.facts.publisher_name(source)
        letters.setdefault(_initial(name), {}).setdefault(name, []).append(source)
    prefix = "publishers"
    jump = tag("nav", " ".join(tag("a", esc(letter), href=f"#{prefix}-{_slug(letter)}") for letter in letters),
               class_="fk-years fk-letters", aria_label="Jump to publishers by first letter")
    search = tag("input", type="search", class_="fk-filter-box", aria_label="Filter the sources",
                 placeholder="Filter: publisher, title, words quoted…", autocomplete="off")
    count = tag("span", "", class_="fk-filter-count", role="status")
    # shown by factkit.js (a filter box that does nothing without it would mislead)
    parts = [tag("div", search + count, class_="fk-filter", hidden=True, data_filter=".fk-source"), jump]
    for letter, publishers in letters.items():
        parts.append(heading(r, 2, letter, f"{prefix}-{_slug(letter)}"))  # the table of contents lists these
        groups = []
        for publisher, sources in publishers.items():
            label = tag("h3", esc(publisher) + tag("span", f" ({len(sources)})", class_="fk-pub-count"),
                        class_="fk-pub-name", id=r._place(f"publisher-{_slug(publisher)}"))
            cards = "".join(_source_entry(r, s, by_source[s.id]) for s in sources)
            groups.append(tag("section", label + cards, class_="fk-pub"))
        parts.append(tag("div", "".join(groups), class_="fk-sources"))
    return blocks(*parts)


def claims_index(r: Renderer) -> str:
    """Every claim once, grouped by its first topic: each claim's canonical home. Topics the site labels come
    first, in the order the site lists them; then the others by label; claims without a topic last."""
    groups: dict[str, list[Claim]] = defaultdict(list)
    for claim in r.facts.claims.values():
        groups[claim.topics[0] if claim.topics else "other"].append(claim)
    listed = {t: i for i, t in enumerate(r.topics)}
    parts = []
    for topic in sorted(groups, key=lambda t: (t == "other", listed.get(t, len(listed)), r.topic_label(t).casefold(),
                                               t)):
        parts.append(heading(r, 2, r.topic_label(topic), f"topic-{topic}"))
        parts.append(tag("div", "".join(claim_card(r, c) for c in groups[topic]), class_="fk-cards"))
    return blocks(*parts)


def _year(claim: Claim) -> int:
    if claim.date is None:
        raise ValueError(f"claim '{claim.id}' has no date; a timeline shows dated claims only")
    return claim.date.start.year


def timeline(r: Renderer, claims: list[Claim], level: int = 2) -> str:
    """Dated claims in chronological order, grouped by year, with year jump links."""
    if not claims:
        return tag("p", "No dated claims.", class_="fk-empty")
    years = [(year, list(items)) for year, items in groupby(claims, key=_year)]
    prefix = r.next_id("tl")
    jump = tag("nav", " · ".join(tag("a", str(y), href=f"#{prefix}-{y}") for y, _ in years),
               class_="fk-years", aria_label="Jump to year")
    parts = [jump]
    for year, items in years:
        parts.append(heading(r, level, str(year), f"{prefix}-{year}"))
        entries = "".join(
            tag("li", tag("span", time_tag(c.date), class_="fk-when") + " " + claim_inline(r, c))
            for c in items
        )
        parts.append(tag("ol", entries, class_="fk-timeline"))
    return blocks(*parts)


def coverage(r: Renderer) -> str:
    """How well the claims are supported, computed at build time."""
    facts = r.facts
    rows = "".join(
        tag("tr", tag("td", verdict_badge(v)) + tag("td", str(len(facts.claims_by_verdict.get(v, [])))))
        for v in VERDICTS
    )
    unreviewed = sum(1 for c in facts.claims.values() if c.review is None)
    rows += tag("tr", tag("td", "Background claims (no verdict)") + tag("td", str(unreviewed)))
    table = tag("table", tag("thead", tag("tr", tag("th", "Verdict") + tag("th", "Claims"))) + tag("tbody", rows),
                class_="fk-table")

    def cited(c: Claim) -> list[Source]:
        return [facts.sources[s] for s in dict.fromkeys(cit.source for cit in c.citations) if s in facts.sources]

    single = [c for c in facts.claims.values() if len(cited(c)) == 1]
    flagged = [c for c in facts.claims.values() if cited(c) and all(facts.flagged(s) for s in cited(c))]
    waiting = [c for c in facts.claims.values() if c.status == "scheduled" and c.outcome is None]

    def listing(title: str, claims: list[Claim]) -> str:
        body = tag("ul", "".join(tag("li", claim_ref(r, c)) for c in claims)) if claims else \
            tag("p", "None.", class_="fk-empty")
        return tag("div", tag("p", f"{esc(title)} ({len(claims)})", class_="fk-label") + body, class_="fk-coverage")

    return tag("div", table
               + listing("Claims resting on a single source", single)
               + listing("Claims cited only to flagged sources", flagged)
               + listing("Scheduled claims awaiting an outcome", waiting), class_="fk-coverage-page")


def corrections_log(r: Renderer) -> str:
    entries = [(cor, claim) for claim in r.facts.claims.values() for cor in claim.corrections]
    entries.sort(key=lambda e: (e[0].date.sort_key(), e[1].id), reverse=True)
    if not entries:
        return tag("p", "No corrections so far.", class_="fk-empty")
    items = "".join(
        tag("li", f"{time_tag(cor.date)} — {claim_ref(r, claim)}: {esc(plain_text(cor.what))} "
                  + tag("span", "Why: " + esc(plain_text(cor.why)), class_="fk-why"))
        for cor, claim in entries
    )
    return tag("ol", items, class_="fk-corrections-log")


def verdict_scale() -> str:
    rows = "".join(
        tag("tr", tag("td", verdict_badge(v)) + tag("td", esc(verdict.meaning))
            + tag("td", esc(f"{verdict.rating} of 4" if verdict.rating else "not rated")))
        for v, verdict in VERDICTS.items()
    )
    head = tag("tr", tag("th", "Verdict") + tag("th", "Meaning") + tag("th", "Rating (ClaimReview)"))
    return tag("table", tag("thead", head) + tag("tbody", rows), class_="fk-table fk-scale")


def verdict_label(verdict: str) -> str:
    return VERDICTS[verdict].label if verdict in VERDICTS else verdict
