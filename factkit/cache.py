"""What ``factkit check`` keeps between runs: data, never code (JSON in ``.factkit-cache/``).

Two results are kept, each under a key of everything it depends on, so the cache can only make a
check faster, never change what it reports:

* the last check's report, under the *run key*: the engine (its code, Python's, pydantic's and
  PyYAML's versions), the day, ``--strict``, the working directory, and every fact file's kind and
  bytes. A hit prints the report without importing the model (about 0.1 s at 10,000 claims).
* each fact file's read YAML tree (values and their line numbers, as JSON), under the SHA-256 of
  its bytes: after an edit only the saved file is parsed again; every record is still validated
  and every rule still runs over the whole fact base.

The folder sits next to the facts folder and ignores itself in git (a ``.gitignore`` of ``*``, as
ruff's and mypy's caches do). It holds plain JSON: a file planted in a repository can at worst
describe wrong YAML trees, which are validated like any fact file, or a stale report, which no key
but a check of the same bytes on the same day can reach.
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import json
import os
import sys
from pathlib import Path
from typing import Any

from .files import digest, fact_files, read_capped
from .problems import Problem

CACHE_DIR = ".factkit-cache"
_RUN, _TREES = "last-check.json", "trees.json"
_PACKAGES = ("pydantic", "pydantic_core", "yaml")


@functools.cache
def engine_digest() -> str:
    """A hash of the engine's code and of the versions of what its results depend on."""
    from importlib.util import find_spec

    parts = [sys.version]
    for module in _PACKAGES:  # the installed version, read off its folder without importing it
        spec = find_spec(module)
        origin = Path(spec.origin) if spec and spec.origin else None
        site = origin.parent.parent if origin else None
        names = sorted(n for n in os.listdir(site) if n.endswith(".dist-info")) if site and site.is_dir() else []
        parts.append(",".join(n for n in names if n.lower().startswith(module.split("_")[0])) or str(origin))
    here = Path(__file__).parent
    code = hashlib.sha256("|".join(parts).encode())
    for path in sorted(here.rglob("*.py")):
        code.update(path.relative_to(here).as_posix().encode() + b"\0" + path.read_bytes())
    return code.hexdigest()


def run_key(root: Path, on: dt.date, strict: bool) -> str:
    """The key of a check of ``root`` on a day, computed before anything is read."""
    key = hashlib.sha256(f"{engine_digest()}|{on.isoformat()}|{strict}|{Path.cwd()}|{root}".encode())
    for path in fact_files(root) if root.is_dir() else []:
        kind = "link" if path.is_symlink() else "file" if path.is_file() else "other"
        key.update(f"|{path}|{kind}|{os.path.realpath(path) if kind == 'link' else ''}|".encode())
        try:
            key.update(digest(path).encode() if kind != "other" else b"")
        except OSError as exc:
            key.update(f"unreadable {exc.errno}".encode())
    return key.hexdigest()


def _read_json(path: Path) -> Any:
    try:
        return json.loads(path.read_bytes())
    except (OSError, ValueError):
        return None


def _write_json(folder: Path, name: str, data: object) -> None:
    """Write atomically (a check running meanwhile sees the old file or the new one); never fail a check."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
        ignore = folder / ".gitignore"
        if not ignore.exists():
            ignore.write_text("# written by factkit: a cache, never committed\n*\n", encoding="utf-8")
        part = folder / f"{name}.{os.getpid()}.part"
        part.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
        os.replace(part, folder / name)
    except OSError:
        pass


def _problems(rows: list[list[Any]]) -> list[Problem]:
    return [Problem(str(p), int(line), str(code), str(msg), str(sev)) for p, line, code, msg, sev in rows]


def _rows(problems: list[Problem]) -> list[list[Any]]:
    return [[p.path, p.line, p.code, p.message, p.severity] for p in problems]


def load_run(folder: Path, key: str) -> tuple[list[Problem], tuple[int, int, int]] | None:
    """(problems, (claims, sources, entities)) of the last check when its key is ``key``."""
    data = _read_json(folder / _RUN)
    try:
        if data["key"] != key:
            return None
        claims, sources, entities = (int(n) for n in data["counts"])
        return _problems(data["problems"]), (claims, sources, entities)
    except (TypeError, KeyError, ValueError):
        return None


def save_run(folder: Path, key: str, problems: list[Problem], counts: tuple[int, int, int]) -> None:
    _write_json(folder, _RUN, {"key": key, "counts": list(counts), "problems": _rows(problems)})


# ---- read YAML trees ---------------------------------------------------------------------
# An LMap is written as {NUL: [line, key lines...], key: value...}, an LList as [NUL, line, [item lines], items...]
# (a fact file cannot hold a NUL byte, so no key of its own collides).
_MARK = "\x00"


def _encode(value: Any) -> Any:
    from .yamlsafe import LList, LMap

    if isinstance(value, LMap):
        out = {_MARK: [value.line, *value.key_lines.values()]}
        out.update((k, _encode(v)) for k, v in value.items())
        return out
    if isinstance(value, LList):
        return [_MARK, value.line, value.item_lines, *(_encode(v) for v in value)]
    return value


def _decode(value: Any, file: str) -> Any:
    from .yamlsafe import LList, LMap

    if isinstance(value, dict):
        lines = value.pop(_MARK)
        node = LMap(file, lines[0])
        node.key_lines = dict(zip(value, lines[1:], strict=True))
        for k, v in value.items():
            node[k] = _decode(v, file)
        return node
    if isinstance(value, list):
        items = LList(file, value[1])
        items.item_lines = value[2]
        items.extend(_decode(v, file) for v in value[3:])
        return items
    return value


class TreeCache:
    """Each fact file's read YAML tree by the SHA-256 of its bytes; ``read`` is a loader.FileReader."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        data = _read_json(folder / _TREES)
        ok = isinstance(data, dict) and data.get("engine") == engine_digest() and isinstance(data.get("files"), dict)
        self.kept: dict[str, list[Any]] = data["files"] if ok else {}  # display -> [sha256, tree, problems]
        self.seen: set[str] = set()
        self.changed = not ok

    def read(self, path: Path, display: str) -> Any:
        from .loader import FileResult, read_file, records_of
        from .yamlsafe import read_yaml

        self.seen.add(display)
        try:
            sha = digest(path)
        except OSError:
            return read_file(path, display)
        kept = self.kept.get(display)
        if kept is not None and kept[0] == sha:
            tree, problems = _decode(kept[1], display), _problems(kept[2])
        else:
            tree, problems = read_yaml(display, read_capped(path))
            if tree is None and problems:  # unreadable: read it again next time, with the usual report
                return read_file(path, display)
            self.kept[display] = [sha, _encode(tree), _rows(problems)]
            self.changed = True
        result = FileResult(problems=list(problems))
        records_of(tree, display, result)
        return result

    def save(self) -> None:
        for gone in set(self.kept) - self.seen:
            del self.kept[gone]
            self.changed = True
        if self.changed:
            _write_json(self.folder, _TREES, {"engine": engine_digest(), "files": self.kept})
