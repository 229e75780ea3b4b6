"""Entities: inline links, cards with roles and agreement terms, and the full list."""

from __future__ import annotations

from typing import TYPE_CHECKING

from .. import i18n
from ..model import Entity
from . import localize as loc
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
    name = loc.entity_name(r, entity)
    return tag("a", name, class_="fk-entity", href=href) if href else tag("span", name, class_="fk-entity")


def _span(start: EDTFDate | None, end: EDTFDate | None, lang: str = i18n.DEFAULT) -> str:
    """'2020 – present', 'until 29 January 2025' (no start known), 'since May 2020' (no end known)."""
    if start is None and end is None:
        return ""
    if lang != i18n.DEFAULT:
        if start is None or end is None:
            word, day = ("until", end) if start is None else ("since", start)
            return esc(i18n.t(lang, word, date="\x00")).replace("\x00", time_tag(day, lang=lang, governed=True))
        return f"{time_tag(start, lang=lang)} – {time_tag(end, lang=lang)}"
    if start is None:
        return f"until {time_tag(end)}"
    if end is None:
        return f"since {time_tag(start)}"
    return f"{time_tag(start)} – {time_tag(end)}"


def roles_block(r: Renderer, entity: Entity) -> str:
    if not entity.roles:
        return ""
    items = "".join(
        tag("li", f"{loc.plain(r, 'entities', entity.id, ('roles', n), role.title)} "
                  f"{tag('span', _span(role.start, role.end, r.lang), class_='fk-span')}"
            f"{markers(r, role.citations)}")
        for n, role in enumerate(entity.roles)
    )
    return tag("div", tag("p", esc(loc.t(r, "roles")), class_="fk-label") + tag("ul", items), class_="fk-roles")


def terms_block(r: Renderer, entity: Entity) -> str:
    terms = entity.terms
    if terms is None:
        return ""
    rows = []
    if terms.signed is not None:
        rows.append((loc.t(r, "signed"), time_tag(terms.signed, lang=r.lang)))
    if terms.term_years is not None:
        rows.append((loc.t(r, "term"), f"{terms.term_years} years" if r.lang == i18n.DEFAULT
                     else esc(i18n.years(terms.term_years, r.lang))))
    if terms.signed is not None or terms.expires is not None:
        rows.append((loc.t(r, "expires"), esc(expiry_text(entity, r.lang))))
    if terms.renewal:
        rows.append((loc.t(r, "renewal"), loc.text(r, "entities", entity.id, "renewal", terms.renewal)))
    dl = "".join(tag("dt", esc(k)) + tag("dd", v) for k, v in rows)
    return tag("div", tag("p", esc(loc.t(r, "terms")) + markers(r, terms.citations), class_="fk-label") +
               tag("dl", dl, class_="fk-terms"), class_="fk-terms-block")


def entity_card(r: Renderer, entity: Entity, with_claims: bool = False) -> str:
    anchor = r.entity_anchor(entity)
    kind = KIND_LABELS[entity.kind] if r.lang == i18n.DEFAULT else loc.t(r, f"kind-{entity.kind}")
    head = tag("p", tag("strong", loc.entity_name(r, entity)) + " " +
               tag("span", esc(kind), class_="fk-kind"), class_="fk-entity-name")
    body = [head]
    names = [entity.name, *entity.aliases] if r.lang != i18n.DEFAULT else entity.aliases
    shown = loc.entity_name_plain(r, entity)
    names = [a for a in dict.fromkeys(names) if a != shown]
    if names:
        sep = "، " if r.lang == "ar" else ", "
        aliases = sep.join(tag("span", esc(a), dir="auto") for a in names)
        body.append(tag("p", esc(loc.t(r, "also-written")) + aliases, class_="fk-aliases"))
    description = inline_md(entity.description) if r.lang == i18n.DEFAULT else \
        loc.text(r, "entities", entity.id, "description", entity.description)
    body.append(tag("p", description, class_="fk-description"))
    body += [roles_block(r, entity), terms_block(r, entity)]
    if with_claims:
        claims = r.facts.claims_by_entity.get(entity.id, [])
        if claims:
            # compact: each claim's text and verdict, linking to its card (evidence and previews live there)
            items = "".join(claim_line(r, c) for c in claims)
            body.append(tag("div", tag("p", esc(loc.t(r, "claims-n", n=i18n.number(len(claims), r.lang))),
                                       class_="fk-label")
                            + tag("ul", items, class_="fk-claim-lines"), class_="fk-about"))
    credit = loc.credit(r, "entities", entity.id)
    if credit:
        body.append(tag("p", credit, class_="fk-card-foot"))
    return tag("div", "".join(body), class_=f"fk-entity-card fk-entity-card--{entity.kind}", id=anchor)


def entity_list(r: Renderer, kind: str | None = None) -> str:
    chosen = [e for e in r.facts.entities.values() if kind is None or e.kind == kind]
    chosen.sort(key=lambda e: (e.kind, loc.entity_name_plain(r, e).casefold(), e.id))
    if not chosen:
        return tag("p", esc(loc.t(r, "no-entities")), class_="fk-empty")
    return tag("div", "".join(entity_card(r, e, with_claims=True) for e in chosen), class_="fk-entities")
