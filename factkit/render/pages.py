"""Generated pages: sources, claims index, timeline, coverage, corrections, verdict scale."""

from __future__ import annotations

import functools
import json
import re
from collections import defaultdict
from itertools import groupby

from .. import i18n
from ..model import VERDICTS, Claim, Source
from . import localize as loc
from .claims import claim_card, claim_inline
from .core import Renderer
from .html import esc, plain_text, tag
from .parts import DATE_FROM, flag_tags, lang_of, source_label, time_tag, verdict_badge, verdict_meaning, verdict_text

LANGUAGES = {"en": "English", "ar": "Arabic", "ru": "Russian", "fr": "French", "de": "German", "es": "Spanish",
             "tr": "Turkish", "fa": "Persian", "he": "Hebrew", "it": "Italian", "nl": "Dutch", "pt": "Portuguese"}


def blocks(*parts: str) -> str:
    """Markdown-level blocks (headings and HTML blocks) separated by blank lines."""
    return "\n\n" + "\n\n".join(p for p in parts if p) + "\n\n"


def heading(r: Renderer, level: int, text: str, anchor: str | None = None) -> str:
    """A Markdown heading (so it shows in the page's table of contents); the text is escaped (plain text). On a
    page not translated yet (its own text in another language), it says it is in the edition's language."""
    placed = r._place(anchor) if anchor else None
    attrs = [f"#{placed}"] if placed else []
    if r.lang != r.prose_lang:
        attrs += [f"lang={r.lang}", f"dir={i18n.direction(r.lang)}"]
    return "#" * level + " " + esc(text) + (f" {{{' '.join(attrs)}}}" if attrs else "")


def claim_ref(r: Renderer, claim: Claim) -> str:
    """A short link to a claim's canonical home, labelled with its plain text (not counted as showing it)."""
    label = loc.plain(r, "claims", claim.id, "text", claim.text) if r.lang != i18n.DEFAULT else \
        esc(plain_text(claim.text))
    href = r.claim_href(claim.id)
    return tag("a", label, href=href, class_="fk-claim-ref") if href else tag("span", label)


def claim_links(r: Renderer, claims: list[Claim]) -> str:
    """A compact list: each claim's text linking to its canonical card, with its verdict badge."""
    if not claims:
        return tag("p", esc(loc.t(r, "no-claims")), class_="fk-empty")
    items = "".join(
        tag("li", claim_ref(r, c) + (" " + verdict_badge(c.review.verdict, r.lang) if c.review else ""),
            data_claim=c.id)
        for c in claims
    )
    return tag("ul", items, class_="fk-claim-links")


