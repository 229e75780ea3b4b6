"""``factkit check --watch``: check again every time a fact file is saved.

The watcher keeps each file's validated records in memory, keyed by the SHA-256 of its bytes, so a
round re-reads only the files that changed. It then rebuilds the fact base from the kept results in
file order (duplicate ids across files are reported exactly as in a plain load) and runs every
check over the whole fact base. A round after one edit therefore costs reading that file plus the
checks: no interpreter start, no imports.
"""

from __future__ import annotations

import datetime as dt
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TextIO

from . import check
from .files import digest, fact_files
from .loader import read_file
from .problems import Problem, check_report
from .store import FactBase, FileResult

Stamp = tuple[tuple[str, int, int], ...]  # (path, size, modification time) of each fact file


@dataclass
class Round:
    """One check of the whole folder."""

    facts: FactBase
    problems: list[Problem]
    reread: list[str] = field(default_factory=list)  # displayed paths read again in this round
    seconds: float = 0.0


class Watcher:
    """Checks a facts folder again and again, re-reading only the files whose bytes changed."""

    def __init__(self, root: str | Path, *, base_dir: str | Path | None = None, strict: bool = False,
                 today: Callable[[], dt.date]) -> None:
        self.root = Path(root)
        self.base_dir = base_dir
        self.strict = strict
        self.today = today
        self.kept: dict[str, tuple[str, FileResult]] = {}  # displayed path -> (sha256, load result)
        self._reread: list[str] = []
        self._seen: set[str] = set()

    def stamp(self) -> Stamp:
        """A cheap fingerprint of the folder: each fact file's path, size and modification time."""
        if not self.root.is_dir():
            return ()
        stamps = []
        for path in fact_files(self.root):
            try:
                st = path.stat()
                stamps.append((str(path), st.st_size, st.st_mtime_ns))
            except OSError:  # a dangling link or a file removed meanwhile: the check reports it
                stamps.append((str(path), -1, -1))
        return tuple(stamps)

    def read(self, path: Path, display: str) -> FileResult:
        """A ``loader.FileReader``: the kept records of a file whose bytes did not change."""
        self._seen.add(display)
        try:
            sha = digest(path)
        except OSError:  # unreadable: the loader reports it
            return read_file(path, display)
        kept = self.kept.get(display)
        if kept is not None and kept[0] == sha:
            return kept[1]
        result = read_file(path, display)
        self._reread.append(display)
        self.kept[display] = (sha, result)
        return result

    def check(self) -> Round:
        """Load (from memory where unchanged) and check everything once."""
        start = time.perf_counter()
        self._reread, self._seen = [], set()
        facts, problems = check(self.root, base_dir=self.base_dir, on=self.today(), strict=self.strict,
                                reader=self.read)
        for gone in [d for d in self.kept if d not in self._seen]:
            del self.kept[gone]
        return Round(facts, problems, self._reread, time.perf_counter() - start)


def watch(root: str | Path, *, base_dir: str | Path | None = None, strict: bool = False,
          today: Callable[[], dt.date], interval: float = 0.5, out: TextIO | None = None,
          sleep: Callable[[float], None] = time.sleep, rounds: int | None = None) -> int:
    """Print a report now and after every change until interrupted (Ctrl-C); ``rounds`` stops sooner."""
    out = out or sys.stdout
    watcher = Watcher(root, base_dir=base_dir, strict=strict, today=today)
    last: Stamp | None = None
    done = 0
    try:
        while rounds is None or done < rounds:
            stamp = watcher.stamp()  # taken before reading: a save during the round triggers another
            if stamp != last:
                last = stamp
                result = watcher.check()
                done += 1
                files = len(watcher.kept)
                print(f"── {dt.datetime.now():%H:%M:%S} · read {len(result.reread)} of {files} "
                      f"file{'s' if files != 1 else ''} · checked in {result.seconds:.2f} s ──", file=out)
                facts = result.facts
                print(check_report(result.problems, (len(facts.claims), len(facts.sources), len(facts.entities))),
                      file=out)
                print(f"watching {root} for changes (Ctrl-C stops)", file=out, flush=True)
                if rounds is not None and done >= rounds:
                    break
            sleep(interval)
    except KeyboardInterrupt:
        print("stopped watching", file=out, flush=True)
    return 0
