"""Loading with a per-file cache and parallel reading: only changed fact files are read again.

A fact file's result (its validated records, in order, and its own problems) depends only on
its bytes, its displayed path and the engine code. So it is kept in ``.factkit-cache/``, keyed by
the SHA-256 of the bytes and the path, in one file stamped with the engine version
(``runcache.engine_digest``: the engine's code and the Python, pydantic and PyYAML versions): any
change to either reads the file again. The records are then added to the fact base in file order exactly as a plain load
does, so duplicate ids across files are reported the same way, and every check still runs on the
whole fact base: the cache holds no cross-file result.

Safety: the cache is a pickle, and unpickling runs code. It is therefore signed with HMAC-SHA256
under a random key kept outside the project (``$XDG_CACHE_HOME/factkit/key``, mode 0600) and is
read only when the signature matches: a ``.factkit-cache`` planted in a repository or pull
request is ignored, never unpickled. Anything unexpected (unreadable, corrupt, wrong version)
means a plain load; the cache can never change what ``check`` reports, only how fast.

Files that must be read are read in parallel worker processes (fork) when there are several
and enough bytes to pay for the workers; the workers return the pickles the cache stores anyway.
"""

from __future__ import annotations

import datetime as dt
import gc
import hashlib
import os
import pickle
import sys
from collections.abc import Callable
from pathlib import Path

from .files import CACHE_DIR as CACHE_DIR  # re-exported: macros/ and the CLI name it here
from .files import digest as file_digest
from .gcpause import paused_gc
from .loader import load, load_file
from .problems import Problem
from .runcache import engine_digest
from .signing import secret, sign, verified, write_atomic
from .store import FactBase

_FILE = "facts.pickle"
_MAGIC = b"factkit-cache-1\n"
PARALLEL_MIN_BYTES = 256 * 1024  # below this, starting workers costs more than it saves


class _Recorder(FactBase):
    """Stands in for the fact base while one file loads: remembers what the file adds, in order."""

    def __init__(self) -> None:
        super().__init__()
        self.ops: list[tuple[str | None, object]] = []

    def add(self, kind, record, problems) -> None:
        self.ops.append((kind, record))

    def add_review(self, review, problems) -> None:
        self.ops.append((None, review))


_BASE_ATTRS = frozenset(_Recorder().__dict__)


FileResult = tuple[list[tuple[str | None, object]], dict, list[Problem]]  # (records in order, extra state, problems)


def load_result(path: Path, display: str) -> FileResult:
    """Load one file on its own: what it adds to a fact base, in order, and its own problems."""
    recorder = _Recorder()
    problems: list[Problem] = []
    load_file(path, display, recorder, problems)
    extra = {k: v for k, v in recorder.__dict__.items() if k not in _BASE_ATTRS}
    return recorder.ops, extra, problems


def load_one(path: Path, display: str) -> bytes:
    """``load_result`` pickled (what the cache stores and the workers send back)."""
    return pickle.dumps(load_result(path, display), protocol=pickle.HIGHEST_PROTOCOL)


def _load_one_job(args: tuple[str, str]) -> bytes:
    gc.disable()
    return load_one(Path(args[0]), args[1])


def apply_result(result: FileResult, facts: FactBase, problems: list[Problem]) -> None:
    """Add one file's load result to a fact base exactly as loading the file there would."""
    ops, extra, found = result
    problems.extend(found)
    for kind, record in ops:
        if kind is None:
            facts.add_review(record, problems)
        else:
            facts.add(kind, record, problems)
    for name, value in extra.items():  # e.g. the ids of records that failed validation
        mine = facts.__dict__.get(name)
        if mine is None:  # a copy: the same result may be applied to many fact bases (watch mode)
            facts.__dict__[name] = value.copy() if isinstance(value, (set, dict, list)) else value
        elif isinstance(mine, (set, dict)):
            mine.update(value)
        elif isinstance(mine, list):
            mine.extend(value)


