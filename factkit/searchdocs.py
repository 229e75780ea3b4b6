"""One search entry per claim, per source and per entity, added to the site's search index after the build.

Material for MkDocs indexes a page by its headings, so a claim or a person is found only inside a long section
(the whole "People" or "All claims" topic) and a hit lands at that section's top. This adds an entry per claim
(at its card on the claims page: its text as the title, its verdict and explanation as the text), per source (at
its card: publisher and title, then its date and excerpts) and per entity (at its card: its name, the other
spellings, its description), so the hit lands on the record itself. The pages that list the records are indexed
by their own prose and headings only (``Homes.listings``; the host leaves the lists out of the search).
Works on Material's index format (``search/search_index.json``: ``{"config": …, "docs": [{location, title,
text}]}``); entries already in the index at the same address are replaced.
"""

from __future__ import annotations

import functools
import html
import json
import re
from pathlib import Path
from typing import Any

from . import i18n
from .render.core import Renderer
from .render.html import without_tags

INDEX = Path("search") / "search_index.json"
# what factkit marks data-search-exclude (citation previews, a card's evidence, "cite this" and "report", a page's
# sources, a claim's ¶ permalink, an inline verdict's explanation): factkit's own elements only, a page author's are
# left to Material
_UNSEARCHED = re.compile(r'<(\w+) class="fk-[^"]*"[^>]*?\sdata-search-exclude\b[^>]*>')


@functools.cache
def _same_tag(name: str) -> re.Pattern[str]:
    return re.compile(rf"<{name}[\s>]|</{name}>")


def unsearched(page: str) -> str:
    """The page without factkit's elements marked ``data-search-exclude``, each cut at its own closing tag (an inline
    explanation is spans in a span), before Material's search parses the page: its parser would read them tag by tag
    (most of a prose page's tags) to skip them, and cannot skip inside a skipped span (it put "✓ Accurate Accurate: …
    The article's wording: …" in the snippets). A card's wording checked and reason stay: a reader may search a
    phrase of the article."""
    out, at = [], 0
    while (start := _UNSEARCHED.search(page, at)) is not None:
        out.append(page[at:start.start()])
        depth, at, same = 1, start.end(), _same_tag(start[1])
        while depth and (tag := same.search(page, at)) is not None:
            depth, at = depth + (-1 if tag[0].startswith("</") else 1), tag.end()
        if depth:  # never closed: the rest of the page
            at = len(page)
    return "".join(out) + page[at:]


def _html(text: str) -> str:
    """Text as the index's HTML: ``&``, ``<`` and ``>`` escaped, quotes as typed."""
    return html.escape(text, quote=False)


def entries(r: Renderer, lang: str = i18n.DEFAULT) -> list[dict[str, str]]:
    """The entries, in fact-file order: claims, sources, then entities (those whose list is on a page); in ``lang``
    (a record's translation, else its English)."""
    from .render import localize as loc
    from .render.parts import source_label, time_tag, verdict_text

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
        for source in r.facts.sources.values():
            page = r.homes.source_page(source)
            if page is None:
                continue
            about = [without_tags(time_tag(source.published, lang=lang)) + "."]
            about += [f"“{_html(e.text)}”" for e in source.excerpts]
            out.append({"location": f"{page}#source-{source.id}",
                        "title": without_tags(source_label(r.facts, source, lang)), "text": " ".join(about)})
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


def add_to_index(r: Renderer, site_dir: Path, editions: tuple[str, ...] | list[str] = (),
                 indexes: dict[str, dict[str, Any]] | None = None) -> int:
    """Add the entries to the built site's search index and to each edition's (``<lang>/search/search_index.json``,
    in its language), and write them; ``indexes``: those indexes already read (edition -> Material's index data,
    "" the default one), else they are read from ``site_dir`` (a site without one is left so). How many entries
    were added to the default index."""
    added = 0
    for lang in [*editions, ""]:
        path = site_dir / lang / INDEX
        index = indexes.get(lang) if indexes is not None else read_index(path)
        if index is None or not isinstance(index.get("docs"), list):
            continue
        mine = entries(r, lang) if lang else entries(r)
        ours = {e["location"] for e in mine}
        index["docs"] = [d for d in index["docs"] if d.get("location") not in ours] + mine
        write_index(path, index)
        added = len(mine)
    return added


def read_index(path: Path) -> dict[str, Any] | None:
    """A search index in Material's format, None if there is none."""
    return dict(json.loads(path.read_text(encoding="utf-8"))) if path.is_file() else None


def write_index(path: Path, index: dict[str, Any]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(index, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
