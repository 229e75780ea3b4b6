"""Every documented rule is enforced: the format document and the checks are held to each other.

- every code FACTS_FORMAT.md marks (`[code]`) is a check code, and every check code is marked there;
- RULES.md is exactly what ``python -m factkit rules --markdown`` writes;
- ``test_rule[code]``, for each code: at least one fact set that breaks the rule (asserted to the exact
  path, line and code) and at least one near miss that must pass. The fact sets are the edits of the
  valid base set in test_checks.py, plus the whole-file and folder cases below.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import pytest
from test_checks import BASE, EDITS, NEAR_MISSES, PATH, TODAY, WHOLE_FILES, edit, expected_lines, located, run

import factkit
from factkit.checks import RULES
from factkit.cli import main
from factkit.files import MAX_FILE_BYTES
from factkit.rules import TEST, UNREACHABLE, documented_codes, markdown

REPO = Path(__file__).resolve().parent.parent
FORMAT = (REPO / "FACTS_FORMAT.md").read_text(encoding="utf-8")
REVIEW_AT = BASE.index("review:\n  article")


# ---- cases that are not one edit of the base set ----------------------------------------------


def _no_review(tmp_path: Path) -> None:
    text = BASE[:REVIEW_AT]
    assert located(run(tmp_path, {"base.yml": text})) == sorted(
        [(PATH, BASE.count("\n", 0, BASE.index("verdict: accurate")) + 1, "no-review"),
         (PATH, BASE.count("\n", 0, BASE.index("verdict: unverified")) + 1, "no-review")])


def _duplicate_review(tmp_path: Path) -> None:
    extra = "review:\n  article: the-article\n  reviewer: Other\n  published: 2026-11-01\n"
    assert located(run(tmp_path, {"base.yml": BASE, "extra.yml": extra})) == [("facts/extra.yml", 2,
                                                                                "duplicate-review")]


def _review_in_its_own_file(tmp_path: Path) -> None:  # one review, wherever it is
    assert run(tmp_path, {"base.yml": BASE[:REVIEW_AT], "review.yml": BASE[REVIEW_AT:]}, strict=True) == []


def _no_facts(tmp_path: Path) -> None:
    _, problems = factkit.check(tmp_path / "missing", base_dir=tmp_path, on=TODAY)
    assert located(problems) == [("missing", 1, "no-facts")]


def _empty_facts_folder(tmp_path: Path) -> None:
    (tmp_path / "facts").mkdir()
    assert run(tmp_path, {}, strict=True) == []


def _outside_facts(tmp_path: Path) -> None:
    (tmp_path / "secret.yml").write_text(BASE, encoding="utf-8")
    (tmp_path / "facts").mkdir()
    os.symlink(tmp_path / "secret.yml", tmp_path / "facts" / "link.yml")
    assert located(run(tmp_path, {})) == [("facts/link.yml", 1, "outside-facts")]


def _link_inside_facts(tmp_path: Path) -> None:  # a link to a file kept in a hidden folder of facts/
    store = tmp_path / "facts" / ".store"
    store.mkdir(parents=True)
    (store / "base.yml").write_text(BASE, encoding="utf-8")
    os.symlink(store / "base.yml", tmp_path / "facts" / "base.yml")
    assert run(tmp_path, {}, strict=True) == []


def _not_a_file(tmp_path: Path) -> None:
    if not hasattr(os, "mkfifo"):
        pytest.skip("needs named pipes")
    (tmp_path / "facts").mkdir()
    os.mkfifo(tmp_path / "facts" / "pipe.yml")
    assert located(run(tmp_path, {})) == [("facts/pipe.yml", 1, "not-a-file")]


def _review_translated_without_review(tmp_path: Path) -> None:
    text = BASE[:REVIEW_AT] + 'translations:\n  lang: ar\n  review: {from: 955c9ec5, reviewer: "المحرر"}\n'
    found = [p for p in located(run(tmp_path, {"base.yml": text})) if p[2] != "no-review"]
    assert found == [(PATH, text.count("\n", 0, text.index("  review: {from")) + 1, "unknown-review")]


def _unreadable(tmp_path: Path) -> None:
    real_open = Path.open

    def deny(self: Path, *args: object, **kwargs: object) -> object:
        if self.name == "locked.yml":
            raise PermissionError(13, "Permission denied")
        return real_open(self, *args, **kwargs)  # type: ignore[call-overload]

    run(tmp_path, {"base.yml": BASE, "locked.yml": "sources: []\n"})
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(Path, "open", deny)
        assert located(run(tmp_path, {})) == [("facts/locked.yml", 1, "unreadable")]


def _read_only_file(tmp_path: Path) -> None:
    root = tmp_path / "facts"
    root.mkdir()
    (root / "base.yml").write_text(BASE, encoding="utf-8")
    (root / "base.yml").chmod(0o444)
    assert run(tmp_path, {}, strict=True) == []


def _whole_file_passes(data: bytes) -> Callable[[Path], None]:
    def check(tmp_path: Path) -> None:
        assert run(tmp_path, {"base.yml": BASE, "other.yml": data}, strict=True) == []

    return check


BIG_BUT_NOT_TOO_BIG = b"sources: []\n# " + b"x" * (MAX_FILE_BYTES - 20) + b"\n"
FAILING: dict[str, list[Callable[[Path], None]]] = {
    "no-review": [_no_review], "duplicate-review": [_duplicate_review], "no-facts": [_no_facts],
    "outside-facts": [_outside_facts], "not-a-file": [_not_a_file], "unreadable": [_unreadable],
    "unknown-review": [_review_translated_without_review],
}
PASSING: dict[str, list[Callable[[Path], None]]] = {
    "duplicate-review": [_review_in_its_own_file], "no-facts": [_empty_facts_folder],
    "outside-facts": [_link_inside_facts], "not-a-file": [_link_inside_facts], "unreadable": [_read_only_file],
    "yaml-bom": [_whole_file_passes("sources: []\n# a mark inside: \ufeff\n".encode())],
    "not-utf8": [_whole_file_passes("sources: []\n# café, کافه\n".encode())],
    "empty-file": [_whole_file_passes(b"sources: []\n")],
    "file-too-large": [_whole_file_passes(BIG_BUT_NOT_TOO_BIG)],
    "invalid": [_whole_file_passes(b"sources: []\n")],  # the valid base set beside it
}


def _edit_fails(code: str, old: str, new: str, expect: list[tuple[str, str]]) -> Callable[[Path], None]:
    def check(tmp_path: Path) -> None:
        text = edit(old, new)
        problems = run(tmp_path, {"base.yml": text})
        assert located(problems) == expected_lines(text, expect), "\n".join(map(str, problems))
        assert all(p.message and "Traceback" not in p.message for p in problems)

    return check


def _whole_file_fails(code: str, data: bytes, line: int) -> Callable[[Path], None]:
    def check(tmp_path: Path) -> None:
        assert located(run(tmp_path, {"bad.yml": data})) == [("facts/bad.yml", line, code)]

    return check


def _edit_passes(old: str, new: str) -> Callable[[Path], None]:
    def check(tmp_path: Path) -> None:
        problems = run(tmp_path, {"base.yml": edit(old, new)}, strict=True)
        assert problems == [], "\n".join(map(str, problems))

    return check


def failing_cases(code: str) -> list[Callable[[Path], None]]:
    cases = [_edit_fails(c, old, new, expect) for c, old, new, expect in EDITS if code in {x for _, x in expect}]
    cases += [_whole_file_fails(c, data, line) for c, data, line in WHOLE_FILES if c == code]
    return cases + FAILING.get(code, [])


def passing_cases(code: str) -> list[Callable[[Path], None]]:
    return [_edit_passes(old, new) for rule, old, new in NEAR_MISSES if rule == code] + PASSING.get(code, [])


# ---- the tests ----------------------------------------------------------------------------------


@pytest.mark.parametrize("code", list(RULES))
def test_rule(tmp_path: Path, code: str) -> None:
    """The rule has a fact set that breaks it (exact path:line and code) and a near miss that passes."""
    failing, passing = failing_cases(code), passing_cases(code)
    if code in UNREACHABLE:
        assert not failing, f"{code} is reachable after all: drop it from factkit.rules.UNREACHABLE"
    else:
        assert failing, f"no fact set breaks the rule {code}: add one to EDITS in test_checks.py"
    assert passing, f"no near miss for the rule {code}: add one to NEAR_MISSES in test_checks.py"
    for n, case in enumerate(failing + passing):
        (tmp_path / str(n)).mkdir()
        case(tmp_path / str(n))


def test_every_code_the_format_names_is_a_check() -> None:
    named = documented_codes(FORMAT)
    assert set(named) - set(RULES) == set(), "FACTS_FORMAT.md names a rule no check implements"


def test_every_check_is_stated_in_the_format() -> None:
    assert set(RULES) - set(documented_codes(FORMAT)) == set(), "mark the rule with its [code] in FACTS_FORMAT.md"


def test_marks_are_read_from_prose_and_example_comments_only() -> None:
    text = "# T\n\n## A\n\nProse `[bad-url]`, a link [x](https://e.org) and [visit].\n\n```yaml\n" \
           "topics: [visit]   # tags [bad-id]\n```\n"
    assert documented_codes(text) == {"bad-url": ["A"], "bad-id": ["A"]}


def test_committed_rules_table_is_the_generated_one() -> None:
    committed = (REPO / "RULES.md").read_text(encoding="utf-8")
    assert committed == markdown(FORMAT), "regenerate it: python -m factkit rules --markdown --out RULES.md"


def test_rules_table_names_each_rule_test(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["rules", "--markdown", "--format", str(REPO / "FACTS_FORMAT.md")]) == 0
    table = capsys.readouterr().out
    assert table == markdown(FORMAT)
    for code in RULES:
        assert f"`{TEST.format(code=code)}`" in table
    assert main(["rules", "--markdown", "--format", str(tmp_path / "missing.md")]) == 2
    assert "cannot read" in capsys.readouterr().err
