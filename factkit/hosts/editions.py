"""The site's editions in several languages, after mkdocs-static-i18n built them: one search index per edition.

mkdocs-static-i18n merges every edition's pages into the root search index, with every language's pipeline. A
reader of the Arabic edition should search the Arabic pages with the Arabic pipeline: each edition gets its own
``<lang>/search/search_index.json`` (locations relative to the edition's root, ``lang: [<lang>, en]`` so that the
English text of a record not translated yet is still found), and the root index keeps the default edition's pages
with the default language's pipeline. The theme's ``config`` block points each edition's search at its index.
"""

from __future__ import annotations

import json
from pathlib import Path


def split_search(site_dir: Path, default: str, others: list[str]) -> None:
    index = site_dir / "search" / "search_index.json"
    if not index.is_file() or not others:
        return
    data = json.loads(index.read_text(encoding="utf-8"))
    docs = data.get("docs", [])
    prefixes = {lang: f"{lang}/" for lang in others}
    for lang, prefix in prefixes.items():
        mine = [{**d, "location": d["location"][len(prefix):]}
                for d in docs if d.get("location", "").startswith(prefix)]
        config = {**data.get("config", {}), "lang": [lang, default] if lang != default else [lang]}
        out = site_dir / lang / "search" / "search_index.json"
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(json.dumps({**data, "config": config, "docs": mine}, ensure_ascii=False), encoding="utf-8")
    rest = [d for d in docs if not d.get("location", "").startswith(tuple(prefixes.values()))]
    config = {**data.get("config", {}), "lang": [default]}
    index.write_text(json.dumps({**data, "config": config, "docs": rest}, ensure_ascii=False), encoding="utf-8")
