"""Semantic fact diff: what changed in the facts between two git revisions, as Markdown.

``python -m factkit diff BASE [HEAD]`` reads ``facts/`` at BASE (by default at the merge base of
BASE and HEAD, like ``git diff BASE...HEAD``) and at HEAD (by default the working tree), loads and
checks both, and prints what a reviewer needs: claims added, removed and changed field by field
(text, date, verdict, citations: old → new), sources and entities added, removed or changed, check
problems new in HEAD, verdict changes that come without a new correction entry, and the pages under
``docs/`` a change probably affects.

Git is only read (``git ls-tree`` and ``git cat-file``); each revision is written to a temporary
folder and loaded like any facts folder, so the diff sees exactly what the check and the build see.
"""

from __future__ import annotations

import datetime as dt
import difflib
import json
import os
import re
import subprocess
import tempfile
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .dates import DATE_PATTERN
from .problems import Problem
from .store import FactBase

if TYPE_CHECKING:
    from collections.abc import Callable, Sequence

FLAG_CODE = "verdict-no-correction"
FLAG_TEXT = "verdict changed without a correction note"
_KINDS = ("claims", "sources", "publishers", "entities")
_DATE = re.compile(DATE_PATTERN)


class GitError(RuntimeError):
    """A git command failed (unknown revision, not a repository, …)."""


# ---- reading a revision --------------------------------------------------------------------


def _git(repo: Path, *args: str, data: bytes | None = None) -> bytes:
    proc = subprocess.run(["git", "-C", str(repo), *args], input=data, capture_output=True, check=False)
    if proc.returncode != 0:
        message = proc.stderr.decode("utf-8", "replace").strip().splitlines()
        raise GitError(f"git {' '.join(args[:2])}: {message[-1] if message else 'failed'}")
    return proc.stdout


def repo_root(start: str | Path = ".") -> Path:
    return Path(_git(Path(start), "rev-parse", "--show-toplevel").decode().strip())


def resolve(repo: Path, rev: str) -> str:
    """The commit id of a revision (raises GitError when it does not exist)."""
    try:
        return _git(repo, "rev-parse", "--verify", "--quiet", f"{rev}^{{commit}}").decode().strip()
    except GitError:
        raise GitError(f"'{rev}' is not a commit, branch or tag of this repository; name the one to compare with, "
                       "e.g. make diff BASE=main (a fresh clone has origin/main)") from None


def merge_base(repo: Path, base: str, head: str) -> str | None:
    try:
        return _git(repo, "merge-base", base, head).decode().strip() or None
    except GitError:
        return None


def export_facts(repo: Path, rev: str, facts_dir: str, dest: Path) -> Path:
    """Write the files under ``facts_dir`` at ``rev`` into ``dest/facts_dir``; return that folder."""
    target = dest / facts_dir
    target.mkdir(parents=True, exist_ok=True)
    listing = _git(repo, "ls-tree", "-r", "-z", "--full-tree", rev, "--", facts_dir.rstrip("/") + "/")
    entries: list[tuple[str, str, str]] = []  # (mode, sha, name)
    for item in listing.split(b"\0"):
        if not item:
            continue
        meta, _, raw_name = item.partition(b"\t")
        mode, kind, sha = meta.decode().split()
        if kind == "blob":
            entries.append((mode, sha, raw_name.decode("utf-8", "surrogateescape")))
    if not entries:
        return target
    # One git process for every blob: "<sha> blob <size>\n<content>\n" per requested object.
    out = _git(repo, "cat-file", "--batch", data="".join(f"{sha}\n" for _, sha, _ in entries).encode())
    pos = 0
    for mode, _sha, name in entries:
        header_end = out.index(b"\n", pos)
        size = int(out[pos:header_end].split()[2])
        content = out[header_end + 1:header_end + 1 + size]
        pos = header_end + 1 + size + 1
        path = dest / name
        if dest.resolve() not in path.resolve().parents:
            continue  # a name git would never produce; never write outside the temp folder
        path.parent.mkdir(parents=True, exist_ok=True)
        if mode == "120000":  # a symbolic link: recreate it, the loader reports links that leave facts/
            os.symlink(content.decode("utf-8", "surrogateescape"), path)
        else:
            path.write_bytes(content)
    return target


def load_revision(repo: Path, rev: str | None, facts_dir: str, on: dt.date) -> tuple[FactBase, list[Problem]]:
    """Load and check the facts at a revision (``None``: the working tree)."""
    from . import check  # the same load + rules as `python -m factkit check`

    if rev is None:
        return check(repo / facts_dir, base_dir=repo, on=on)
    with tempfile.TemporaryDirectory(prefix="factkit-diff-") as tmp:
        root = export_facts(repo, rev, facts_dir, Path(tmp))
        return check(root, base_dir=tmp, on=on)