class FileCache:
    """The signed cache file: {display path: (sha256 of the bytes, pickled load result)}, and the
    claim rules' results per file (see ClaimMemo)."""

    def __init__(self, directory: Path) -> None:
        self.path = directory / _FILE
        self.secret = secret()
        self.engine = engine_digest()
        self.entries: dict[str, tuple[str, bytes]] = {}
        self.claim_checks: dict[str, tuple[str, str, tuple[str, ...], list[Problem]]] = {}
        self.dirty = False

    def read(self) -> None:
        if self.secret is None:
            return
        try:
            with open(self.path, "rb") as fh:
                blob = fh.read()
        except OSError:
            return
        body = verified(self.secret, _MAGIC, blob)
        if body is None:
            return  # not written by us (or by us under another key): never unpickled
        try:
            engine, entries, claim_checks = pickle.loads(body)
        except Exception:  # a damaged (or older) cache is a cache miss
            return
        if engine == self.engine and isinstance(entries, dict) and isinstance(claim_checks, dict):
            self.entries, self.claim_checks = entries, claim_checks

    def write(self) -> None:
        if self.secret is None or not self.dirty:
            return
        body = pickle.dumps((self.engine, self.entries, self.claim_checks), protocol=pickle.HIGHEST_PROTOCOL)
        write_atomic(self.path, sign(self.secret, _MAGIC, body))


def _digest(path: Path) -> str | None:
    try:
        return file_digest(path)
    except OSError:
        return None


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0


def _workers(jobs: int | None, files: list[tuple[Path, str]], meanwhile: bool) -> int:
    """Worker processes to start for reading ``files`` (0: read them all here). This process reads a
    share itself, unless it has other work meanwhile (unpickling cached files), when one big file
    is already worth a worker."""
    if jobs is None:
        jobs = os.cpu_count() or 1
    if jobs <= 1 or not files or sys.platform == "win32":
        return 0
    if sum(_size(p) for p, _ in files) < PARALLEL_MIN_BYTES:
        return 0
    return min(jobs, len(files)) if meanwhile else min(jobs, len(files)) - 1


def _start_reading(files: list[tuple[Path, str]], jobs: int | None,
                   meanwhile: bool) -> Callable[[], list[tuple[bytes | None, FileResult | None]]]:
    """Start loading ``files``; the returned function waits and gives (pickle, result) per file,
    in order: worker processes send pickles, a load in this process gives the result itself."""
    workers = _workers(jobs, files, meanwhile)

    def here(indexes: list[int]) -> dict[int, tuple[bytes | None, FileResult | None]]:
        return {i: (None, load_result(*files[i])) for i in indexes}

    if not workers:
        return lambda: list(here(list(range(len(files)))).values())
    # share the bytes out, largest file first, to whoever has the least so far (lane 0: this process)
    lanes: list[list[int]] = [[] for _ in range(workers + (0 if meanwhile else 1))]
    loads = [0] * len(lanes)
    for i in sorted(range(len(files)), key=lambda i: -_size(files[i][0])):
        lane = loads.index(min(loads))
        lanes[lane].append(i)
        loads[lane] += _size(files[i][0])
    mine = [] if meanwhile else lanes.pop(0)
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    try:
        pool = ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("fork"))
        futures = {i: pool.submit(_load_one_job, (str(files[i][0]), files[i][1])) for lane in lanes for i in lane}
    except Exception:  # e.g. no fork or no semaphores here: read them in this process
        return lambda: list(here(list(range(len(files)))).values())

    def gather() -> list[tuple[bytes | None, FileResult | None]]:
        try:
            done = here(mine)  # this process's share, while the workers read theirs
            done.update({i: (future.result(), None) for i, future in futures.items()})
        except Exception:  # a worker died (e.g. out of memory): read the rest here instead
            done = here(list(range(len(files))))
        finally:
            pool.shutdown(cancel_futures=True)
        return [done[i] for i in range(len(files))]

    return gather


class _Loaded:
    """What a cached load knows beyond the fact base: the cache, and each file's trusted digest."""

    def __init__(self, cache: FileCache | None) -> None:
        self.cache = cache
        self.digests: dict[str, str] = {}  # display -> sha256 of the bytes its records came from
        self.context_files: list[str] = []  # files holding anything but claims (sources, entities, review)


