"""The site's editions in several languages, after mkdocs-static-i18n built them: one search index per edition.

mkdocs-static-i18n merges every edition's pages into the root search index, with every language's pipeline. A
reader of the Arabic edition should search the Arabic pages with the Arabic pipeline: each edition gets its own
``<lang>/search/search_index.json`` (locations relative to the edition's root, ``lang: [<lang>, en]`` so that the
English text of a record not translated yet is still found), and the root index keeps the default edition's pages
with the default language's pipeline. The theme's ``config`` block points each edition's search at its index.
"""

from __future__ import annotations

from typing import Any


def split_search(index: dict[str, Any], default: str, others: list[str]) -> dict[str, dict[str, Any]]:
    """The search index of each edition ("" the default one) from the one mkdocs-static-i18n wrote."""
    docs = index.get("docs", [])
    prefixes = {lang: f"{lang}/" for lang in others}
    out = {}
    for lang, prefix in prefixes.items():
        mine = [{**d, "location": d["location"][len(prefix):]}
                for d in docs if d.get("location", "").startswith(prefix)]
        out[lang] = {**index, "config": {**index.get("config", {}), "lang": [lang, default]}, "docs": mine}
    rest = [d for d in docs if not d.get("location", "").startswith(tuple(prefixes.values()))]
    out[""] = {**index, "config": {**index.get("config", {}), "lang": [default]}, "docs": rest}
    return out
