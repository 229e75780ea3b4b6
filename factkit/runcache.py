"""The run cache of ``factkit check``: when nothing it depends on changed, the last result, at once.

A check's result is a function of: the engine's code (every ``factkit/*.py`` module) and the
versions of Python, pydantic and PyYAML; the date it is checked on and ``--strict``; the folder
and the working directory (paths are shown relative to it); and, for every fact file in the order
the loader reads them, what it is (a file, a link and where it leads, a folder) and the SHA-256 of
its bytes. The run key hashes all of these, computed *before* the check reads anything, so a file
saved during a check can only cause a miss next time, never a stale answer.

A hit prints the stored problems without importing the model (pydantic) or reading a record:
about 0.1 s at 10,000 claims. The result is kept next to the per-file cache, as JSON signed with
the same local key (factkit.signing): a result planted in a repository or pull request is ignored.
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import json
import os
import sys
from pathlib import Path

from .files import digest as file_digest
from .files import fact_files
from .problems import Problem
from .signing import secret, sign, verified, write_atomic

_FILE = "last-check.json"
_MAGIC = b"factkit-run-1\n"
_PACKAGES = (("pydantic", "pydantic"), ("pydantic_core", "pydantic_core"), ("yaml", "pyyaml"))  # module, dist


def _installed(module: str, dist: str) -> str:
    """The installed distribution of a module as its dist-info folder name (e.g. 'PyYAML-6.0.3.dist-info'),
    found without importing the module or importlib.metadata (both cost more than the whole cache hit)."""
    from importlib.util import find_spec

    spec = find_spec(module)
    if spec is None or not spec.origin:
        return f"{module}=?"
    site = Path(spec.origin).parent.parent
    try:
        return ",".join(sorted(name for name in os.listdir(site)
                               if name.endswith(".dist-info") and name.lower().startswith(dist + "-")))
    except OSError:
        return f"{module}@{spec.origin}"


@functools.cache
def engine_digest() -> str:
    """A hash of the engine's code and of the versions its results depend on (the key of every
    cached result: the per-file cache's and the run cache's)."""
    digest = hashlib.sha256(sys.version.encode())
    for module, dist in _PACKAGES:
        digest.update(f"|{_installed(module, dist)}".encode())
    here = Path(__file__).parent
    for path in sorted(here.glob("*.py")):
        digest.update(path.name.encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


def run_key(root: Path, on: dt.date, strict: bool) -> str:
    """The key of a check of ``root`` (shown relative to the working directory) on a day."""
    digest = hashlib.sha256(f"{engine_digest()}|{on.isoformat()}|{strict}|{Path.cwd()}|{root}".encode())
    if not root.is_dir():
        digest.update(b"|no folder")
        return digest.hexdigest()
    for path in fact_files(root):
        kind = "link" if path.is_symlink() else "file" if path.is_file() else "dir" if path.is_dir() else "other"
        digest.update(f"|{path}|{kind}|{os.path.realpath(path) if kind == 'link' else ''}|".encode())
        if path.is_file():
            try:
                digest.update(file_digest(path).encode())
            except OSError as exc:
                digest.update(f"unreadable {exc.errno}".encode())
    return digest.hexdigest()


def load(cache_dir: Path, key: str) -> tuple[list[Problem], tuple[int, int, int]] | None:
    """(problems, (claims, sources, entities)) of the last check if its key is ``key``; else None."""
    key_bytes = secret()
    if key_bytes is None:
        return None
    try:
        blob = (cache_dir / _FILE).read_bytes()
    except OSError:
        return None
    body = verified(key_bytes, _MAGIC, blob)
    if body is None:
        return None  # not written by this user's factkit: ignored
    try:
        data = json.loads(body)
        if data["key"] != key:
            return None
        problems = [Problem(str(p), int(line), str(code), str(msg), str(sev))
                    for p, line, code, msg, sev in data["problems"]]
        claims, sources, entities = (int(n) for n in data["counts"])
    except (ValueError, KeyError, TypeError):
        return None
    return problems, (claims, sources, entities)


def save(cache_dir: Path, key: str, problems: list[Problem], counts: tuple[int, int, int]) -> None:
    """Keep this check's result under its key (replacing the previous one)."""
    key_bytes = secret()
    if key_bytes is None:
        return
    body = json.dumps({"key": key, "counts": list(counts),
                       "problems": [[p.path, p.line, p.code, p.message, p.severity] for p in problems]},
                      ensure_ascii=False).encode()
    write_atomic(cache_dir / _FILE, sign(key_bytes, _MAGIC, body))
