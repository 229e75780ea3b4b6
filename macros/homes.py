"""Find the pages that host generated lists (sources, claims index, entities, fact-check) by their macro calls,
and the section on reporting errors by its heading."""

from __future__ import annotations

import re
from pathlib import Path

from markdown.extensions.toc import slugify
from mkdocs.structure.files import File

from factkit.render import Homes

_CALL = re.compile(r"\{\{-?\s*(sources_list|claims_index|article_review|entities)\s*\(([^)]*)\)")
_KIND = re.compile(r"""^\s*(?:kind\s*=\s*)?["']([a-z]+)["']\s*$""")
# the section telling readers how to report an error, e.g. '## Report an error' or '## Reporting errors {#report}'
_REPORT = re.compile(r"^#{1,6}[ \t]+(report(?:ing)?\b[^\n{]*\berrors?\b[^\n{]*?)[ \t#]*"
                     r"(?:\{[^}\n]*#([\w-]+)[^}\n]*\})?[ \t]*$", re.IGNORECASE | re.MULTILINE)


def page_url(src: str, config) -> str:
    return File(src, config["docs_dir"], config["site_dir"], config["use_directory_urls"]).url


def find_homes(config) -> Homes:
    """Scan docs/ once for the generated-page macros; the first page (in path order) calling each one wins."""
    conf = config.get("extra", {}).get("factkit", {})
    homes = Homes(site_url=config.get("site_url") or "", repo=conf.get("repo") or "")
    docs = Path(config["docs_dir"])
    for path in sorted(docs.rglob("*.md")):
        src = path.relative_to(docs).as_posix()
        text = path.read_text(encoding="utf-8")
        if homes.report is None:
            found = _REPORT.search(text)
            if found:
                anchor = found.group(2) or slugify(found.group(1).strip(), "-")
                homes.report = f"{page_url(src, config)}#{anchor}"
        for name, args in _CALL.findall(text):
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
