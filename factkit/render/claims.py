"""Claims: the inline form, the card, and lists of cards."""

from __future__ import annotations

from urllib.parse import quote

from .. import i18n
from ..model import VERDICTS, Claim
from . import localize as loc
from .core import Renderer
from .html import esc, inline_md, tag
from .parts import evidence, human, markers, time_tag, verdict_badge, verdict_button, verdict_meaning, verdict_text
from .reporting import report_link


def permalink(r: Renderer, claim: Claim) -> str:
    href = r.claim_href(claim.id)
    if href is None:
        return ""
    return tag("a", "¶", class_="fk-permalink", href=href, title=loc.t(r, "permalink"),
               aria_label=loc.t(r, "permalink-to", id=claim.id), data_search_exclude=True)


def claim_inline(r: Renderer, claim: Claim) -> str:
    """The claim as a sentence: text, citation markers with previews, verdict badge, permalink."""
    r.appear(claim)
    parts = [tag("span", loc.claim_text(r, claim), class_="fk-claim-text"), markers(r, claim.citations)]
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
    meaning = verdict_meaning(review.verdict, r.lang) if review.verdict in VERDICTS else ""
    colon = loc.t(r, "colon")
    quoted = tag("q", esc(review.wording), lang=_article_lang(r), dir="auto") if r.lang != i18n.DEFAULT \
        else tag("q", esc(review.wording))
    body = [tag("span", tag("strong", esc(verdict_text(review.verdict, r.lang)))
                + (colon + esc(meaning) if meaning else ""), class_="fk-why-verdict"),
            tag("span", esc(loc.t(r, "wording")) + colon + quoted, class_="fk-why-wording"),
            tag("span", esc(loc.t(r, "why-verdict")) + colon
                + loc.text(r, "claims", claim.id, "explanation", review.explanation), class_="fk-why-text")]
    href = r.claim_href(claim.id)
    if href is not None:
        body.append(tag("span", tag("a", esc(loc.t(r, "full-entry")), href=href), class_="fk-tip-go"))
    panel = tag("span", "".join(body), class_="fk-tip fk-why", id=panel_id, data_search_exclude=True)
    return tag("span", verdict_button(review.verdict, panel_id, r.lang) + panel, class_="fk-vbox")


def claim_line(r: Renderer, claim: Claim) -> str:
    """A claim as one compact list item: its text (no citation previews) and a link to its card on the claims
    page, labelled with its verdict badge ('evidence' for a background claim). Not counted as showing the claim:
    its card, with the evidence, is shown in full elsewhere (claims_index())."""
    text = tag("span", loc.claim_text(r, claim), class_="fk-claim-text")
    label = verdict_badge(claim.review.verdict, r.lang) if claim.review else \
        tag("span", esc(loc.t(r, "evidence-label")), class_="fk-go-label")
    href = r.claim_href(claim.id)
    go = tag("a", label, href=href, class_="fk-claim-go") if href is not None else label if claim.review else ""
    return tag("li", f"{text} {go}".rstrip())  # an entity can list thousands: no more markup than this


def _row(label: str, value: str) -> str:
    return tag("dt", esc(label)) + tag("dd", value)


def outcome_block(r: Renderer, claim: Claim) -> str:
    if claim.status != "scheduled":
        return ""
    if claim.outcome is None:
        body = tag("p", esc(loc.t(r, "awaiting")), class_="fk-awaiting")
    else:
        out = claim.outcome
        said = loc.text(r, "claims", claim.id, "outcome", out.text)
        body = tag("p", f"{time_tag(out.date, 'undated', r.lang)}: {said}") + evidence(r, out.citations)
    return tag("div", tag("p", esc(loc.t(r, "outcome")), class_="fk-label") + body, class_="fk-outcome")


def corrections_block(claim: Claim, r: Renderer | None = None) -> str:
    if not claim.corrections:
        return ""
    lang = r.lang if r is not None else i18n.DEFAULT

    def said(n: int, name: str, english: str) -> str:
        return loc.text(r, "claims", claim.id, ("corrections", n, name), english) if r is not None else \
            inline_md(english)

    items = "".join(
        tag("li", f"{time_tag(c.date, lang=lang)}: {said(n, 'what', c.what)} "
                  f"{tag('span', esc(i18n.t(lang, 'why')) + said(n, 'why', c.why), class_='fk-why')}")
        for n, c in enumerate(claim.corrections)
    )
    return tag("div", tag("p", esc(i18n.t(lang, "corrections")), class_="fk-label") + tag("ul", items),
               class_="fk-corrections")


def _count(n: int, one: str, many: str) -> str:
    return f"{n} {one if n == 1 else many}"