def _source_entry(r: Renderer, source: Source, citing_entities: list[str]) -> str:
    anchor = r.source_anchor(source)
    lang, en = r.lang, r.lang == i18n.DEFAULT

    def said(key: loc.Key, english: str) -> str:
        return esc(english) if en else loc.plain(r, "sources", source.id, key, english)

    date_from = DATE_FROM[source.published_from] if en else loc.t(r, f"from-{source.published_from}")
    when = (f"{time_tag(source.published, lang=lang)} ({esc(date_from)})" if source.published is not None
            else time_tag(None, lang=lang))  # not 'date unknown (source of the date unknown)'
    rows = [(loc.t(r, "published"), when
             + (f" — {said('published_note', source.published_note)}" if source.published_note else "")),
            (loc.t(r, "accessed"), time_tag(source.accessed, lang=lang)),
            (loc.t(r, "language"), esc(LANGUAGES.get(source.language, source.language) if en
                                       else i18n.language_name(source.language, lang))),
            (loc.t(r, "kind"), esc(source.kind if en else loc.t(r, f"source-{source.kind}")))]
    flags = flag_tags(r, source)
    if flags:
        rows.append((loc.t(r, "reliability"), " ".join(flags)))
    if source.url:
        rows.append((loc.t(r, "address"), tag("a", esc(source.url), href=source.url, rel="nofollow noopener",
                                              class_="fk-url", dir="ltr" if not en else None)))
    else:
        none = said("url_unavailable", source.url_unavailable) if source.url_unavailable else \
            esc(loc.t(r, "none-known"))
        rows.append((loc.t(r, "address"), tag("span", none, class_="fk-nourl")))
    if source.archive_url:
        rows.append((loc.t(r, "archive"), tag("a", esc(source.archive_url), href=source.archive_url,
                                              rel="nofollow noopener", dir="ltr" if not en else None)))
    if source.notes:
        rows.append((loc.t(r, "notes"), said("notes", source.notes)))
    dl = tag("dl", "".join(tag("dt", esc(k)) + tag("dd", v) for k, v in rows), class_="fk-source-meta")

    def says(n: int, english: str | None) -> str:
        if en:
            return tag("span", " — " + esc(english), class_="fk-says") if english else ""
        found, state = loc.lookup(r, "sources", source.id, ("says", n), english or "")
        if state == "missing" and not english:
            return ""  # nothing to translate: the excerpt is in its own language
        return tag("span", " — " + loc._wrap(r, esc(found), state), class_="fk-says")

    excerpts = "".join(
        tag("li", tag("q", esc(e.text), **lang_of(source, lang)) + says(n, e.says))
        for n, e in enumerate(source.excerpts)
    )
    body = [tag("p", source_label(r.facts, source, lang), class_="fk-source-name"), dl]
    if excerpts:
        body.append(tag("div", tag("p", esc(loc.t(r, "excerpts")), class_="fk-label") + tag("ul", excerpts)))
    claims = r.facts.claims_by_source.get(source.id, [])
    backs = [tag("li", claim_ref(r, c)) for c in claims] + [tag("li", e) for e in citing_entities]
    if backs:
        body.append(tag("div", tag("p", esc(loc.t(r, "cited-by")), class_="fk-label") + tag("ul", "".join(backs)),
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


def sources_list(r: Renderer, publisher: str | None = None) -> str:
    """Every source (or those of one publisher; without one, those whose publisher has no page of its own) with its
    details and back-links to the claims (and entities) that cite it, grouped by publisher under A-Z headings (the
    page's table of contents), with a jump bar and a filter box (factkit.js shows it)."""
    by_source: dict[str, list[str]] = defaultdict(list)
    for entity in r.facts.entities.values():
        cited = [c.source for role in entity.roles for c in role.citations]
        cited += [c.source for c in entity.terms.citations] if entity.terms else []
        for sid in dict.fromkeys(cited):
            href = r.entity_href(entity)
            name = loc.entity_name(r, entity)
            by_source[sid].append(tag("a", name, href=href) if href else name)
    own = {k for k in r.homes.sources if k is not None}
    shown = [s for s in r.facts.sources.values()
             if (s.publisher == publisher if publisher is not None else s.publisher not in own)]
    ordered = sorted(shown, key=lambda s: (r.facts.publisher_name(s).casefold(), s.id))
    letters: dict[str, dict[str, list[Source]]] = {}
    for source in ordered:
        name = r.facts.publisher_name(source)
        letters.setdefault(_initial(name), {}).setdefault(name, []).append(source)
    prefix = "publishers"
    jump = tag("nav", " ".join(tag("a", esc(letter), href=f"#{prefix}-{_slug(letter)}") for letter in letters),
               class_="fk-years fk-letters", aria_label=loc.t(r, "jump-letter"))
    search = tag("input", type="search", class_="fk-filter-box", aria_label=loc.t(r, "filter-sources"),
                 placeholder=loc.t(r, "filter-placeholder"), autocomplete="off")
    count = tag("span", "", class_="fk-filter-count", role="status")
    # shown by factkit.js (a filter box that does nothing without it would mislead)
    parts = [tag("div", search + count, class_="fk-filter", hidden=True, data_filter=".fk-source"), jump]
    for letter, publishers in letters.items():
        parts.append(heading(r, 2, letter, f"{prefix}-{_slug(letter)}"))  # the table of contents lists these
        groups = []
        for publisher, sources in publishers.items():
            label = tag("h3", esc(publisher) + tag("span", f" ({i18n.number(len(sources), r.lang)})",
                                                   class_="fk-pub-count"),
                        class_="fk-pub-name", id=r._place(f"publisher-{_slug(publisher)}"))
            cards = "".join(_source_entry(r, s, by_source[s.id]) for s in sources)
            groups.append(tag("section", label + cards, class_="fk-pub"))
        parts.append(tag("div", "".join(groups), class_="fk-sources"))
    return blocks(*parts)


def claims_index(r: Renderer, topic: str | None = None) -> str:
    """Every claim once (or those whose first topic is ``topic``; without a topic, those whose first topic has no
    page of its own), grouped by its first topic: each claim's canonical home. Topics the site labels come first,
    in the order the site lists them; then the others by label; claims without a topic last."""
    groups: dict[str, list[Claim]] = defaultdict(list)
    own = {t for t in r.homes.claims if t is not None}
    # a topic's page reads the claims of that topic only (factkit.depends: what a live-preview save rebuilds)
    candidates = r.facts.claims_by_topic.get(topic, []) if topic is not None else r.facts.claims.values()
    for claim in candidates:
        first = claim.topics[0] if claim.topics else None
        if first == topic if topic is not None else first not in own:
            groups[first or "other"].append(claim)
    listed = {t: i for i, t in enumerate(r.topics)}

    def order(t: str) -> tuple[bool, int, str, str]:
        return t == "other", listed.get(t, len(listed)), r.topic_label(t).casefold(), t

    parts = [_elsewhere(r, sorted(own, key=order))] if topic is None and own else []
    for topic in sorted(groups, key=order):
        parts.append(heading(r, 2, r.topic_label(topic), f"topic-{topic}"))
        parts.append(tag("div", "".join(claim_card(r, c) for c in groups[topic]), class_="fk-cards"))
    return blocks(*parts)


def _elsewhere(r: Renderer, topics: list[str]) -> str:
    """On the page of the claims whose topic has no page of its own: links to the topics' pages, and where each of
    their claims and topic headings now lives (factkit.js follows a permalink from before the list was split)."""
    links, moved = [], {}
    for t in topics:
        page = r.home(r.homes.claims[t])
        claims = [c for c in r.facts.claims_by_topic.get(t, []) if c.topics[0] == t]
        links.append(tag("a", esc(r.topic_label(t)) + f" ({i18n.number(len(claims), r.lang)})",
                         href=f"{page}#topic-{t}"))
        moved.update({f"claim-{c.id}": page for c in claims})
        moved[f"topic-{t}"] = page
    data = json.dumps(moved, sort_keys=True).replace("<", "\\u003c")
    return tag("p", esc(loc.t(r, "claims-elsewhere")) + " " + " · ".join(links), class_="fk-claims-elsewhere") + \
        tag("script", data, class_="fk-moved", type="application/json", data_search_exclude="")


def _year(claim: Claim) -> int:
    if claim.date is None:
        raise ValueError(f"claim '{claim.id}' has no date; a timeline shows dated claims only")
    return claim.date.start.year


def timeline(r: Renderer, claims: list[Claim], level: int = 2) -> str:
    """Dated claims in chronological order, grouped by year, with year jump links."""
    if not claims:
        return tag("p", esc(loc.t(r, "no-dated")), class_="fk-empty")
    years = [(year, list(items)) for year, items in groupby(claims, key=_year)]
    prefix = r.next_id("tl")
    jump = tag("nav", " · ".join(tag("a", str(y), href=f"#{prefix}-{y}") for y, _ in years),
               class_="fk-years", aria_label=loc.t(r, "jump-year"))
    parts = [jump]
    for year, items in years:
        parts.append(heading(r, level, str(year), f"{prefix}-{year}"))
        entries = "".join(
            tag("li", tag("span", time_tag(c.date, lang=r.lang), class_="fk-when") + " " + claim_inline(r, c))
            for c in items
        )
        parts.append(tag("ol", entries, class_="fk-timeline"))
    return blocks(*parts)


def coverage(r: Renderer) -> str:
    """How well the claims are supported, computed at build time."""
    facts = r.facts
    n = functools.partial(i18n.number, lang=r.lang)
    rows = "".join(
        tag("tr", tag("td", verdict_badge(v, r.lang)) + tag("td", n(len(facts.claims_by_verdict.get(v, [])))))
        for v in VERDICTS
    )
    unreviewed = sum(1 for c in facts.claims.values() if c.review is None)
    rows += tag("tr", tag("td", esc(loc.t(r, "background-claims"))) + tag("td", n(unreviewed)))
    head = tag("tr", tag("th", esc(loc.t(r, "verdict"))) + tag("th", esc(loc.t(r, "claims"))))
    table = tag("table", tag("thead", head) + tag("tbody", rows), class_="fk-table")
    if r.lang != i18n.DEFAULT:  # how much of this edition is translated
        done, stale = loc.catalog(r).translated_claims(r.lang)
        count = loc.t(r, "translated-of", done=n(done), total=n(len(facts.claims)))
        if stale:
            count += " (" + loc.t(r, "stale-of", n=n(stale)) + ")"
        language = i18n.language_name(r.lang, r.lang)
        table += tag("p", esc(loc.t(r, "translated-claims", language=language)) + ": " + tag("strong", esc(count)),
                     class_="fk-translated-count")

    def cited(c: Claim) -> list[Source]:
        return [facts.sources[s] for s in dict.fromkeys(cit.source for cit in c.citations) if s in facts.sources]

    single = [c for c in facts.claims.values() if len(cited(c)) == 1]
    flagged = [c for c in facts.claims.values() if cited(c) and all(facts.flagged(s) for s in cited(c))]
    waiting = [c for c in facts.claims.values() if c.status == "scheduled" and c.outcome is None]

    def listing(title: str, claims: list[Claim]) -> str:
        body = tag("ul", "".join(tag("li", claim_ref(r, c)) for c in claims)) if claims else \
            tag("p", esc(loc.t(r, "none")), class_="fk-empty")
        return tag("div", tag("p", f"{esc(title)} ({n(len(claims))})", class_="fk-label") + body,
                   class_="fk-coverage")

    return tag("div", table
               + listing(loc.t(r, "single-source"), single)
               + listing(loc.t(r, "flagged-only"), flagged)
               + listing(loc.t(r, "awaiting-outcome"), waiting), class_="fk-coverage-page")


def corrections_log(r: Renderer) -> str:
    entries = [(cor, claim) for claim in r.facts.claims.values() for cor in claim.corrections]
    entries.sort(key=lambda e: (e[0].date.sort_key(), e[1].id), reverse=True)
    if not entries:
        return tag("p", esc(loc.t(r, "no-corrections")), class_="fk-empty")

    def said(claim: Claim, cor: object, name: str) -> str:
        english = str(getattr(cor, name))
        if r.lang == i18n.DEFAULT:
            return esc(plain_text(english))
        return loc.plain(r, "claims", claim.id, ("corrections", claim.corrections.index(cor), name), english)  # type: ignore[arg-type]

    items = "".join(
        tag("li", f"{time_tag(cor.date, lang=r.lang)} — {claim_ref(r, claim)}: {said(claim, cor, 'what')} "
                  + tag("span", esc(loc.t(r, "why")) + said(claim, cor, "why"), class_="fk-why"))
        for cor, claim in entries
    )
    return tag("ol", items, class_="fk-corrections-log")


def verdict_scale(lang: str = i18n.DEFAULT) -> str:
    rows = "".join(
        tag("tr", tag("td", verdict_badge(v, lang)) + tag("td", esc(verdict_meaning(v, lang)))
            + tag("td", esc(i18n.t(lang, "rating-of", n=verdict.rating) if verdict.rating
                            else i18n.t(lang, "not-rated"))))
        for v, verdict in VERDICTS.items()
    )
    head = tag("tr", tag("th", esc(i18n.t(lang, "verdict"))) + tag("th", esc(i18n.t(lang, "meaning")))
               + tag("th", esc(i18n.t(lang, "rating"))))
    return tag("table", tag("thead", head) + tag("tbody", rows), class_="fk-table fk-scale")


def verdict_label(verdict: str, lang: str = i18n.DEFAULT) -> str:
    return verdict_text(verdict, lang)
