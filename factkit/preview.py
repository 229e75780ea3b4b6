"""The live preview's scoped rebuilds: after a fact file is saved, only the pages that read what changed are built.

A host that keeps the preview's state across rebuilds (factkit.hosts.mkdocs under ``mkdocs serve``) uses it so:

1. after each good build, ``Preview.keep`` stores the facts, what each page read (factkit.depends, and
   ``file:<path>``: the page's own source), the digest of each page source, where each claim appeared, the search
   entries of each page and a fingerprint of everything else the pages depend on (the site's configuration,
   templates and macros, where the generated lists live, the commit, the day);
2. before the next build, ``Preview.pages_to_build`` answers which pages read something the edit changed (a fact,
   their source), or None when the fingerprint changed, a page source was added or removed, or the edit touched
   what pages do not read record by record: then every page is built again (and again after a scoped build that
   changed a page's title: every page's navigation shows it);
3. after that build, ``complete`` (``merge_search``, ``merge_appearances``) adds what the pages not built again
   contributed to the search index and to the completeness check, so the result equals a clean full build (a test
   compares them).
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .depends import changes
from .render.core import Renderer
from .store import FactBase

Page = tuple[str, str]  # (edition language, page source path), as the host names a page


def fingerprint(files: Iterable[Path], *extra: str) -> str:
    """A hash of files' paths and bytes (folders are walked) and of ``extra`` values."""
    digest = hashlib.sha256("\0".join(extra).encode())
    for top in files:
        for path in sorted(top.rglob("*")) if top.is_dir() else [top]:
            if path.is_file() and "__pycache__" not in path.parts:
                digest.update(str(path).encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


def digests(texts: dict[Path, str]) -> dict[str, str]:
    """The digest of each page source's text, by its absolute path as MkDocs names a page's source
    (``File.abs_src_path``)."""
    return {os.path.normpath(path.absolute()): hashlib.sha256(text.encode()).hexdigest()
            for path, text in texts.items()}


def _page_of(location: str) -> str:
    return location.split("#", 1)[0]


@dataclass
class Preview:
    """What the last good build of a live preview left for the next one."""

    facts: FactBase | None = None
    stamp: str = ""
    reads: dict[Page, set[str]] = field(default_factory=dict)
    appearances: dict[str, dict[str, str | None]] = field(default_factory=dict)  # claim -> page URL -> anchor
    search: list[dict[str, Any]] = field(default_factory=list)  # the search entries of every page, in page order
    order: list[str] = field(default_factory=list)  # the default edition's page URLs, in build order
    files: dict[str, str] = field(default_factory=dict)  # page source path -> digest (``digests``)

    def pages_to_build(self, facts: FactBase, stamp: str, files: dict[str, str]) -> set[Page] | None:
        """The pages that read something the edit changed, in the facts or in ``files`` (``digests``); None: build
        every page."""
        if self.facts is None or stamp != self.stamp or files.keys() != self.files.keys():
            return None
        touched = changes(self.facts, facts)
        if touched is None:
            return None
        touched |= {f"file:{path}" for path, digest in files.items() if self.files[path] != digest}
        return {page for page, read in self.reads.items() if read & touched}

    def keep(self, facts: FactBase, stamp: str, files: dict[str, str], reads: dict[Page, set[str]],
             appearances: dict[str, dict[str, str | None]], search: list[dict[str, Any]], order: list[str],
             full: bool) -> None:
        """After a good build (``full``: of every page): what the next build compares with."""
        self.facts, self.stamp, self.files = facts, stamp, files
        self.reads = dict(reads) if full else {**self.reads, **reads}
        self.appearances = {cid: dict(pages) for cid, pages in appearances.items()}
        self.search, self.order = search, order

    def complete(self, docs: list[dict[str, Any]], renderer: Renderer, rebuilt: set[str] | None
                 ) -> list[dict[str, Any]]:
        """After a build that rendered only the pages ``rebuilt`` (their URLs; None: every page): the entries of the
        search index (Material's ``docs``, as it wrote them) and the claims' appearances get those of the other
        pages from the last build. Returns the search entries of every page."""
        if rebuilt is None:
            return docs
        renderer.appearances.update(merge_appearances(self.appearances, renderer.appearances, rebuilt, self.order))
        return merge_search(self.search, docs, rebuilt)


def merge_search(kept: list[dict[str, Any]], built: list[dict[str, Any]], rebuilt: set[str]) -> list[dict[str, Any]]:
    """The search entries of a full build: those of the pages built again (``rebuilt``: their URLs) from ``built``,
    the others' from ``kept``, in the pages' order."""
    fresh: dict[str, list[dict[str, Any]]] = {}
    for entry in built:
        fresh.setdefault(_page_of(entry.get("location", "")), []).append(entry)
    out: list[dict[str, Any]] = []
    seen: set[str] = set()
    for entry in kept:
        page = _page_of(entry.get("location", ""))
        if page in rebuilt:
            if page not in seen:
                out += fresh.get(page, [])
        else:
            out.append(entry)
        seen.add(page)
    for page, entries in fresh.items():  # a page that had no entries before
        if page not in seen:
            out += entries
    return out


def merge_appearances(kept: dict[str, dict[str, str | None]], built: dict[str, dict[str, str | None]],
                      rebuilt: set[str], order: list[str]) -> dict[str, dict[str, str | None]]:
    """Where each claim appears after a scoped build: on the pages built again as they say, elsewhere as before;
    each claim's pages in the build's page order."""
    place = {url: i for i, url in enumerate(order)}
    merged: dict[str, dict[str, str | None]] = {}
    for cid in dict.fromkeys([*kept, *built]):
        pages = {url: anchor for url, anchor in kept.get(cid, {}).items() if url not in rebuilt}
        pages.update(built.get(cid, {}))
        if pages:
            merged[cid] = dict(sorted(pages.items(), key=lambda item: place.get(item[0], len(place))))
    return merged
