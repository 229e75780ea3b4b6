"""The per-file fact cache and parallel loading never change what ``check`` reports."""

from __future__ import annotations

import datetime as dt
import pickle
import shutil
from pathlib import Path

import pytest

import factkit
from factkit import cache

REPO = Path(__file__).resolve().parent.parent
TODAY = dt.date(2026, 11, 27)


@pytest.fixture(autouse=True)
def _own_key(tmp_path_factory, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path_factory.mktemp("xdg")))


def _summary(facts, problems):
    records = {rid: (kind, rec.model_dump(mode="json"), rec.where) for rid, (kind, rec) in facts._ids.items()}
    review = facts.review.model_dump(mode="json") if facts.review else None
    return records, list(facts._ids), review, problems


def _copy_facts(tmp_path: Path) -> Path:
    root = tmp_path / "site"
    shutil.copytree(REPO / "facts", root / "facts")
    return root


def test_cold_warm_parallel_equal_plain(tmp_path, monkeypatch):
    root = _copy_facts(tmp_path)
    plain = _summary(*factkit.check(root / "facts", base_dir=root, on=TODAY))
    cold = _summary(*factkit.check(root / "facts", base_dir=root, on=TODAY, cache_dir=root / ".factkit-cache"))
    assert (root / ".factkit-cache" / "facts.pickle").is_file()
    warm = _summary(*factkit.check(root / "facts", base_dir=root, on=TODAY, cache_dir=root / ".factkit-cache"))
    monkeypatch.setattr(cache, "PARALLEL_MIN_BYTES", 0)
    parallel = _summary(*factkit.check(root / "facts", base_dir=root, on=TODAY, jobs=2))
    assert plain == cold == warm == parallel
    assert plain[0]  # the real facts are there


def test_only_changed_files_are_read_again(tmp_path, monkeypatch):
    root = _copy_facts(tmp_path)
    cache_dir = root / ".factkit-cache"
    factkit.check(root / "facts", base_dir=root, on=TODAY, cache_dir=cache_dir)
    read: list[str] = []
    real = cache.load_result
    monkeypatch.setattr(cache, "load_result", lambda path, display: read.append(display) or real(path, display))
    factkit.check(root / "facts", base_dir=root, on=TODAY, cache_dir=cache_dir)
    assert read == []
    target = root / "facts" / "entities.yml"
    target.write_text(target.read_text(encoding="utf-8").replace("description:", "description:  ", 1),
                      encoding="utf-8")
    facts, problems = factkit.check(root / "facts", base_dir=root, on=TODAY, cache_dir=cache_dir)
    assert read == ["facts/entities.yml"]
    assert _summary(facts, problems) == _summary(*factkit.check(root / "facts", base_dir=root, on=TODAY))


def test_problems_and_cross_file_duplicates_survive_the_cache(tmp_path):
    facts_dir = tmp_path / "facts"
    facts_dir.mkdir()
    claim = ("  - id: {id}\n    text: A claim.\n    citations: [{{source: s1}}]\n    checked: 2026-01-01\n")
    (facts_dir / "a.yml").write_text(
        "sources:\n  - id: s1\n    title: null\n    publisher: P\n    url: https://example.org/\n"
        "    published: 2025-01-01\n    accessed: 2026-01-01\n    language: en\n    kind: news\n"
        "claims:\n" + claim.format(id="c1") + claim.format(id="c1") + "  - id: Bad Id\n    text: x\n")
    (facts_dir / "b.yml").write_text("claims:\n" + claim.format(id="c1") + "  - id: c2\n    txt: typo\n")
    (facts_dir / "c.yml").write_text("claims: [unclosed\n")
    plain = _summary(*factkit.check(facts_dir, base_dir=tmp_path, on=TODAY))
    codes = sorted(p.code for p in plain[3])
    assert codes.count("duplicate-id") == 2 and "unknown-field" in codes and "yaml-syntax" in codes
    for _ in range(2):  # cold, then warm
        assert _summary(*factkit.check(facts_dir, base_dir=tmp_path, on=TODAY,
                                       cache_dir=tmp_path / ".factkit-cache")) == plain


class _Planted:
    ran = False

    def __reduce__(self):
        return (_mark_ran, ())


def _mark_ran():
    _Planted.ran = True
    return {}


def test_a_cache_not_signed_by_us_is_never_unpickled(tmp_path):
    root = _copy_facts(tmp_path)
    cache_dir = root / ".factkit-cache"
    cache_dir.mkdir()
    body = pickle.dumps((cache.engine_version(), _Planted()))
    (cache_dir / "facts.pickle").write_bytes(cache._MAGIC + b"\0" * 32 + body)
    got = _summary(*factkit.check(root / "facts", base_dir=root, on=TODAY, cache_dir=cache_dir))
    assert not _Planted.ran
    assert got == _summary(*factkit.check(root / "facts", base_dir=root, on=TODAY))
    # rewritten with our own signature
    assert (cache_dir / "facts.pickle").read_bytes()[len(cache._MAGIC):][:32] != b"\0" * 32


def test_damaged_or_foreign_cache_is_a_miss(tmp_path):
    root = _copy_facts(tmp_path)
    cache_dir = root / ".factkit-cache"
    factkit.check(root / "facts", base_dir=root, on=TODAY, cache_dir=cache_dir)
    blob = (cache_dir / "facts.pickle").read_bytes()
    (cache_dir / "facts.pickle").write_bytes(blob[:-100])
    got = _summary(*factkit.check(root / "facts", base_dir=root, on=TODAY, cache_dir=cache_dir))
    assert got == _summary(*factkit.check(root / "facts", base_dir=root, on=TODAY))


def test_cli_no_cache_flag(tmp_path, monkeypatch, capsys):
    from factkit.cli import main

    root = _copy_facts(tmp_path)
    monkeypatch.chdir(root)
    assert main(["check", "--no-cache", "--today", "2026-11-27"]) == 0
    assert not (root / ".factkit-cache").exists()
    assert main(["check", "--today", "2026-11-27", "--jobs", "1"]) == 0
    assert (root / ".factkit-cache" / "facts.pickle").is_file()
    assert "claims" in capsys.readouterr().out
