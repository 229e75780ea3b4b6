"""Claims: the inline form, the card, and lists of cards."""

from __future__ import annotations

from urllib.parse import quote

from ..model import VERDICTS, Claim
from .core import Renderer
from .html import esc, inline_md, plain_text, tag
from .parts import evidence, human, markers, time_tag, verdict_badge, verdict_button
from .reporting import report_link


def permalink(r: Renderer, claim: Claim) -> str:
    href = r.claim_href(claim.id)
    if href is None:
        return ""
    return tag("a", "¶", class_="fk-permalink", href=href, title="Permanent link to this claim",
               aria_label=f"Permanent link to claim {claim.id}")


def claim_inline(r: Renderer, claim: Claim) -> str:
    """The claim as a sentence: text, citation markers with previews, verdict badge, permalink."""
    r.appear(claim)
    parts = [tag("span", inline_md(claim.text), class_="fk-claim-text"), markers(r, claim.citations)]
    if claim.review:
        r.badged += 1
        parts.append(" " + verdict_why(r, claim))
    else:
        r.unbadged += 1
    parts.append(permalink(r, claim))
    return tag("span", "".join(parts), class_="fk-claim", data_claim=claim.id)


def verdict_why(r: Renderer, claim: Claim) -> str:
    """An inline verdict badge that opens (click, tap, Enter) what it means here: the verdict's meaning, the
    article's wording that was checked, why, and a link to the claim's full entry with its evidence."""
    assert claim.review is not None
    review = claim.review
    panel_id = r.next_id("fk-why")
    meaning = VERDICTS[review.verdict].meaning if review.verdict in VERDICTS else ""
    body = [tag("span", tag("strong", esc(VERDICTS[review.verdict].label if review.verdict in VERDICTS
                                          else review.verdict)) + (": " + esc(meaning) if meaning else ""),
                class_="fk-why-verdict"),
            tag("span", "The article's wording: " + tag("q", esc(review.wording)), class_="fk-why-wording"),
            tag("span", "Why this verdict: " + inline_md(review.explanation), class_="fk-why-text")]
    href = r.claim_href(claim.id)
    if href is not None:
        body.append(tag("span", tag("a", "The full entry, with its evidence", href=href), class_="fk-tip-go"))
    panel = tag("span", "".join(body), class_="fk-tip fk-why", id=panel_id)
    return tag("span", verdict_button(review.verdict, panel_id) + panel, class_="fk-vbox")


def claim_line(r: Renderer, claim: Claim) -> str:
    """A claim as one compact list item: its text (no citation previews) and a link to its card on the claims
    page, labelled with its verdict badge ('evidence' for a background claim). Not counted as showing the claim:
    its card, with the evidence, is shown in full elsewhere (claims_index())."""
    text = tag("span", inline_md(claim.text), class_="fk-claim-text")
    label = verdict_badge(claim.review.verdict) if claim.review else tag("span", "evidence", class_="fk-go-label")
    href = r.claim_href(claim.id)
    if href is not None:
        name = VERDICTS[claim.review.verdict].label if claim.review else "Background"
        go = tag("a", label, href=href, class_="fk-claim-go", title=f"{name}: the claim's entry with its evidence")
    else:
        go = label if claim.review else ""
    return tag("li", f"{text} {go}".rstrip(), class_="fk-claim-line", data_claim=claim.id)


def _row(label: str, value: str) -> str:
    return tag("dt", esc(label)) + tag("dd", value)


def outcome_block(r: Renderer, claim: Claim) -> str:
    if claim.status != "scheduled":
        return ""
    if claim.outcome is None:
        body = tag("p", "Scheduled; the outcome is not known yet.", class_="fk-awaiting")
    else:
        out = claim.outcome
        body = tag("p", f"{time_tag(out.date, 'undated')}: {inline_md(out.text)}") + evidence(r, out.citations)
    return tag("div", tag("p", "Outcome", class_="fk-label") + body, class_="fk-outcome")


def corrections_block(claim: Claim) -> str:
    if not claim.corrections:
        return ""
    items = "".join(
        tag("li", f"{time_tag(c.date)}: {inline_md(c.what)} {tag('span', 'Why: ' + inline_md(c.why), class_='fk-why')}")
        for c in claim.corrections
    )
    return tag("div", tag("p", "Corrections", class_="fk-label") + tag("ul", items), class_="fk-corrections")


def _count(n: int, one: str, many: str) -> str:
    return f"{n} {one if n == 1 else many}"


def evidence_summary(claim: Claim) -> str:
    """'Evidence: 4 sources (1 contradicts)': how many sources, and how many do not simply support the claim."""
    stances: dict[str, set[str]] = {}
    for cit in claim.citations:
        stances.setdefault(cit.stance, set()).add(cit.source)
    total = len({cit.source for cit in claim.citations})
    text = "Evidence: " + _count(total, "source", "sources")
    others = []
    if "contradicts" in stances:
        others.append(f"{len(stances['contradicts'])} contradict{'s' if len(stances['contradicts']) == 1 else ''}")
    if "context" in stances:
        others.append(_count(len(stances["context"]), "gives context", "give context"))
    return text + (f" ({', '.join(others)})" if others else "")


