"""Editorial text for readers: no internal ids or notes-to-self in what the site shows.

Checked: the reader-facing text of the facts (claim text, explanations, outcomes, corrections, statement
notes, source titles, notes, paraphrases and flags, entity descriptions and role titles) and the prose of
the pages in docs/ (code, macro calls and HTML attributes left out). Verbatim material is not checked:
excerpts, quotes and the article's wording are copied exactly from their sources.

Codes: ``internal-id`` (a source-list id like S080, a statement ref like p4.s2), ``editor-note`` (a note to
self: "seed", shouted words like "DISAGREES" or "NOT found", TODO, FIXME).
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from .problems import Problem

if TYPE_CHECKING:
    from .model import Record

# Each pattern starts with a character class and checks the word boundary behind it with a lookbehind: a
# pattern that starts with one gets the regex engine's fast scan (3 to 4 times faster on 10,000 claims).
_ID_PATTERNS = [
    (re.compile(r"[Ss](?<=\b[Ss])\d{3}\b(?![-–.,]?\d)"), "a source-list id"),
    (re.compile(r"[SsLlDdVv](?<=\b[SsLlDdVv])(?i:ource|ist|ossier|etted)[ -]?(?i:list )?(?i:id)\b"),
     "an internal id label"),
    (re.compile(r"p(?<=\bp)\d{1,3}\.s\d{1,3}\b"), "a statement ref"),
]
_SHOUTED = frozenset(("NOT", "DISAGREES", "DISAGREE", "AGREES", "CONFIRMED", "UNCONFIRMED", "FOUND", "MISSING",
                      "WRONG", "CHECK", "VERIFY", "UNCLEAR", "CONFIRM", "NOTE", "NB", "TBD", "TBC", "XXX", "HACK"))
# (TODO and FIXME, in any case, are notes to self: _NOTE_PATTERNS; listed here too, they were reported twice)
_UPPER_WORD = re.compile(r"[A-Z](?<![\w-][A-Z])[A-Z]*(?![\w-])")  # a shouted note if it is one of _SHOUTED
_NOTE_PATTERNS = [
    (re.compile(r"[Ss](?<=\b[Ss])eed(?:['’]s)?\b"), "editors' shorthand (for the article's draft)"),
    (re.compile(r"[TtFfNn](?<=\b[TtFfNn])(?i:odo|ixme|ote to self)\b"
                r"|\?\?|\[(?i:check|verify|citation needed|tk)\]"), "a note to self"),
]
# a run of two or more upper-case words of 4+ letters ('FERTILIZER PLANT'): shouting, not an acronym
_CAPS_RUN = re.compile(r"[A-Z](?<=\b[A-Z])[A-Z]{3,}(?:[ -][A-Z]{3,})+\b")


def findings(text: str) -> Iterator[tuple[int, str, str, str]]:
    """(offset, code, the words found, what they are) for each problem in ``text``."""
    for pattern, what in _ID_PATTERNS:
        for m in pattern.finditer(text):
            yield m.start(), "internal-id", m.group(0), what
    for m in _UPPER_WORD.finditer(text):
        if m.group(0) in _SHOUTED:
            yield m.start(), "editor-note", m.group(0), "a shouted note"
    for pattern, what in _NOTE_PATTERNS:
        for m in pattern.finditer(text):
            yield m.start(), "editor-note", m.group(0), what
    for m in _CAPS_RUN.finditer(text):
        yield m.start(), "editor-note", m.group(0), "a shouted note"


def findings_in(texts: list[str]) -> list[list[tuple[int, str, str, str]]]:
    """``findings`` of each of ``texts``, found in one pass over them all (joined by a NUL, which no pattern
    crosses): at 10,000 claims, tens of thousands of short texts."""
    starts, at = [], 0
    for text in texts:
        starts.append(at)
        at += len(text) + 1
    found: list[list[tuple[int, str, str, str]]] = [[] for _ in texts]
    for offset, code, words, what in findings("\0".join(texts)):
        i = bisect.bisect_right(starts, offset) - 1
        found[i].append((offset - starts[i], code, words, what))
    return found


def _message(field: str, words: str, what: str, code: str) -> str:
    fix = ("write what it stands for in words" if code == "internal-id"
           else "reword it for readers (say what the sources show) or remove it")
    return f"{field}: {words!r} is {what}, not text for readers; {fix}"


# ---- the facts -----------------------------------------------------------------------------------


def _record_texts(record: Record) -> Iterator[tuple[Record, str, str | None, str]]:
    """(record, field, text, what) for every reader-facing text of a record."""
    from .model import ArticleReview, Claim, Entity, Source  # (checking pages alone needs no model: no pydantic)

    if isinstance(record, Source):
        for name in ("title", "notes", "reliability", "published_note", "url_unavailable"):
            yield record, name, getattr(record, name), f"source '{record.id}'"
        for e in record.excerpts:
            yield e, "says", e.says, f"an excerpt of '{record.id}'"
    elif isinstance(record, Entity):
        yield record, "description", record.description, f"entity '{record.id}'"
        for role in record.roles:
            yield role, "title", role.title, f"a role of '{record.id}'"
        if record.terms:
            yield record.terms, "renewal", record.terms.renewal, f"the terms of '{record.id}'"
    elif isinstance(record, Claim):
        what = f"claim '{record.id}'"
        yield record, "text", record.text, what
        if record.outcome:
            yield record.outcome, "text", record.outcome.text, f"the outcome of {what}"
        if record.review:
            yield record.review, "explanation", record.review.explanation, f"the review of {what}"
        for cor in record.corrections:
            yield cor, "what", cor.what, f"a correction of {what}"
            yield cor, "why", cor.why, f"a correction of {what}"
    elif isinstance(record, ArticleReview):
        for st in record.statements:
            yield st, "not_checked", st.not_checked, f"statement {st.ref}"


def check_records(records: Iterable[Record]) -> list[Problem]:
    """Problems in the reader-facing text of records."""
    texts = [(rec, name, text, what) for record in records for rec, name, text, what in _record_texts(record) if text]
    problems = []
    for (record, name, _, what), found in zip(texts, findings_in([t[2] for t in texts]), strict=True):
        seen = set()
        for _, code, words, kind in sorted(found):
            if (code, words) in seen:
                continue
            seen.add((code, words))
            problems.append(Problem(record.where[0], record.line_of(name), code,
                                    _message(f"the {name} of {what}", words, kind, code)))
    return problems


# ---- the pages ------------------------------------------------------------------------------------

_HIDDEN = re.compile(
    r"\{%-?\s*raw\s*-?%\}.*?\{%-?\s*endraw\s*-?%\}"  # {% raw %} … {% endraw %}
    r"|^[ \t]*(```|~~~).*?^[ \t]*\1[ \t]*$"  # fenced code
    r"|\{\{.*?\}\}|\{%.*?%\}|\{#.*?#\}"  # Jinja
    r"|<!--.*?-->"  # HTML comments
    r"|`[^`\n]+`"  # inline code
    r"|<[A-Za-z/!][^>]*>"  # HTML tags (their attributes)
    r"|\]\([^)\s]*\)|\{[:#.][^}\n]*\}"  # link targets, attr lists
    r"|^[ \t]*\[[^\]]+\]:[^\n]*$",  # link reference definitions
    re.DOTALL | re.MULTILINE)


def prose(markdown: str) -> str:
    """The page's text a reader sees, with everything else blanked out (same length, same line breaks)."""
    return _HIDDEN.sub(lambda m: re.sub(r"[^\n]", " ", m.group(0)), markdown)


