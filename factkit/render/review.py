"""The fact-check page: the reviewed article and each of its statements with verdicts."""

from __future__ import annotations

import re

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
    label = source_label(r.facts, article, r.lang)
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


def statement_label(ref: str, lang: str = i18n.DEFAULT) -> str:
    """'p4.s2' (the editors' notation) as readers read it: 'Paragraph 4, sentence 2' (in ``lang``)."""
    para, _, sentence = ref.partition(".")
    if para[1:].isdigit() and sentence[1:].isdigit():
        return i18n.t(lang, "statement", p=i18n.number(int(para[1:]), lang), s=i18n.number(int(sentence[1:]), lang))
    return ref


_REF = re.compile(r"\bp(\d+)\.s(\d+)\b")


def readable_refs(html: str, refs: set[str], lang: str = i18n.DEFAULT) -> str:
    """Editors' references to statements inside a note ('checked at p4.s1') as readers read them, linked."""
    def swap(m: re.Match[str]) -> str:
        ref = m[0]
        if ref not in refs:
            return ref
        return tag("a", esc(statement_label(ref, lang).lower()), href=f"#statement-{ref.replace('.', '-')}")
    return _REF.sub(swap, html)


def _seen_above(r: Renderer, claim: Claim, anchor: str | None, ref: str) -> str:
    """A claim already shown in full under an earlier statement: its text and verdict, linking to that card."""
    text = loc.plain(r, "claims", claim.id, "text", claim.text) if r.lang != i18n.DEFAULT else \
        esc(plain_text(claim.text))
    link = tag("a", text, href=f"#{anchor}", class_="fk-claim-ref") if anchor else text
    badge = " " + verdict_badge(claim.review.verdict, r.lang) if claim.review else ""
    where = esc(loc.t(r, "checked-under", ref=statement_label(ref, r.lang).lower()))
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
        other = {"lang": article.language, "dir": "auto"} if r.lang != i18n.DEFAULT and article else {}
        label = tag("span", esc(statement_label(st.ref, r.lang)), class_="fk-ref")
        reviews = [r.facts.claim(cid).review for cid in st.claims]
        wordings = list(dict.fromkeys(rv.wording for rv in reviews if rv is not None))
        if wordings:  # shown by the short wording checked, never by the sentence itself
            what = tag("span", esc(loc.t(r, "checked-wordings")) + " · ".join(tag("q", esc(w), **other)
                                                                           for w in wordings), class_="fk-wordings")
        else:  # no wording was checked: found by its first words (three at most; the article is never copied)
            what = tag("span", esc(loc.t(r, "begins")) + tag("q", esc(st.starts) + "…", **other), class_="fk-starts")
        head = tag("p", f"{label} {what}", class_="fk-statement-head")
        if st.not_checked:
            reason = inline_md(st.not_checked) if r.lang == i18n.DEFAULT else \
                loc.text(r, "review", "", ("not_checked", st.ref), st.not_checked)
            note = readable_refs(reason, {s.ref for s in review.statements}, r.lang)
            body = tag("p", esc(loc.t(r, "not-checked")) + note, class_="fk-not-checked")
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
        return r.claim_url(claim)

    return blocks(article_source(r), tag("ol", "".join(items), class_="fk-statements"),
                  script(claim_reviews(r.facts, url_of, r if r.lang != i18n.DEFAULT else None)))
