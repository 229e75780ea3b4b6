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
    body = pickle.dumps((cache.engine_digest(), _Planted()))
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


EXTRA = """claims:
  - id: extra-one
    text: "An extra claim, kept in its own file."
    citations:
      - source: utility-report
        quote: "entered service in July 2019"
    checked: 2026-11-20
  - id: extra-two
    text: "Another extra claim."
    date: 2019-07
    citations:
      - source: utility-report
    checked: 2026-11-20
"""


def test_claim_rule_results_are_reused_only_while_valid(tmp_path, monkeypatch):
    """The claim rules of an unchanged claims file are reused; any change they could see re-runs them.
    After every step the cached check reports exactly what a plain check reports."""
    from factkit import checks

    root = tmp_path / "site"
    shutil.copytree(REPO / "tests" / "fixtures" / "sites" / "water" / "facts", root / "facts")
    (root / "facts" / "more.yml").write_text(EXTRA, encoding="utf-8")
    cache_dir = root / ".factkit-cache"
    checked: list[str] = []
    real = checks.Checker.check_claim
    monkeypatch.setattr(checks.Checker, "check_claim",
                        lambda self, claim: checked.append(claim.id) or real(self, claim))
    n_main = len(factkit.check(root / "facts", base_dir=root, on=TODAY)[0].claims) - 2

    def step(on=TODAY) -> tuple[list[str], list]:
        checked.clear()
        plain = _summary(*factkit.check(root / "facts", base_dir=root, on=on))
        checked.clear()
        cached = _summary(*factkit.check(root / "facts", base_dir=root, on=on, cache_dir=cache_dir))
        assert cached == plain
        return sorted(checked), cached[3]

    def edit(name: str, old: str, new: str) -> None:
        path = root / "facts" / name
        text = path.read_text(encoding="utf-8")
        assert old in text
        path.write_text(text.replace(old, new, 1), encoding="utf-8")

    assert len(step()[0]) == n_main + 2  # cold: every claim
    assert step()[0] == []  # nothing changed: every file's results reused
    edit("more.yml", "kept in its own file", "kept apart")
    assert step()[0] == ["extra-one", "extra-two"]  # only the edited file
    assert len(step(TODAY + dt.timedelta(days=1))[0]) == n_main + 2  # another day: all again
    edit("sources.yml", "entered service in July 2019", "entered service in June 2019")
    ran, problems = step()
    assert len(ran) == n_main + 2 and "quote-not-found" in {p.code for p in problems}  # a source changed
    edit("sources.yml", "entered service in June 2019", "entered service in July 2019")
    step()
    edit("more.yml", "id: extra-two", "id: extra-three")  # a claim id changed: others may cite it
    assert len(step()[0]) == n_main + 2
    edit("more.yml", "id: extra-one", "id: reservoir-opened")  # now a duplicate of a claim in claims.yml
    ran, problems = step()
    assert "duplicate-id" in {p.code for p in problems} and len(ran) == n_main + 1
    (root / "facts" / "more.yml").write_text("claims: [\n", encoding="utf-8")  # unreadable: its ids dropped
    ran, problems = step()
    assert "yaml-syntax" in {p.code for p in problems} and len(ran) == n_main
