"""Find the pages that host generated lists (sources, claims index, entities, fact-check) by their macro calls."""

from __future__ import annotations

import re
from pathlib import Path

from mkdocs.structure.files import File

from factkit.render import Homes

_CALL = re.compile(r"\{\{-?\s*(sources_list|claims_index|article_review|entities)\s*\(([^)]*)\)")
_KIND = re.compile(r"""^\s*(?:kind\s*=\s*)?["']([a-z]+)["']\s*$""")


def page_url(src: str, config) -> str:
    return File(src, config["docs_dir"], config["site_dir"], config["use_directory_urls"]).url


def find_homes(config) -> Homes:
    """Scan docs/ once for the generated-page macros; the first page (in path order) calling each one wins."""
    conf = config.get("extra", {}).get("factkit", {})
    homes = Homes(site_url=config.get("site_url") or "", repo=conf.get("repo") or "")
    docs = Path(config["docs_dir"])
    for path in sorted(docs.rglob("*.md")):
        src = path.relative_to(docs).as_posix()
        for name, args in _CALL.findall(path.read_text(encoding="utf-8")):
            url = page_url(src, config)
            if name == "sources_list" and homes.sources is None:
                homes.sources = url
            elif name == "claims_index" and homes.claims is None:
                homes.claims = url
            elif name == "article_review" and homes.review is None:
                homes.review = url
            elif name == "entities":
                match = _KIND.match(args)
                homes.entities.setdefault(match.group(1) if match else None, url)
    return homes
