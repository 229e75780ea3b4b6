"""Computed values that pages quote in prose (dates, spans, counts)."""

from __future__ import annotations

from .. import i18n
from ..dates import EDTFDate
from ..dates import months_between as _months
from ..model import Claim, Entity, Terms
from ..store import FactBase


def _dated(claim: Claim) -> EDTFDate:
    if claim.date is None:
        raise ValueError(f"claim '{claim.id}' has no date")
    return claim.date


def months_between(a: Claim, b: Claim) -> int:
    """Whole months from claim a's date to claim b's (earliest days)."""
    return _months(_dated(a).earliest(), _dated(b).earliest())


def days_between(a: Claim, b: Claim) -> int:
    return (_dated(b).earliest() - _dated(a).earliest()).days


def terms_of(entity: Entity) -> Terms:
    if entity.terms is None:
        raise ValueError(f"entity '{entity.id}' has no terms")
    return entity.terms


def expiry_year(entity: Entity) -> int | None:
    """The year an agreement expires: signed year + term, or its stated expiry."""
    terms = terms_of(entity)
    if terms.signed is not None and terms.term_years is not None:
        return terms.signed.start.year + terms.term_years
    return terms.expires.start.year if terms.expires is not None else None


def expiry_text(entity: Entity, lang: str = "en") -> str:
    terms = terms_of(entity)
    year = expiry_year(entity)
    if year is None:
        return "no expiry recorded" if lang == "en" else i18n.t(lang, "no-expiry")
    if terms.expires is not None and terms.expires.start.year == year:
        return terms.expires.human() if lang == "en" else i18n.human_date(terms.expires, lang)
    return str(year)


def verdict_count(facts: FactBase, verdict: str) -> int:
    return len(facts.claims_by_verdict.get(verdict, []))
