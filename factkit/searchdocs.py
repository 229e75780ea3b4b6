"""One search entry per claim and per entity, added to the site's search index after the build.

Material for MkDocs indexes a page by its headings, so a claim or a person is found only inside a long section
(the whole "People" or "All claims" topic) and a hit lands at that section's top. This adds an entry per claim
(at its card on the claims page: its text as the title, its verdict and explanation as the text) and per entity
(at its card: its name, the other spellings, its description), so the hit lands on the record itself.
Works on Material's index format (``search/search_index.json``: ``{"config": …, "docs": [{location, title,
text}]}``); entries already in the index at the same address are replaced.
"""

from __future__ import annotations

import json
from pathlib import Path

from . import i18n
from .render.core import Renderer

INDEX = Path("search") / "search_index.json"


def _html(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def entries(r: Renderer, lang: str = i18n.DEFAULT) -> list[dict[str, str]]:
    """The entries, in fact-file order: claims (when the site has a claims page), then entities; in ``lang``
    (a record's translation, else its English)."""
    from .render import localize as loc
    from .render.parts import verdict_text

    was = r.lang
    r.lang = lang
    try:
        out = []
        for claim in r.facts.claims.values():
            page = r.homes.claim_page(claim)
            if page is not None:
                text = []
                if claim.review:
                    why, _ = loc.bare(r, "claims", claim.id, "explanation", claim.review.explanation)
                    text.append(f"{verdict_text(claim.review.verdict, lang)}. {why}")
                if claim.outcome:
                    said, _ = loc.bare(r, "claims", claim.id, "outcome", claim.outcome.text)
                    text.append(f"{i18n.t(lang, 'outcome')}: {said}")
                title, _ = loc.bare(r, "claims", claim.id, "text", claim.text)
                out.append({"location": f"{page}#claim-{claim.id}", "title": _html(title),
                            "text": _html(" ".join(text))})
        for entity in r.facts.entities.values():
            page = r.homes.entity_page(entity.kind)
            if page is None:
                continue
            name, _ = loc.bare(r, "entities", entity.id, "name", entity.name)
            description, _ = loc.bare(r, "entities", entity.id, "description", entity.description)
            roles = [loc.bare(r, "entities", entity.id, ("roles", n), role.title)[0]
                     for n, role in enumerate(entity.roles)]
            text = [f"{i18n.t(lang, 'also-written')}{', '.join(entity.aliases)}." if entity.aliases else "",
                    description, "; ".join(roles)]
            out.append({"location": f"{page}#entity-{entity.id}", "title": _html(name),
                        "text": _html(" ".join(t for t in text if t))})
        return out
    finally:
        r.lang = was


def add_to_index(r: Renderer, site_dir: Path, editions: tuple[str, ...] | list[str] = ()) -> int:
    """Add the entries to the built site's search index, if it has one, and to each edition's
    (``<lang>/search/search_index.json``, in its language); how many were added to the default one."""
    for lang in editions:
        _add(site_dir / lang / INDEX, entries(r, lang))
    return _add(site_dir / INDEX, entries(r))


def _add(path: Path, added: list[dict[str, str]]) -> int:
    if not path.is_file():
        return 0
    index = json.loads(path.read_text(encoding="utf-8"))
    docs = index.get("docs")
    if not isinstance(docs, list):
        return 0
    ours = {e["location"] for e in added}
    index["docs"] = [d for d in docs if d.get("location") not in ours] + added
    path.write_text(json.dumps(index, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
    return len(added)
