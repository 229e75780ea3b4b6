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

from .model import VERDICTS
from .render.core import Renderer
from .render.html import plain_text

INDEX = Path("search") / "search_index.json"


def _html(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def entries(r: Renderer) -> list[dict[str, str]]:
    """The entries, in fact-file order: claims (when the site has a claims page), then entities."""
    out = []
    if r.homes.claims is not None:
        for claim in r.facts.claims.values():
            text = []
            if claim.review:
                text.append(f"{VERDICTS[claim.review.verdict].label}. {plain_text(claim.review.explanation)}")
            if claim.outcome:
                text.append(f"Outcome: {plain_text(claim.outcome.text)}")
            out.append({"location": f"{r.homes.claims}#claim-{claim.id}", "title": _html(plain_text(claim.text)),
                        "text": _html(" ".join(text))})
    for entity in r.facts.entities.values():
        page = r.homes.entity_page(entity.kind)
        if page is None:
            continue
        text = [f"Also written: {', '.join(entity.aliases)}." if entity.aliases else "",
                plain_text(entity.description), "; ".join(role.title for role in entity.roles)]
        out.append({"location": f"{page}#entity-{entity.id}", "title": _html(entity.name),
                    "text": _html(" ".join(t for t in text if t))})
    return out


def add_to_index(r: Renderer, site_dir: Path) -> int:
    """Add the entries to the built site's search index, if it has one; how many were added."""
    path = site_dir / INDEX
    if not path.is_file():
        return 0
    index = json.loads(path.read_text(encoding="utf-8"))
    docs = index.get("docs")
    if not isinstance(docs, list):
        return 0
    added = entries(r)
    ours = {e["location"] for e in added}
    index["docs"] = [d for d in docs if d.get("location") not in ours] + added
    path.write_text(json.dumps(index, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
    return len(added)
