"""Rendering facts as safe HTML fragments, ClaimReview JSON-LD and open-data exports (no MkDocs here)."""

from __future__ import annotations

from .claims import claim_card, claim_cards, claim_inline, claim_line
from .core import FactLookupError, Homes, Renderer
from .entities import entity_card, entity_link, entity_list
from .export import claims_csv, facts_json, missing_claims
from .pages import claim_links, claims_index, corrections_log, coverage, sources_list, timeline, verdict_scale
from .review import article_review, article_source

__all__ = [
    "FactLookupError", "Homes", "Renderer", "article_review", "article_source", "claim_card", "claim_cards",
    "claim_inline", "claim_line", "claim_links", "claims_csv", "claims_index", "corrections_log", "coverage",
    "entity_card", "entity_link", "entity_list", "facts_json", "missing_claims", "sources_list", "timeline",
    "verdict_scale",
]
