"""``factkit check --watch``: each round reports what a fresh ``check`` reports, re-reading only changed files."""

from __future__ import annotations

import datetime as dt
import io
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import factkit
from factkit import cache
from factkit.watch import Watcher, watch

REPO = Path(__file__).resolve().parent.parent
WATER = REPO / "tests" / "fixtures" / "sites" / "water"
TODAY = dt.date(2026, 11, 27)


def _site(tmp_path: Path) -> Path:
    root = tmp_path / "site"
    shutil.copytree(WATER / "facts", root / "facts")
    return root


def _plain(root: Path):
    return factkit.check(root / "facts", base_dir=root, on=TODAY)


def _same(round_, plain) -> None:
    facts, problems = plain
    assert round_.problems == problems
    assert list(round_.facts._ids) == list(facts._ids)
    assert [r.model_dump() for r in round_.facts.claims.values()] == [r.model_dump() for r in facts.claims.values()]


def test_rounds_match_a_fresh_check_and_reread_only_changed_files(tmp_path, monkeypatch):
    root = _site(tmp_path)
    monkeypatch.chdir(root)
    watcher = Watcher(root / "facts", base_dir=root, today=lambda: TODAY)
    first = watcher.check()
    files = sorted(p.relative_to(root).as_posix() for p in (root / "facts").glob("*.yml"))
    assert sorted(first.reread) == files
    _same(first, _plain(root))
    assert factkit.errors(first.problems) == []

    again = watcher.check()
    assert again.reread == [] and again.problems == first.problems

    claims = root / "facts" / "claims.yml"
    text = claims.read_text(encoding="utf-8")
    claims.write_text(text.replace("source: utility-report", "source: utility-reprot", 1), encoding="utf-8")
    edited = watcher.check()
    assert edited.reread == ["facts/claims.yml"]
    _same(edited, _plain(root))
    found = {p.code: p for p in factkit.errors(edited.problems)}
    assert set(found) == {"unknown-source", "accurate-unsupported"}  # its only strong source is gone
    problem = found["unknown-source"]
    assert problem.path == "facts/claims.yml"
    assert problem.line == text[: text.index("source: utility-report")].count("\n") + 1
    assert "utility-report" in problem.message  # the 'did you mean'

    claims.write_text(text, encoding="utf-8")  # fixed: back to clean, still one file read
    fixed = watcher.check()
    assert fixed.reread == ["facts/claims.yml"] and factkit.errors(fixed.problems) == []


def test_cross_file_duplicates_and_removed_files(tmp_path, monkeypatch):
    root = _site(tmp_path)
    monkeypatch.chdir(root)
    watcher = Watcher(root / "facts", base_dir=root, today=lambda: TODAY)
    watcher.check()
    copy = root / "facts" / "zz-copy.yml"
    shutil.copy(root / "facts" / "claims.yml", copy)
    dup = watcher.check()
    assert dup.reread == ["facts/zz-copy.yml"]
    _same(dup, _plain(root))
    assert {p.code for p in factkit.errors(dup.problems)} == {"duplicate-id"}
    assert all(p.path == "facts/zz-copy.yml" for p in factkit.errors(dup.problems))
    copy.unlink()
    gone = watcher.check()
    assert gone.reread == [] and "facts/zz-copy.yml" not in watcher.kept
    _same(gone, _plain(root))
    assert factkit.errors(gone.problems) == []


def test_watch_loop_prints_a_report_after_each_save(tmp_path, monkeypatch):
    root = _site(tmp_path)
    monkeypatch.chdir(root)
    claims = root / "facts" / "claims.yml"
    saves = iter([lambda: claims.write_text(claims.read_text(encoding="utf-8").replace(
        "checked: 2026-11-20", "checked: 2026-13-20", 1), encoding="utf-8")])

    def sleep(_: float) -> None:  # the first pause is where an editor saves a mistake
        next(saves, lambda: None)()
        os.utime(claims, ns=(time.time_ns(), time.time_ns() + 10**9))

    out = io.StringIO()
    assert watch("facts", today=lambda: TODAY, out=out, sleep=sleep, rounds=2) == 0
    text = out.getvalue()
    first, second = text.split("── ")[1:]
    assert "0 errors" in first and "claims," in first and "read 4 of 4 files" in first
    assert "read 1 of 4 files" in second
    assert "facts/claims.yml:" in second and "[bad-date]" in second and "1 error" in second


def test_cli_watch_stops_cleanly_on_ctrl_c(tmp_path):
    root = _site(tmp_path)
    env = {**os.environ, "PYTHONPATH": str(REPO), "FACTKIT_TODAY": TODAY.isoformat()}
    # a job started in the background by a non-interactive shell inherits SIGINT ignored (as under some
    # CI runners); a terminal's Ctrl-C is what this test stands for, so the child gets the default back
    proc = subprocess.Popen([sys.executable, "-m", "factkit", "check", "--watch", "--interval", "0.1"], cwd=root,
                            env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
    try:
        line = proc.stdout.readline()
        deadline = time.monotonic() + 30
        while "watching" not in line and time.monotonic() < deadline:
            line = proc.stdout.readline()
        proc.send_signal(signal.SIGINT)
        out, err = proc.communicate(timeout=30)
    finally:
        proc.kill()
    assert proc.returncode == 0
    assert "stopped watching" in out and "Traceback" not in err + out
    assert cache.CACHE_DIR not in os.listdir(root)  # watching keeps results in memory only