# ---- comparing ------------------------------------------------------------------------------


@dataclass
class Change:
    """One record present at both revisions whose content differs."""

    kind: str
    id: str
    where: tuple[str, int]
    lines: list[str]
    flagged: bool = False
    flag_line: int = 0  # the verdict's line, for the inline annotation


@dataclass
class FactDiff:
    added: dict[str, list[Any]] = field(default_factory=lambda: {k: [] for k in _KINDS})
    removed: dict[str, list[Any]] = field(default_factory=lambda: {k: [] for k in _KINDS})
    changed: dict[str, list[Change]] = field(default_factory=lambda: {k: [] for k in _KINDS})
    review_lines: list[str] = field(default_factory=list)
    translation_lines: list[str] = field(default_factory=list)  # translations added, changed, removed, out of date
    new_problems: list[Problem] = field(default_factory=list)
    fixed_problems: int = 0
    pages: list[tuple[str, str]] = field(default_factory=list)  # (docs path, why)

    @property
    def flags(self) -> list[Change]:
        return [c for c in self.changed["claims"] if c.flagged]

    @property
    def empty(self) -> bool:
        return not (any(self.added.values()) or any(self.removed.values()) or any(self.changed.values())
                    or self.review_lines or self.translation_lines or self.new_problems or self.fixed_problems)

    def annotations(self) -> list[str]:
        """GitHub Actions workflow commands, one per flagged verdict change."""
        return [f"::error file={c.where[0]},line={c.flag_line},title={FLAG_CODE}::claim '{c.id}': {FLAG_TEXT}"
                for c in self.flags]


def _dump(record: Any) -> dict[str, Any]:
    return record.model_dump(mode="json", exclude_defaults=True) if record is not None else {}


def _clip(text: str, limit: int = 300) -> str:
    text = " ".join(str(text).split()).replace("<", "&lt;")
    return text if len(text) <= limit else text[:limit - 1] + "…"


def _show(value: Any) -> str:
    if value is None or value == [] or value == {}:
        return "(none)"
    if isinstance(value, str):
        return value if _DATE.match(value) else f"“{_clip(value)}”"
    if isinstance(value, (int, float)):
        return str(value)
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return ", ".join(f"`{v}`" for v in value)
    if isinstance(value, list):
        return "; ".join(_show(v) for v in value)
    if isinstance(value, dict):
        return "{" + ", ".join(f"{k}: {_show(v)}" for k, v in value.items()) + "}"
    return _clip(json.dumps(value, ensure_ascii=False))


def _word_diff(old: str, new: str, context: int = 6) -> str:
    """One line: unchanged words (long runs elided), ~~removed~~ and **added** words."""
    a, b = old.replace("<", "&lt;").split(), new.replace("<", "&lt;").split()
    parts: list[str] = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(a=a, b=b, autojunk=False).get_opcodes():
        if op == "equal":
            run = a[i1:i2]
            if len(run) > 2 * context:
                # context next to a change: after one before the run, before one after it (in either text)
                head = run[:context] if i1 or j1 else []
                tail = run[-context:] if i2 < len(a) or j2 < len(b) else []
                run = [*head, "…", *tail]
            parts += run
            continue
        if i2 > i1:
            parts.append("~~" + " ".join(a[i1:i2]) + "~~")
        if j2 > j1:
            parts.append("**" + " ".join(b[j1:j2]) + "**")
    return " ".join(parts)


def _text_change(name: str, old: Any, new: Any) -> str:
    if isinstance(old, str) and isinstance(new, str) and len(old) + len(new) > 160:
        return f"{name} (~~removed~~ **added**): {_word_diff(old, new)}"
    return f"{name}: {_show(old)} → {_show(new)}"


def _citation(cit: dict[str, Any]) -> str:
    text = f"`{cit['source']}`"
    if cit.get("quote"):
        text += f" “{_clip(cit['quote'], 120)}”"
    extras = [f"{k}: {cit[k]}" for k in ("locator", "stance") if cit.get(k)]
    return text + (f" ({', '.join(extras)})" if extras else "")


def _list_change(name: str, old: list[Any], new: list[Any], show: Callable[[Any], str] = _show) -> list[str]:
    """``name: + added, − removed`` for lists compared as multisets (order changes are ignored)."""
    old_keys = Counter(json.dumps(v, sort_keys=True) for v in old)
    new_keys = Counter(json.dumps(v, sort_keys=True) for v in new)
    plus = [json.loads(k) for k in (new_keys - old_keys).elements()]
    minus = [json.loads(k) for k in (old_keys - new_keys).elements()]
    parts = [f"+ {show(v) if not isinstance(v, str) else f'`{v}`'}" for v in plus]
    parts += [f"− {show(v) if not isinstance(v, str) else f'`{v}`'}" for v in minus]
    return [f"{name}: " + "; ".join(parts)] if parts else []