def evidence_block(r: Renderer, claim: Claim) -> str:
    """The evidence list, folded: a native <details>, closed, whose summary counts the sources and stances
    (the verdict, wording and explanation above it stay visible; factkit.js opens it for a targeted card and
    for printing)."""
    if not claim.citations:
        return tag("p", "No evidence recorded.", class_="fk-empty")
    summary = tag("summary", esc(evidence_summary(claim)), class_="fk-evidence-summary")
    return tag("details", summary + evidence(r, claim.citations), class_="fk-evidence-block")


def claim_card(r: Renderer, claim: Claim, anchor: str | None = None) -> str:
    """The block form: claim, verdict, wording checked, evidence, date, outcome, corrections.

    The card's id is ``anchor`` when given (already placed on the page by the caller), else 'claim-<id>' on
    the claim's canonical page, else none."""
    anchor = anchor or r.claim_anchor(claim)
    r.appear(claim, anchor)
    if claim.review:
        r.badged += 1
    else:
        r.unbadged += 1
    verdict = claim.review.verdict if claim.review else "none"
    head = [verdict_badge(claim.review.verdict)] if claim.review else []
    if claim.date is not None:
        head.append(tag("span", time_tag(claim.date), class_="fk-date"))
    if claim.status == "scheduled":
        head.append(tag("span", "scheduled", class_="fk-status"))
    head.append(permalink(r, claim))
    body = [tag("div", " ".join(head), class_="fk-card-head"),
            tag("p", inline_md(claim.text), class_="fk-card-text")]
    if claim.review:
        rows = _row("The article's wording", tag("q", esc(claim.review.wording)))
        rows += _row("Why this verdict", inline_md(claim.review.explanation))
        body.append(tag("dl", rows, class_="fk-review"))
    body.append(evidence_block(r, claim))
    body += [outcome_block(r, claim), corrections_block(claim)]
    foot = f"Last checked {time_tag(claim.checked)}"
    if claim.entities:
        names = ", ".join(_entity_link(r, eid) for eid in claim.entities)
        foot += f" · About: {names}"
    body.append(tag("p", foot, class_="fk-card-foot"))
    body.append(cite_this(r, claim))
    body.append(report_link(r, claim))
    return tag("div", "".join(body), class_=f"fk-card fk-card--{verdict}", id=anchor, data_claim=claim.id)


def cite_this(r: Renderer, claim: Claim) -> str:
    """'Cite this claim': a short and a full citation (site name, the claim, its permalink, the day it was last
    checked) and, when the build knows its commit, the version cited: the claim's record in the fact files at that
    commit (a link when the site names its repository)."""
    href = r.claim_href(claim.id)
    if href is None:
        return ""
    url = r.absolute(f"{r.homes.claims}#claim-{claim.id}") or href
    link = tag("a", esc(url), href=url if url.startswith(("http://", "https://")) else href, class_="fk-url")
    site = esc(r.homes.site_name or "This site")
    text = esc(plain_text(claim.text))
    checked = esc(claim.checked.human())
    short = f"{site}, “{text}”, checked {checked}, {link}"
    full = f"“{text}” In: {site}. Claim {tag('code', esc(claim.id))}"
    if claim.review:
        verdict = claim.review.verdict
        full += f", verdict: {esc(VERDICTS[verdict].label if verdict in VERDICTS else verdict)}"
    full += f". Last checked {checked}. Permalink: {link}."
    commit, _, changed = r.homes.commit.partition("+")
    if commit:
        file, line = claim.where
        version = f"the site as built from commit {tag('code', esc(commit[:12]))}"
        if changed:
            version += " with local changes"
        elif r.homes.repo and file:
            record = f"{r.homes.repo.rstrip('/')}/blob/{quote(commit)}/{quote(file)}#L{line}"
            version = tag("a", version, href=record, rel="nofollow noopener")
        full += f" Version: {version}."
    body = (tag("p", tag("span", "Short", class_="fk-label") + " " + short, class_="fk-cite-short")
            + tag("p", tag("span", "Full", class_="fk-label") + " " + full, class_="fk-cite-full"))
    return tag("details", tag("summary", "Cite this claim") + body, class_="fk-citethis")


def _entity_link(r: Renderer, eid: str) -> str:
    entity = r.facts.entities.get(eid)
    if entity is None:
        return esc(eid)
    href = r.entity_href(entity)
    return tag("a", esc(entity.name), href=href) if href else esc(entity.name)


def claim_cards(r: Renderer, claims: list[Claim]) -> str:
    if not claims:
        return tag("p", "No claims match.", class_="fk-empty")
    return tag("div", "".join(claim_card(r, c) for c in claims), class_="fk-cards")


def date_label(claim: Claim) -> str:
    return human(claim.date, "undated")
