"""The strict YAML reader (factkit.yamlsafe): values, line numbers, and each rejection located."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from factkit.checks import RULES
from factkit.yamlsafe import MAX_DEPTH, LList, LMap, read_yaml


def read(text: str | bytes) -> tuple[object, list[tuple[int, str]]]:
    data = text.encode("utf-8") if isinstance(text, str) else text
    value, problems = read_yaml("f.yml", data)
    return value, [(p.line, p.code) for p in problems]


def test_values_and_lines() -> None:
    value, problems = read("# c\nclaims:\n  - id: a\n    date: 2025-07-31\n    n: 7\n  - id: b\n    x: null\n")
    assert problems == []
    assert isinstance(value, LMap) and value.key_lines == {"claims": 2}
    claims = value["claims"]
    assert isinstance(claims, LList) and claims.item_lines == [3, 6]
    assert claims[0].key_lines == {"id": 3, "date": 4, "n": 5}
    assert claims[0] == {"id": "a", "date": "2025-07-31", "n": 7}  # dates stay as written
    assert claims[1]["x"] is None


@pytest.mark.parametrize(
    ("written", "value"),
    [
        ("2025", 2025),
        ("2025-07", "2025-07"),
        ("2025-07-31", "2025-07-31"),
        ("'2025'", "2025"),
        ("2015~", "2015~"),
        ("2024-12/2025-07", "2024-12/2025-07"),
        ("yes", True),
        ("no", False),
        ("~", None),
        ("0x1F", "0x1F"),
        ("017", "017"),
        ("1_000", "1_000"),
        ("20:30", "20:30"),
        ("-5", -5),
        ("1.5", 1.5),
        ("'no'", "no"),
        ("2025-07-31T10:00:00Z", "2025-07-31T10:00:00Z"),
        ("a: b", None),
    ],
)
def test_scalars(written: str, value: object) -> None:
    got, problems = read(f"k: {written}\n")
    if written == "a: b":
        assert problems == [(1, "yaml-syntax")]
        return
    assert problems == [] and got["k"] == value and type(got["k"]) is type(value)


@pytest.mark.parametrize(
    ("text", "line", "code"),
    [
        ("a: 1\nb: [1, 2\nc: 3\n", 3, "yaml-syntax"),
        ("a: 1\na: 2\n", 2, "duplicate-key"),
        ("a:\n  b: 1\n  'b': 2\n", 3, "duplicate-key"),
        ("a: &x 1\nb: *x\n", 1, "yaml-anchor"),
        ("a: 1\nb: *x\n", 2, "yaml-anchor"),  # an alias is refused before it is resolved
        ("a: !!python/name:os.system x\n", 1, "yaml-tag"),
        ("a: !custom x\n", 1, "yaml-tag"),
        ("a: !!binary aGk=\n", 1, "yaml-tag"),
        ("a: !!set {x}\n", 1, "yaml-tag"),
        ("!x a: 1\n", 1, "yaml-tag"),
        ("? [a]\n: 1\n", 1, "yaml-key"),
        ("a: " + "[" * 10_000, 1, "yaml-depth"),
        ("a: " + "{b: " * (MAX_DEPTH + 1) + "1" + "}" * (MAX_DEPTH + 1) + "\n", 1, "yaml-depth"),
        ("a: 1\n\tb: 2\n", 2, "yaml-tab"),
        ("a:\n  \t- 1\n", 2, "yaml-tab"),
        ("a: 1\n---\nb: 2\n", 2, "yaml-syntax"),
        ("a: x\x07\n", 1, "yaml-syntax"),
        ("a: 1\nb: " + "9" * 5000 + "\n", 2, "bad-value"),
        (b"\xef\xbb\xbfa: 1\n", 1, "yaml-bom"),
        (b"a: 1\nb: \xff\n", 2, "not-utf8"),
        (b"a: 1\nb: \xed\xa0\x80\n", 2, "not-utf8"),  # an encoded surrogate
        (b"a: 1\n\nb: \x00\n", 3, "not-utf8"),
        (b"# " + b"x" * (5 * 1024 * 1024), 1, "file-too-large"),
    ],
)
def test_rejected_located(text: str | bytes, line: int, code: str) -> None:
    _, problems = read(text)
    assert problems[-1:] == [(line, code)] and code in RULES


def test_tabs_inside_values_are_fine() -> None:
    value, problems = read('a: "x\ty"\nb: [1,\t2]\n')
    assert problems == [] and value == {"a": "x\ty", "b": [1, 2]}


def test_duplicate_keys_all_reported_first_value_kept() -> None:
    value, problems = read("a: 1\nb: 2\na: 3\nb: {c: 4}\nd: 5\n")
    assert problems == [(3, "duplicate-key"), (4, "duplicate-key")]
    assert value == {"a": 1, "b": 2, "d": 5}


def test_syntax_error_names_where_the_list_started() -> None:
    _, problems = read_yaml("f.yml", b"a:\n  - [1, 2\n  - 3\nb: 4\n")
    assert problems[0].code == "yaml-syntax" and "on line 2" in problems[0].message


def test_messages_are_one_line() -> None:
    for text in ("a: x\x07\n", "a: [\n", "'a\nb': 1\n'a\nb': 2\n"):
        _, problems = read_yaml("f.yml", text.encode())
        assert problems and all("\n" not in str(p) for p in problems)


def test_empty_documents() -> None:
    assert read("") == (None, [])
    assert read("# only a comment\n") == (None, [])
    assert read("---\n") == (None, [])


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=300) | st.text(max_size=200).map(str.encode))
def test_never_raises(data: bytes) -> None:
    _, problems = read_yaml("f.yml", data)
    for p in problems:
        assert p.code in RULES and 1 <= p.line <= data.count(b"\n") + 1
