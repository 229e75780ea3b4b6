"""URLs: relative links between site pages, and text-fragment deep links into sources."""

from __future__ import annotations

import posixpath
import re
from urllib.parse import quote

_WORD = re.compile(r"\S+")


_RELATIVE: dict[tuple[str, str], str] = {}  # relative_url() memo of the path part: links recur on every page


def relative_url(target: str, from_page: str) -> str:
    """Link from one site-relative page URL to another (both as MkDocs gives them, e.g. 'sources/')."""
    path, hash_, fragment = target.partition("#")
    rel = _RELATIVE.get((path, from_page))
    if rel is None:
        rel = _relative_path(path, from_page)
        if len(_RELATIVE) < 200_000:
            _RELATIVE[(path, from_page)] = rel
    if not rel and not hash_:
        rel = "./"
    return rel + hash_ + fragment


def _relative_path(path: str, from_page: str) -> str:
    base = from_page if (from_page.endswith("/") or not from_page) else posixpath.dirname(from_page)
    if path == from_page:
        return ""
    rel = posixpath.relpath(path or ".", base or ".")
    if path.endswith("/") or not path:
        rel = "./" if rel == "." else rel + "/"
    return rel


def _fragment_part(text: str) -> str:
    return quote(text, safe="").replace("-", "%2D")


def text_fragment_url(url: str, quote_text: str, max_words: int = 8) -> str:
    """`url#:~:text=...` pointing at a quoted passage (start,end for long quotes)."""
    words = _WORD.findall(quote_text.strip().strip("\"'“”‘’…").strip())
    if not words:
        return url
    if len(words) <= max_words:
        directive = _fragment_part(" ".join(words))
    else:
        half = max_words // 2
        directive = _fragment_part(" ".join(words[:half])) + "," + _fragment_part(" ".join(words[-half:]))
    base, _, fragment = url.partition("#")
    return f"{base}#{fragment.split(':~:')[0]}:~:text={directive}"