_LIST_SHOW = {"citations": _citation, "excerpts": lambda e: _show(e.get("text", e))}


def _field_lines(old: dict[str, Any], new: dict[str, Any], skip: tuple[str, ...] = ()) -> list[str]:
    lines = []
    for name in list(dict.fromkeys([*old, *new])):
        if name in skip:
            continue
        a, b = old.get(name), new.get(name)
        if a == b:
            continue
        if isinstance(a, list) or isinstance(b, list):
            lines += _list_change(name, a or [], b or [], _LIST_SHOW.get(name, _show))
        else:
            lines.append(_text_change(name, a, b))
    return lines


def _claim_change(old: Any, new: Any) -> Change:
    a, b = _dump(old), _dump(new)
    lines = []
    old_verdict = (a.get("review") or {}).get("verdict")
    new_verdict = (b.get("review") or {}).get("verdict")
    flagged = False
    if old_verdict != new_verdict:
        line = f"**verdict: {old_verdict or '(none)'} → {new_verdict or '(none)'}**"
        new_corrections = [c for c in b.get("corrections", []) if c not in a.get("corrections", [])]
        if old_verdict is not None and not new_corrections:
            flagged = True
            line += f" ⚠️ **{FLAG_TEXT}**"
        lines.append(line)
    lines += _field_lines(a, b, skip=("review", "corrections", "id"))
    for name in ("wording", "explanation"):
        x, y = (a.get("review") or {}).get(name), (b.get("review") or {}).get(name)
        if x != y:
            lines.append(_text_change(f"review {name}", x, y))
    for corr in b.get("corrections", []):
        if corr not in a.get("corrections", []):
            lines.append(f"correction recorded ({corr.get('date')}): {_clip(corr.get('what', ''))} "
                         f"Why: {_clip(corr.get('why', ''))}")
    for corr in a.get("corrections", []):
        if corr not in b.get("corrections", []):
            lines.append(f"correction entry removed or edited ({corr.get('date')}): {_clip(corr.get('what', ''))}")
    flag_line = new.review.line_of("verdict") if new.review else new.where[1]
    return Change("claims", new.id, new.where, lines, flagged, flag_line)


def _translation_lines(old: FactBase, new: FactBase) -> list[str]:
    """Each translation added, changed or removed, and each one the English change made out of date."""
    from .i18n import Catalog

    def table(facts: FactBase) -> dict[tuple[str, str, str], dict[str, Any]]:
        return {(lang, kind, rid): _dump(tr) for lang, kind, rid, tr in Catalog.of(facts).items()}

    a, b = table(old), table(new)
    lines = []
    for key in sorted(set(a) | set(b)):
        lang, kind, rid = key
        name = f"{lang} translation of {kind[:-1] if kind != 'entities' else 'entity'} `{rid or 'review'}`"
        if key not in a:
            lines.append(f"{name} added")
        elif key not in b:
            lines.append(f"{name} removed")
        elif a[key] != b[key]:
            lines.append(f"{name} changed: " + "; ".join(_field_lines(a[key], b[key], skip=("id",))))
        if key in b and Catalog.of(new).is_stale(lang, kind, rid) and not (key in a and Catalog.of(old).is_stale(
                lang, kind, rid)):
            lines.append(f"⚠️ {name} is now out of date: its English changed (update it, then "
                         f"`python -m factkit translations --confirm {rid or 'review'} {lang}`)")
    return lines


def _problem_key(p: Problem) -> tuple[str, str, str]:
    return (p.path, p.code, p.message)  # lines move when files are edited: compare without them


