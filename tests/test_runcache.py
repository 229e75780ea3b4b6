"""The run cache: an unchanged ``factkit check`` answers at once, and any change to what it depends on re-checks."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import factkit
from factkit import runcache, signing
from factkit.cli import main

REPO = Path(__file__).resolve().parent.parent
WATER = REPO / "tests" / "fixtures" / "sites" / "water"
TODAY = "2026-11-27"


@pytest.fixture(autouse=True)
def _own_key(tmp_path_factory, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path_factory.mktemp("xdg")))


@pytest.fixture
def site(tmp_path, monkeypatch) -> Path:
    root = tmp_path / "site"
    shutil.copytree(WATER / "facts", root / "facts")
    monkeypatch.chdir(root)
    return root


def _run(capsys, *extra: str) -> tuple[int, str]:
    code = main(["check", "--today", TODAY, *extra])
    return code, capsys.readouterr().out


def _count_checks(monkeypatch) -> list[int]:
    calls: list[int] = []
    real = factkit.check
    monkeypatch.setattr(factkit, "check", lambda *a, **k: calls.append(1) or real(*a, **k))
    monkeypatch.setattr("factkit.cli.check", factkit.check)
    return calls


def _break(site: Path) -> None:
    claims = site / "facts" / "claims.yml"
    claims.write_text(claims.read_text(encoding="utf-8").replace("source: utility-report", "source: nope", 1),
                      encoding="utf-8")


def test_a_hit_prints_exactly_what_a_full_check_prints(site, capsys, monkeypatch):
    calls = _count_checks(monkeypatch)
    for broken in (False, True):
        if broken:
            _break(site)
        full = _run(capsys, "--no-cache")
        miss = _run(capsys)
        before = len(calls)
        hit = _run(capsys)
        assert len(calls) == before  # answered from the run cache
        assert full == miss == hit
        assert full[0] == (1 if broken else 0)
        assert ("[unknown-source]" in full[1]) is broken and ("claims, " in full[1]) is not broken


@pytest.mark.parametrize("change", ["edit", "touch-only", "add", "remove", "link", "today", "strict", "engine"])
def test_what_invalidates_a_result(site, capsys, monkeypatch, change):
    facts = site / "facts"
    key = runcache.run_key(Path("facts"), dt.date(2026, 11, 27), False)
    assert key == runcache.run_key(Path("facts"), dt.date(2026, 11, 27), False)
    on, strict = dt.date(2026, 11, 27), False
    if change == "edit":
        _break(site)
    elif change == "touch-only":  # same bytes, new time: still a hit
        os.utime(facts / "claims.yml", ns=(1, 1))
    elif change == "add":
        (facts / "more.yml").write_text("claims: []\n", encoding="utf-8")
    elif change == "remove":
        (facts / "review.yml").unlink()
    elif change == "link":
        (facts / "review.yml").rename(site / "review.yml")
        (facts / "review.yml").symlink_to(site / "review.yml")
    elif change == "today":
        on = dt.date(2026, 11, 28)
    elif change == "strict":
        strict = True
    elif change == "engine":
        monkeypatch.setattr(runcache, "engine_digest", lambda: "another engine")
    changed = runcache.run_key(Path("facts"), on, strict)
    assert (changed == key) is (change == "touch-only")


def test_a_result_not_signed_here_is_ignored(site, capsys, monkeypatch):
    _break(site)
    key = runcache.run_key(Path("facts"), dt.date(2026, 11, 27), False)
    cache_dir = site / ".factkit-cache"
    runcache.save(cache_dir, key, [], (1, 1, 1))  # "no problems", signed with this user's key
    assert _run(capsys)[0] == 0  # trusted: it is ours
    planted = (cache_dir / "last-check.json").read_bytes()
    monkeypatch.setenv("XDG_CACHE_HOME", str(site / "other-user"))  # another key: the file is foreign
    assert signing.secret() is not None
    (cache_dir / "last-check.json").write_bytes(planted)
    code, out = _run(capsys)
    assert code == 1 and "[unknown-source]" in out


def test_damaged_result_is_a_miss(site, capsys):
    cache_dir = site / ".factkit-cache"
    first = _run(capsys)
    path = cache_dir / "last-check.json"
    blob = path.read_bytes()
    key = signing.secret()
    path.write_bytes(signing.sign(key, b"factkit-run-1\n", b"{not json"))
    assert runcache.load(cache_dir, runcache.run_key(Path("facts"), dt.date(2026, 11, 27), False)) is None
    assert _run(capsys) == first  # checked again, and the result kept again
    assert path.read_bytes() == blob
    assert runcache.load(cache_dir, runcache.run_key(Path("facts"), dt.date(2026, 11, 27), False)) is not None


def test_a_hit_does_not_import_the_model(site, tmp_path):
    env = {**os.environ, "PYTHONPATH": str(REPO), "XDG_CACHE_HOME": str(tmp_path / "xdg-sub")}
    cmd = [sys.executable, "-X", "importtime", "-m", "factkit", "check", "--today", TODAY]
    first = subprocess.run(cmd, cwd=site, env=env, capture_output=True, text=True, timeout=120)
    second = subprocess.run(cmd, cwd=site, env=env, capture_output=True, text=True, timeout=120)
    assert first.returncode == second.returncode == 0 and first.stdout == second.stdout
    assert "pydantic" in first.stderr and "factkit.model" in first.stderr
    assert "pydantic" not in second.stderr and "factkit.model" not in second.stderr