def evidence_summary(claim: Claim, lang: str = i18n.DEFAULT) -> str:
    """'Evidence: 4 sources (1 contradicts)': how many sources, and how many do not simply support the claim."""
    stances: dict[str, set[str]] = {}
    for cit in claim.citations:
        stances.setdefault(cit.stance, set()).add(cit.source)
    total = len({cit.source for cit in claim.citations})
    if lang != i18n.DEFAULT:
        text = i18n.t(lang, "evidence-sum", n=i18n.number(total, lang))
        extra = [i18n.t(lang, f"{k}-n", n=i18n.number(len(stances[k]), lang))
                 for k in ("contradicts", "context") if k in stances]
        return text + (f" ({'، '.join(extra) if lang == 'ar' else ', '.join(extra)})" if extra else "")
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
        return tag("p", esc(loc.t(r, "no-evidence")), class_="fk-empty")
    summary = tag("summary", esc(evidence_summary(claim, r.lang)), class_="fk-evidence-summary")
    return tag("details", summary + evidence(r, claim.citations), class_="fk-evidence-block",
               data_search_exclude=True)


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
    head = [verdict_badge(claim.review.verdict, r.lang)] if claim.review else []
    if claim.date is not None:
        head.append(tag("span", time_tag(claim.date, lang=r.lang), class_="fk-date"))
    if claim.status == "scheduled":
        head.append(tag("span", esc(loc.t(r, "scheduled")), class_="fk-status"))
    head.append(permalink(r, claim))
    body = [tag("div", " ".join(head), class_="fk-card-head"),
            tag("p", loc.claim_text(r, claim), class_="fk-card-text")]
    if claim.review:
        quoted = tag("q", esc(claim.review.wording), lang=_article_lang(r), dir="auto") if r.lang != i18n.DEFAULT \
            else tag("q", esc(claim.review.wording))
        rows = _row(loc.t(r, "wording"), quoted)
        rows += _row(loc.t(r, "why-verdict"), loc.text(r, "claims", claim.id, "explanation", claim.review.explanation))
        body.append(tag("dl", rows, class_="fk-review"))
    body.append(evidence_block(r, claim))
    body += [outcome_block(r, claim), corrections_block(claim, r)]
    if r.lang == i18n.DEFAULT:
        foot = f"Last checked {time_tag(claim.checked)}"
    else:
        foot = loc.put_date(esc(loc.t(r, "last-checked", date="\x00")), time_tag(claim.checked, lang=r.lang))
    if claim.entities:
        sep = "، " if r.lang == "ar" else ", "
        names = sep.join(_entity_link(r, eid) for eid in claim.entities)
        foot += f" · About: {names}" if r.lang == i18n.DEFAULT else \
            esc(loc.t(r, "about", names="\x00")).replace("\x00", names)
    credit = loc.credit(r, "claims", claim.id)
    if credit:
        foot += " · " + credit
    body.append(tag("p", foot, class_="fk-card-foot"))
    body.append(cite_this(r, claim))
    body.append(report_link(r, claim))
    return tag("div", "".join(body), class_=f"fk-card fk-card--{verdict}", id=anchor, data_claim=claim.id)


def cite_this(r: Renderer, claim: Claim) -> str:
    """'Cite this claim': a short and a full citation (site name, the claim, its permalink, the day it was last
    checked) and, when the build knows its commit, the version cited: the claim's record in the fact files at that
    commit (a link when the site names its repository). In the page's language, with the claim's text as shown."""
    href = r.claim_href(claim.id)
    if href is None:
        return ""
    url = r.claim_url(claim) or href
    link = tag("a", esc(url), href=url if url.startswith(("http://", "https://")) else href, class_="fk-url")
    site = esc(r.site_names.get(r.lang) or r.homes.site_name or loc.t(r, "this-site"))  # in the edition's name
    text = esc(loc.bare(r, "claims", claim.id, "text", claim.text)[0])
    checked = esc(i18n.date_in(claim.checked, r.lang))
    ids = tag("code", esc(claim.id))
    short = loc.t(r, "cite-short", site=site, text=text, checked=checked, link=link)
    verdict = ""
    if claim.review:
        verdict = loc.t(r, "cite-verdict", verdict=esc(verdict_text(claim.review.verdict, r.lang)))
    full = loc.t(r, "cite-full", site=site, text=text, id=ids, verdict=verdict, checked=checked, link=link)
    commit, _, changed = r.homes.commit.partition("+")
    if commit:
        file, line = claim.where
        version = loc.t(r, "cite-commit", commit=tag("code", esc(commit[:12])))
        if changed:
            version += loc.t(r, "cite-changes")
        elif r.homes.repo and file:
            record = f"{r.homes.repo.rstrip('/')}/blob/{quote(commit)}/{quote(file)}#L{line}"
            version = tag("a", version, href=record, rel="nofollow noopener")
        full += " " + loc.t(r, "cite-version", version=version)
    body = (tag("p", tag("span", esc(loc.t(r, "short")), class_="fk-label") + " " + short, class_="fk-cite-short")
            + tag("p", tag("span", esc(loc.t(r, "full")), class_="fk-label") + " " + full, class_="fk-cite-full"))
    return tag("details", tag("summary", esc(loc.t(r, "cite-claim"))) + body, class_="fk-citethis",
               data_search_exclude=True)


def _entity_link(r: Renderer, eid: str) -> str:
    entity = r.facts.entities.get(eid)
    if entity is None:
        return esc(eid)
    href = r.entity_href(entity)
    name = loc.entity_name(r, entity)
    return tag("a", name, href=href) if href else name


def _article_lang(r: Renderer) -> str | None:
    article = r.facts.reviewed_article()
    return article.language if article is not None else None


def claim_cards(r: Renderer, claims: list[Claim]) -> str:
    if not claims:
        return tag("p", esc(loc.t(r, "no-claims")), class_="fk-empty")
    return tag("div", "".join(claim_card(r, c) for c in claims), class_="fk-cards")


def date_label(claim: Claim) -> str:
    return human(claim.date, "undated")
