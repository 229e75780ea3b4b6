"""The fact-check page: the reviewed article and each of its statements with verdicts."""

from __future__ import annotations

from .. import i18n
from ..model import Claim
from . import localize as loc
from .claims import claim_card
from .core import Renderer
from .html import esc, inline_md, plain_text, tag
from .jsonld import claim_reviews, script
from .pages import blocks
from .parts import source_label, time_tag, verdict_badge


def article_source(r: Renderer) -> str:
    """A short block describing the article under review."""
    article = r.facts.reviewed_article()
    if article is None:
        return tag("p", esc(loc.t(r, "no-article")), class_="fk-empty")
    if article.url:
        copy = tag("a", esc(loc.t(r, "read-original")), href=article.url, rel="nofollow noopener")
    else:
        why = loc.plain(r, "sources", article.id, "url_unavailable", article.url_unavailable) \
            if article.url_unavailable else esc(loc.t(r, "no-address"))
        copy = esc(loc.t(r, "where-read")) + tag("span", why, class_="fk-nourl")
    link = r.source_href(article.id)
    label = source_label(article, r.lang)
    sep = "،" if r.lang == "ar" else ","
    body = [
        tag("p", (tag("a", label, href=link) if link else label) + f"{sep} {time_tag(article.published, lang=r.lang)}",
            class_="fk-source-name"),
        tag("p", copy, class_="fk-copy"),
    ]
    review = r.facts.review
    if review is not None:
        who = loc.plain(r, "review", "", "reviewer", review.reviewer)
        line = esc(loc.t(r, "checked-by", reviewer="\x00", date="\x01")).replace("\x00", who).replace(
            "\x01", time_tag(review.published, lang=r.lang))
        credit = loc.credit(r, "review", "")
        body.append(tag("p", line + (" " + credit if credit else ""), class_="fk-reviewer"))
    return tag("div", "".join(body), class_="fk-article")


def _seen_above(r: Renderer, claim: Claim, anchor: str | None, ref: str) -> str:
    """A claim already shown in full under an earlier statement: its text and verdict, linking to that card."""
    text = loc.plain(r, "claims", claim.id, "text", claim.text) if r.lang != i18n.DEFAULT else \
        esc(plain_text(claim.text))
    link = tag("a", text, href=f"#{anchor}", class_="fk-claim-ref") if anchor else text
    badge = " " + verdict_badge(claim.review.verdict, r.lang) if claim.review else ""
    where = esc(loc.t(r, "checked-under", ref="\x00")).replace("\x00", tag("bdi", esc(ref)) if r.lang != i18n.DEFAULT
                                                                 else esc(ref))
    return tag("p", f"{link}{badge} " + tag("span", where, class_="fk-seen-where"),
               class_="fk-seen", data_claim=claim.id)


def article_review(r: Renderer) -> str:
    """Each statement of the article in order: its wording, verdict, explanation and evidence; plus JSON-LD."""
    review = r.facts.review
    if review is None:
        return tag("p", esc(loc.t(r, "no-article")), class_="fk-empty")
    items = []
    shown: dict[str, tuple[str | None, str]] = {}  # claim id -> (its card's anchor on this page, statement ref)
    for st in review.statements:
        article = r.facts.reviewed_article()
        starts = tag("q", esc(st.starts) + "…") if r.lang == i18n.DEFAULT else \
            tag("q", esc(st.starts) + "…", lang=article.language if article else None, dir="auto")
        head = tag("p", tag("span", esc(st.ref), class_="fk-ref", dir="ltr" if r.lang != i18n.DEFAULT else None)
                   + " " + starts, class_="fk-statement-head")
        if st.not_checked:
            reason = inline_md(st.not_checked) if r.lang == i18n.DEFAULT else \
                loc.text(r, "review", "", ("not_checked", st.ref), st.not_checked)
            body = tag("p", esc(loc.t(r, "not-checked")) + reason, class_="fk-not-checked")
        else:
            cards = []
            for cid in st.claims:
                claim = r.facts.claim(cid)
                if cid in shown:
                    cards.append(_seen_above(r, claim, *shown[cid]))
                    continue
                anchor = r.claim_anchor(claim) or r._place(f"check-{cid}")
                shown[cid] = (anchor, st.ref)
                cards.append(claim_card(r, claim, anchor=anchor))
            body = "".join(cards)
        items.append(tag("li", head + body, class_="fk-statement", id=f"statement-{st.ref.replace('.', '-')}"))

    def url_of(claim: Claim) -> str | None:
        return r.absolute(f"{r.homes.claims}#claim-{claim.id}") if r.homes.claims is not None else None

    return blocks(article_source(r), tag("ol", "".join(items), class_="fk-statements"),
                  script(claim_reviews(r.facts, url_of, r if r.lang != i18n.DEFAULT else None)))
