"""Entities: inline links, cards with roles and agreement terms, and the full list."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..model import Entity
from .claims import claim_line
from .compute import expiry_text
from .core import Renderer
from .html import esc, inline_md, tag
from .parts import markers, time_tag

if TYPE_CHECKING:
    from ..dates import EDTFDate

KIND_LABELS = {"person": "Person", "organisation": "Organisation", "place": "Place",
               "agreement": "Agreement", "event": "Event"}


def entity_link(r: Renderer, entity: Entity) -> str:
    href = r.entity_href(entity)
    name = esc(entity.name)
    return tag("a", name, class_="fk-entity", href=href) if href else tag("span", name, class_="fk-entity")


def _span(start: EDTFDate | None, end: EDTFDate | None) -> str:
    """'2020 – present', 'until 29 January 2025' (no start known), 'since May 2020' (no end known)."""
    if start is None and end is None:
        return ""
    if start is None:
        return f"until {time_tag(end)}"
    if end is None:
        return f"since {time_tag(start)}"
    return f"{time_tag(start)} – {time_tag(end)}"


def roles_block(r: Renderer, entity: Entity) -> str:
    if not entity.roles:
        return ""
    items = "".join(
        tag("li", f"{esc(role.title)} {tag('span', _span(role.start, role.end), class_='fk-span')}"
            f"{markers(r, role.citations)}")
        for role in entity.roles
    )
    return tag("div", tag("p", "Roles", class_="fk-label") + tag("ul", items), class_="fk-roles")


def terms_block(r: Renderer, entity: Entity) -> str:
    terms = entity.terms
    if terms is None:
        return ""
    rows = []
    if terms.signed is not None:
        rows.append(("Signed", time_tag(terms.signed)))
    if terms.term_years is not None:
        rows.append(("Term", f"{terms.term_years} years"))
    if terms.signed is not None or terms.expires is not None:
        rows.append(("Expires", esc(expiry_text(entity))))
    if terms.renewal:
        rows.append(("Renewal", inline_md(terms.renewal)))
    dl = "".join(tag("dt", esc(k)) + tag("dd", v) for k, v in rows)
    return tag("div", tag("p", "Terms" + markers(r, terms.citations), class_="fk-label") +
               tag("dl", dl, class_="fk-terms"), class_="fk-terms-block")


def entity_card(r: Renderer, entity: Entity, with_claims: bool = False) -> str:
    anchor = r.entity_anchor(entity)
    head = tag("p", tag("strong", esc(entity.name)) + " " +
               tag("span", esc(KIND_LABELS[entity.kind]), class_="fk-kind"), class_="fk-entity-name")
    body = [head]
    if entity.aliases:
        aliases = ", ".join(tag("span", esc(a), dir="auto") for a in entity.aliases)
        body.append(tag("p", "Also written: " + aliases, class_="fk-aliases"))
    body.append(tag("p", inline_md(entity.description), class_="fk-description"))
    body += [roles_block(r, entity), terms_block(r, entity)]
    if with_claims:
        claims = r.facts.claims_by_entity.get(entity.id, [])
        if claims:
            # compact: each claim's text and verdict, linking to its card (evidence and previews live there)
            items = "".join(claim_line(r, c) for c in claims)
            body.append(tag("div", tag("p", f"Claims ({len(claims)})", class_="fk-label")
                            + tag("ul", items, class_="fk-claim-lines"), class_="fk-about"))
    return tag("div", "".join(body), class_=f"fk-entity-card fk-entity-card--{entity.kind}", id=anchor)


def entity_list(r: Renderer, kind: str | None = None) -> str:
    chosen = [e for e in r.facts.entities.values() if kind is None or e.kind == kind]
    chosen.sort(key=lambda e: (e.kind, e.name.casefold(), e.id))
    if not chosen:
        return tag("p", "No entities.", class_="fk-empty")
    return tag("div", "".join(entity_card(r, e, with_claims=True) for e in chosen), class_="fk-entities")