def compare(old: FactBase, new: FactBase, old_problems: Sequence[Problem] = (),
            new_problems: Sequence[Problem] = ()) -> FactDiff:
    """The semantic difference between two fact bases (and their check results)."""
    diff = FactDiff()
    for kind in _KINDS:
        before, after = getattr(old, kind), getattr(new, kind)
        diff.added[kind] = [after[i] for i in after if i not in before]
        diff.removed[kind] = [before[i] for i in before if i not in after]
        for rid in after:
            if rid not in before or _dump(before[rid]) == _dump(after[rid]):
                continue
            if kind == "claims":
                diff.changed[kind].append(_claim_change(before[rid], after[rid]))
            else:
                lines = _field_lines(_dump(before[rid]), _dump(after[rid]), skip=("id",))
                diff.changed[kind].append(Change(kind, rid, after[rid].where, lines))
    a, b = _dump(old.review), _dump(new.review)
    if a != b:
        if not a or not b:
            diff.review_lines.append("article review " + ("added" if b else "removed"))
        else:
            diff.review_lines += _field_lines(a, b, skip=("statements",))
            old_st = {s["ref"]: s for s in a.get("statements", [])}
            new_st = {s["ref"]: s for s in b.get("statements", [])}
            for ref in new_st:
                if ref not in old_st:
                    diff.review_lines.append(f"statement {ref} added: {_show(new_st[ref])}")
                elif old_st[ref] != new_st[ref]:
                    diff.review_lines += [f"statement {ref} {line}" for line in _field_lines(old_st[ref], new_st[ref])]
            diff.review_lines += [f"statement {ref} removed" for ref in old_st if ref not in new_st]
    diff.translation_lines = _translation_lines(old, new)
    before_keys = Counter(_problem_key(p) for p in old_problems)
    seen: Counter[tuple[str, str, str]] = Counter()
    for p in sorted(new_problems):
        key = _problem_key(p)
        seen[key] += 1
        if seen[key] > before_keys[key]:
            diff.new_problems.append(p)
    after_keys = Counter(_problem_key(p) for p in new_problems)
    diff.fixed_problems = sum((before_keys - after_keys).values())
    return diff


# ---- pages a change affects -------------------------------------------------------------------


def touched_ids(diff: FactDiff, old: FactBase, new: FactBase) -> set[str]:
    """Ids whose rendering may change: changed records, and the entities/sources of changed claims."""
    ids: set[str] = set()
    for kind in _KINDS:
        ids.update(r.id for r in diff.added[kind] + diff.removed[kind])
        ids.update(c.id for c in diff.changed[kind])
    for base in (old, new):  # a publisher's name or flag shows on each of its sources
        ids.update(s.id for s in base.sources.values() if s.publisher in ids or s.relays in ids)
    for cid in list(ids):
        for base in (old, new):
            claim = base.claims.get(cid)
            if claim is not None:
                ids.update(claim.entities)
                ids.update(c.source for c in claim.citations)
    return ids


def affected_pages(docs: Path, ids: set[str], any_change: bool) -> list[tuple[str, str]]:
    """Pages under ``docs`` that name a touched id, or that call a macro over the whole fact base.

    A page "names" an id when a macro call passes it (read by Jinja's parser, factkit.pagescan) or it
    links a ``#claim-<id>``-style anchor; a macro call with no literal argument is taken as a listing
    (timeline, index, log) that any change may affect.
    """
    from .pagescan import macro_calls

    pages: list[tuple[str, str]] = []
    if not docs.is_dir() or not (ids or any_change):
        return pages
    for path in sorted(docs.rglob("*.md")):
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            continue
        rel = path.relative_to(docs.parent).as_posix()
        calls = macro_calls(text)
        named = sorted({v for call in calls for v in call.literals() if v in ids}
                       | {i for i in ids if re.search(rf"#(claim|source|entity)-{re.escape(i)}\b", text)})
        if named:
            pages.append((rel, "names " + ", ".join(f"`{i}`" for i in named[:8]) + (" …" if len(named) > 8 else "")))
            continue
        if any_change and any(not call.literals() for call in calls):
            pages.append((rel, "lists facts through a macro"))
    return pages


# ---- Markdown ----------------------------------------------------------------------------------


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'s' * (n != 1)}"


def _where(record: Any) -> str:
    path, line = record.where
    return f"{path}:{line}" if path else ""


