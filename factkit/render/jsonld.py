"""schema.org ClaimReview JSON-LD for every claim with a verdict.

ratingValue is the verdict's place on the 1-4 scale in factkit.model.VERDICTS (4 = accurate);
'unverified' has no place on the scale, so its reviewRating carries only the label (alternateName).
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from ..model import VERDICTS, Claim, Source
from ..store import FactBase
from .html import plain_text

if TYPE_CHECKING:
    from collections.abc import Callable

    from .core import Renderer


def _organisation(name: str) -> dict[str, Any]:
    return {"@type": "Organization", "name": name}


def appearance(facts: FactBase, article: Source) -> dict[str, Any]:
    """The reviewed article: by its address only when it has one, otherwise by title and publisher."""
    work: dict[str, Any] = {"@type": "CreativeWork"}
    if article.url:
        work["url"] = article.url
    else:
        if article.title:
            work["name"] = article.title
        work["publisher"] = _organisation(facts.publisher_name(article))
    if article.published is not None:
        work["datePublished"] = article.published.iso()
    return work


def claim_review(facts: FactBase, claim: Claim, url: str | None, r: Renderer | None = None) -> dict[str, Any]:
    """One ClaimReview; with ``r`` (an edition in another language) its text is that edition's, and
    ``inLanguage`` says which language the review is written in."""
    assert claim.review is not None and facts.review is not None
    review, article = facts.review, facts.reviewed_article()
    verdict = VERDICTS.get(claim.review.verdict)
    rating: dict[str, Any] = {"@type": "Rating", "alternateName": verdict.label if verdict else None}
    value = verdict.rating if verdict else None
    if value is not None:
        rating.update(ratingValue=value, bestRating=4, worstRating=1)
    item: dict[str, Any] = {"@type": "Claim"}
    if article is not None:
        item["author"] = _organisation(facts.publisher_name(article))
        if article.published is not None:
            item["datePublished"] = article.published.iso()
        item["appearance"] = appearance(facts, article)
    data: dict[str, Any] = {
        "@type": "ClaimReview",
        "claimReviewed": claim.review.wording,
        "reviewBody": plain_text(claim.review.explanation),
        "inLanguage": "en",
        "reviewRating": rating,
        "author": _organisation(review.reviewer),
        "datePublished": review.published.iso(),
        "itemReviewed": item,
    }
    if r is not None:  # the edition's language: its verdict label and its explanation, or the English one
        from .localize import bare
        from .parts import verdict_text

        body, lang = bare(r, "claims", claim.id, "explanation", claim.review.explanation)
        data["reviewBody"], data["inLanguage"] = body, lang
        if lang != "en":
            rating["alternateName"] = verdict_text(claim.review.verdict, lang)
        who, _ = bare(r, "review", "", "reviewer", review.reviewer)
        data["author"] = _organisation(who)
    if url:
        data["url"] = url
    if claim.corrections:
        data["correction"] = [
            {"@type": "CorrectionComment", "datePublished": c.date.iso(),
             "text": f"{plain_text(c.what)} {plain_text(c.why)}"}
            for c in claim.corrections
        ]
    return data


def claim_reviews(facts: FactBase, url_of: Callable[[Claim], str | None],
                  r: Renderer | None = None) -> list[dict[str, Any]]:
    """ClaimReviews for every reviewed claim, in review-statement order then id order."""
    if facts.review is None:
        return []
    order: dict[str, tuple[int, int]] = {}
    for n, st in enumerate(facts.review.statements):
        for m, cid in enumerate(st.claims):
            order.setdefault(cid, (n, m))
    last = (1 << 30, 0)
    reviewed = sorted((c for c in facts.claims.values() if c.review), key=lambda c: (order.get(c.id, last), c.id))
    return [claim_review(facts, c, url_of(c), r) for c in reviewed]


def script(data: Any) -> str:
    """A JSON-LD script element; '<', '>' and '&' are escaped so data cannot close the element."""
    text = json.dumps({"@context": "https://schema.org", "@graph": data}, ensure_ascii=False, indent=1)
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return f'<script type="application/ld+json">\n{text}\n</script>'
