"""The JSON Schema editors' IDEs use (schema/facts.schema.json): generated from the model, committed,
and in agreement with the loader on valid and typo'd files."""

from __future__ import annotations

import functools
import json
import os
from pathlib import Path

import jsonschema
import pytest

from factkit.schema import fact_schema
from factkit.yamlsafe import read_yaml

REPO = Path(__file__).resolve().parent.parent
COMMITTED = REPO / "schema" / "facts.schema.json"
BASE = Path(__file__).parent / "hostile" / "base.yml"


@functools.cache
def _validator() -> jsonschema.protocols.Validator:
    schema = fact_schema()
    cls = jsonschema.validators.validator_for(schema)
    cls.check_schema(schema)
    return cls(schema)


def _read(path: Path) -> object:
    value, problems = read_yaml(path.name, path.read_bytes())  # dates stay text, as an IDE sees them
    assert problems == []
    return value


def test_committed_schema_is_the_generated_one() -> None:
    committed = json.loads(COMMITTED.read_text(encoding="utf-8"))
    assert committed == fact_schema(), (
        "regenerate it: make schema (python -m factkit schema --out schema/facts.schema.json)"
    )


def test_schema_accepts_the_valid_base_set() -> None:
    errors = list(_validator().iter_errors(_read(BASE)))
    assert errors == [], [e.message for e in errors]


@pytest.mark.parametrize("path", sorted((REPO / "facts").rglob("*.y*ml")), ids=lambda p: p.name)
def test_schema_accepts_the_real_facts(path: Path) -> None:
    errors = list(_validator().iter_errors(_read(path)))
    assert errors == [], [f"{list(e.absolute_path)}: {e.message}" for e in errors[:5]]


@pytest.mark.parametrize(
    ("old", "new", "what"),
    [
        ("    topics: [visit]", "    topcis: [visit]", "topcis"),  # a typo'd field
        ("kind: person", "kind: persn", "persn"),  # a value off its list
        ("verdict: unverified", "verdict: true-ish", "true-ish"),  # a verdict off the scale
        ("  - id: summit\n", "  - id: Summit\n", "Summit"),  # an id that is no permalink
        ("    date: 2025-10\n", "    date: October 2025\n", "October 2025"),  # a date outside the EDTF subset
        ("sources:\n", "source:\n", "source"),  # a top-level typo
    ],
)
def test_schema_rejects_what_the_loader_rejects(tmp_path: Path, old: str, new: str, what: str) -> None:
    text = BASE.read_text(encoding="utf-8")
    assert text.count(old) == 1
    bad = tmp_path / "bad.yml"
    bad.write_text(text.replace(old, new), encoding="utf-8")
    errors = list(_validator().iter_errors(_read(bad)))
    assert errors, f"the schema accepted {what!r}"
    assert any(what in (e.message + json.dumps(e.instance, default=str)) for e in errors)


def test_fact_files_point_at_the_schema() -> None:
    for path in sorted((REPO / "facts").rglob("*.y*ml")):
        first = path.read_text(encoding="utf-8").splitlines()[0]
        schema = os.path.relpath(REPO / "schema" / "facts.schema.json", path.parent)  # facts/i18n/: ../../schema
        assert first == f"# yaml-language-server: $schema={schema}", path.name