def render(diff: FactDiff, base_label: str, head_label: str) -> str:
    """Markdown for a reviewer: a summary line, then one short section per kind of change."""
    out = [f"## Fact changes: {base_label} → {head_label}", ""]
    if diff.empty:
        out += ["No changes to the facts.", ""]
        if diff.pages:
            out += _pages(diff)
        return "\n".join(out).rstrip() + "\n"
    summary = []
    for kind in _KINDS:
        counts = [(len(diff.added[kind]), "added"), (len(diff.removed[kind]), "removed"),
                  (len(diff.changed[kind]), "changed")]
        parts = [f"{n} {what}" for n, what in counts if n]
        if parts:
            summary.append(f"{kind}: " + ", ".join(parts))
    if diff.flags:
        summary.append(f"⚠️ {_plural(len(diff.flags), 'verdict change')} without a correction note")
    if diff.translation_lines:
        summary.append(f"translations: {_plural(len(diff.translation_lines), 'change')}")
    if diff.new_problems:
        summary.append(f"{_plural(len(diff.new_problems), 'new check problem')}")
    if diff.fixed_problems:
        summary.append(f"{_plural(diff.fixed_problems, 'check problem')} fixed")
    out += ["**" + " · ".join(summary) + "**" if summary else "**Only the article review changed.**", ""]

    if diff.flags:
        out += ["### ⚠️ Verdict changed without a correction note", ""]
        out += [f"- `{c.id}` ({c.where[0]}:{c.flag_line}): add a `corrections:` entry (date, what, why)"
                for c in diff.flags]
        out.append("")
    if diff.new_problems:
        out += ["### New check problems", ""]
        out += [f"- {'⛔' if p.severity == 'error' else '⚠️'} {p.path}:{p.line}: {_clip(p.message, 400)} `[{p.code}]`"
                for p in diff.new_problems]
        out.append("")
    for kind in _KINDS:
        title = kind.capitalize()
        if diff.added[kind]:
            out += [f"### {title} added ({len(diff.added[kind])})", ""]
            out += [f"- {_describe(kind, r)}" for r in diff.added[kind]]
            out.append("")
        if diff.removed[kind]:
            out += [f"### {title} removed ({len(diff.removed[kind])})", ""]
            out += [f"- {_describe(kind, r, located=False)}" for r in diff.removed[kind]]
            out.append("")
        if diff.changed[kind]:
            out += [f"### {title} changed ({len(diff.changed[kind])})", ""]
            for change in diff.changed[kind]:
                out.append(f"- `{change.id}` ({change.where[0]}:{change.where[1]})")
                out += [f"  - {line}" for line in change.lines]
            out.append("")
    if diff.review_lines:
        out += ["### Article review changed", ""] + [f"- {line}" for line in diff.review_lines] + [""]
    if diff.translation_lines:
        out += ["### Translations", ""] + [f"- {line}" for line in diff.translation_lines] + [""]
    out += _pages(diff)
    return "\n".join(out).rstrip() + "\n"


def _pages(diff: FactDiff) -> list[str]:
    if not diff.pages:
        return []
    return ["### Pages probably affected", ""] + [f"- {path}: {why}" for path, why in diff.pages] + [""]


def _describe(kind: str, record: Any, located: bool = True) -> str:
    where = f" ({_where(record)})" if located and _where(record) else ""
    if kind == "claims":
        verdict = f" **{record.review.verdict}**" if record.review else ""
        date = f" [{record.date}]" if record.date else ""
        sources = ", ".join(f"`{c.source}`" for c in record.citations)
        return f"`{record.id}`{where}{verdict}{date}: {_show(record.text)}" + (f" — cites {sources}" if sources else "")
    if kind == "sources":
        flag = f" — flagged: {_clip(record.reliability, 80)}" if record.reliability else ""
        title = _show(record.title) if record.title else "(no title)"
        relays = f" relaying {record.relays}" if record.relays else ""
        return (f"`{record.id}`{where}: `{record.publisher}`{relays}, {title}, "
                f"{record.published or 'date unknown'}{flag}")
    if kind == "publishers":
        flag = f" — flagged: {_clip(record.reliability, 80)}" if record.reliability else ""
        return f"`{record.id}`{where}: {record.name} ({record.kind}){flag}"
    return f"`{record.id}`{where}: {record.name} ({record.kind})"


# ---- the command ------------------------------------------------------------------------------


def run(base: str, head: str | None = None, *, repo: str | Path = ".", facts_dir: str = "facts",
        docs_dir: str = "docs", on: dt.date | None = None, exact: bool = False) -> tuple[FactDiff, str]:
    """Compare the facts at ``base`` (or its merge base with head) and ``head`` (None: working tree)."""
    root = repo_root(repo)
    from . import today

    on = on or today()
    head_commit = resolve(root, head) if head is not None else None
    base_commit = resolve(root, base)
    base_label = base
    if not exact:
        fork = merge_base(root, base_commit, head_commit or "HEAD")
        if fork and fork != base_commit:
            base_commit, base_label = fork, f"merge base of {base} ({fork[:10]})"
    old, old_problems = load_revision(root, base_commit, facts_dir, on)
    new, new_problems = load_revision(root, head_commit, facts_dir, on)
    diff = compare(old, new, old_problems, new_problems)
    any_change = any(diff.added.values()) or any(diff.removed.values()) or any(diff.changed.values())
    diff.pages = affected_pages(root / docs_dir, touched_ids(diff, old, new), any_change)
    head_label = head if head is not None else "working tree"
    return diff, render(diff, base_label, head_label)
