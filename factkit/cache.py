"""What ``factkit check`` keeps between runs: the last report, as JSON data (never code).

The report is kept under the *run key*, a hash of everything a check's result depends on: the
engine (its code, Python's, pydantic's and PyYAML's versions), the day, ``--strict``, the working
directory, and every fact file's path, kind and bytes. The check of the pages' prose (factkit.editorial)
is kept beside it under a key of its own (the engine and every page's path and bytes), so a check after a
fact is edited does not read the pages again. The key is computed before anything is
read, so a file saved during a check can only cause a miss next time, never a stale answer. A hit
prints the report without importing the model (about 0.05 s at 10,000 claims); a miss checks
everything (about 1.2 s at 10,000 claims). Keeping each file's parsed YAML as well was measured and
dropped: decoding it cost as much as parsing the YAML again.

The folder (``.factkit-cache/`` next to the facts folder) ignores itself in git with a
``.gitignore`` of ``*``, as ruff's and mypy's caches do. It holds plain JSON: a file planted in a
repository can at most hold a report, which only a check of the same bytes on the same day reads.
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

from .files import digest, fact_files
from .problems import Problem

CACHE_DIR = ".factkit-cache"
_RUN = "last-check.json"
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
    return _files_key(f"{on.isoformat()}|{strict}|{root}", fact_files(root) if root.is_dir() else [])


def pages_key(docs: Path) -> str:
    """The key of the check of the pages under ``docs``."""
    return _files_key(f"pages|{docs}", sorted(docs.rglob("*.md")))


def _files_key(what: str, paths: list[Path]) -> str:
    key = hashlib.sha256(f"{engine_digest()}|{Path.cwd()}|{what}".encode())
    for path in paths:
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


def load_run(folder: Path, key: str, part: str = "facts") -> tuple[list[Problem], tuple[int, int, int]] | None:
    """(problems, (claims, sources, entities)) of the last check of ``part`` ("facts" or "pages") when its key
    is ``key``."""
    data = _read_json(folder / _RUN)
    try:
        kept = data[part]
        if kept["key"] != key:
            return None
        claims, sources, entities = (int(n) for n in kept["counts"])
        return _problems(kept["problems"]), (claims, sources, entities)
    except (TypeError, KeyError, ValueError):
        return None


def save_run(folder: Path, key: str, problems: list[Problem], counts: tuple[int, int, int] = (0, 0, 0),
             part: str = "facts") -> None:
    data = _read_json(folder / _RUN)
    data = data if isinstance(data, dict) else {}
    data[part] = {"key": key, "counts": list(counts), "problems": _rows(problems)}
    _write_json(folder, _RUN, data)