def check_page(path: str, markdown: str) -> list[Problem]:
    """Problems in one page's prose; ``path`` is shown in the problems."""
    return check_pages([(path, markdown)])


_CHECKED: dict[tuple[str, str], list[Problem]] = {}  # (path, Markdown) -> its problems: a live preview checks
# every page at each save, and most have not changed


def check_pages(pages: Iterable[tuple[str, str]]) -> list[Problem]:
    """Problems in pages given as (path shown, Markdown)."""
    shown = list(pages)
    texts = [prose(markdown) for _, markdown in shown]
    problems = []
    for (path, _), text, found in zip(shown, texts, findings_in(texts), strict=True):
        page = set()
        for offset, code, words, kind in found:
            page.add(Problem(path, text.count("\n", 0, offset) + 1, code, _message("page text", words, kind, code)))
        problems += sorted(page)
    return problems


def check_docs(docs_dir: Path, base_dir: Path | None = None) -> list[Problem]:
    """Problems in every Markdown page under ``docs_dir`` (paths shown relative to ``base_dir``)."""
    base = (base_dir or docs_dir.parent).absolute()  # (a host may name them relative in one build, not the next)
    found = []
    for path in sorted(docs_dir.absolute().rglob("*.md")):
        try:
            shown = path.relative_to(base).as_posix()
        except ValueError:
            shown = path.as_posix()
        found.append((shown, path.read_text(encoding="utf-8")))
    return check_kept(found)


def check_kept(pages: list[tuple[str, str]]) -> list[Problem]:
    """``check_pages``, answered from what this process found before for a page whose path and text are the same
    (a live preview checks every page at each save, and most have not changed)."""
    new = [page for page in pages if page not in _CHECKED]
    if len(_CHECKED) + len(new) > 10_000:
        _CHECKED.clear()
    problems = check_pages(new)
    for page in new:
        _CHECKED[page] = [p for p in problems if p.path == page[0]]
    return [p for page in pages for p in _CHECKED[page]]