def _load(root: str | Path, base_dir: str | Path | None, cache_dir: str | Path | None,
          jobs: int | None) -> tuple[FactBase, list[Problem], _Loaded]:
    files: list[tuple[Path, str]] = []

    def plan(path: Path, display: str, facts: FactBase, problems: list[Problem]) -> None:
        files.append((path, display))

    facts, problems = load(root, base_dir=base_dir, file_loader=plan)
    cache = FileCache(Path(cache_dir)) if cache_dir is not None else None
    state = _Loaded(cache)
    with paused_gc():
        payloads: list[bytes | None] = [None] * len(files)
        keys: list[str | None] = [None] * len(files)
        if cache is not None:
            cache.read()
            for i, (path, display) in enumerate(files):
                keys[i] = _digest(path)
                hit = cache.entries.get(display)
                if hit is not None and keys[i] is not None and hit[0] == keys[i]:
                    payloads[i] = hit[1]
                    state.digests[display] = keys[i]
        missing = [i for i, p in enumerate(payloads) if p is None]
        # a worker for even one file pays when this process has as much unpickling to do meanwhile
        cached_bytes = sum(len(p) for p in payloads if p is not None)
        missing_bytes = sum(_size(files[i][0]) for i in missing)
        finish = _start_reading([files[i] for i in missing], jobs, meanwhile=cached_bytes >= missing_bytes)
        results: list[FileResult | None] = [None] * len(files)
        for i, payload in enumerate(payloads):  # while the workers read the others
            if payload is not None:
                results[i] = pickle.loads(payload)
        for i, (payload, result) in zip(missing, finish(), strict=True):
            if result is None:
                result = pickle.loads(payload)
            results[i] = result
            # kept only when the file did not change while it was read
            if cache is not None and keys[i] is not None and _digest(files[i][0]) == keys[i]:
                if payload is None:
                    payload = pickle.dumps(result, protocol=pickle.HIGHEST_PROTOCOL)
                cache.entries[files[i][1]] = (keys[i], payload)
                state.digests[files[i][1]] = keys[i]
                cache.dirty = True
        for (_, display), result in zip(files, results, strict=True):
            apply_result(result, facts, problems)
            if any(kind != "claims" for kind, _ in result[0]):
                state.context_files.append(display)
        if cache is not None:
            current = {display for _, display in files}
            for table in (cache.entries, cache.claim_checks):
                for gone in [d for d in table if d not in current]:
                    del table[gone]
                    cache.dirty = True
    return facts, problems, state


class ClaimMemo:
    """The claim rules' problems per claims file, reused while nothing they read has changed.

    The rules for a claim read the claim itself and, across files: the sources (ids, excerpts,
    dates, flags), the ids of entities and claims, the ids of records dropped as invalid, the
    review, and today. A file's entry is therefore valid only for the same bytes of that file,
    the same claims taken from it (a duplicate id elsewhere can take one away), and the same
    context: a hash of today, the bytes of every file that holds anything but claims, and the
    sorted ids of all claims and dropped records. Editing a claim's text re-checks its file only;
    editing a source, an entity or the review, or adding or removing a claim, re-checks them all.
    """

    def __init__(self, state: _Loaded, facts: FactBase, on: dt.date) -> None:
        self.state = state
        digest = hashlib.sha256(on.isoformat().encode())
        for display in state.context_files:
            digest.update(f"|{display}={state.digests.get(display, 'untrusted')}".encode())
        digest.update(b"|claims:" + "\0".join(sorted(facts.claims)).encode())
        digest.update(b"|dropped:" + "\0".join(sorted(getattr(facts, "dropped_ids", ()))).encode())
        trusted = all(display in state.digests for display in state.context_files)
        self.context = digest.hexdigest() if trusted else None

    def get(self, path: str, ids: tuple[str, ...]) -> list[Problem] | None:
        entry = self.state.cache.claim_checks.get(path) if self.state.cache else None
        digest = self.state.digests.get(path)
        if entry is None or digest is None or self.context is None:
            return None
        if entry[0] == digest and entry[1] == self.context and entry[2] == ids:
            return list(entry[3])
        return None

    def put(self, path: str, ids: tuple[str, ...], problems: list[Problem]) -> None:
        digest = self.state.digests.get(path)
        if self.state.cache is None or digest is None or self.context is None:
            return
        self.state.cache.claim_checks[path] = (digest, self.context, ids, list(problems))
        self.state.cache.dirty = True


def check_cached(root: str | Path, *, base_dir: str | Path | None, cache_dir: str | Path | None,
                 jobs: int | None, on: dt.date) -> tuple[FactBase, list[Problem]]:
    """Like ``loader.load`` and every check, reading only files whose bytes changed since the last run;
    the claim rules of unchanged files are reused (see ClaimMemo).

    ``cache_dir`` None means no cache (every file is read; ``jobs`` still applies). ``jobs``:
    worker processes for the files to read (None: one per core).
    """
    from .checks import run_checks

    facts, problems, state = _load(root, base_dir, cache_dir, jobs)
    memo = ClaimMemo(state, facts, on) if state.cache is not None else None
    problems += run_checks(facts, on, memo)
    if state.cache is not None:
        state.cache.write()
    return facts, problems
