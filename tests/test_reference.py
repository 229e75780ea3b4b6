"""The macro reference (factkit/MACROS.md, docs/macros.md) follows the code: a macro added, renamed or given
other arguments, or a docstring or rendered example changed, fails here until `make macros` writes it again."""

from __future__ import annotations

from pathlib import Path

import pytest

from factkit import reference
from factkit.macros import MACROS, kinds
from factkit.pagescan import macro_calls

REPO = Path(__file__).resolve().parents[1]
HOW = "the macro reference is out of date: run `make macros` (python -m factkit macros --out factkit/MACROS.md; " \
      "python -m factkit macros --page --out docs/macros.md) and commit the result"


@pytest.fixture(scope="module")
def renderer():
    return reference.example_renderer()


def test_package_reference_matches_the_code(renderer) -> None:
    committed = (REPO / "factkit" / "MACROS.md").read_text(encoding="utf-8")
    assert committed == reference.reference(renderer), HOW


def test_docs_page_matches_the_code(renderer) -> None:
    committed = (REPO / "docs" / "macros.md").read_text(encoding="utf-8")
    assert committed == reference.page(renderer), HOW


def test_every_macro_and_argument_is_documented(renderer) -> None:
    text = reference.reference(renderer)
    for name, fn in MACROS.items():
        assert f"## `{name}`" in text and reference.signature(name) in text
        for arg in kinds(fn):
            assert f"| `{arg}` |" in text
        _, example = reference.split_doc(name)
        calls = macro_calls("{{ " + example + " }}")
        assert [c.name for c in calls] == [name], f"{name}: its Example calls {[c.name for c in calls]}"


def test_the_docs_page_runs_no_macro() -> None:
    """Wrapped in {% raw %}: mkdocs-macros shows the calls, and no example makes the page a list's home."""
    text = (REPO / "docs" / "macros.md").read_text(encoding="utf-8")
    assert macro_calls(text) == []
    assert text.count("{% raw %}") == 1 and text.rstrip().endswith("{% endraw %}")


def test_allowed_values_and_ids_are_spelled_out() -> None:
    text = (REPO / "factkit" / "MACROS.md").read_text(encoding="utf-8")
    assert "a claim id from facts/" in text
    assert "`needs-context`" in text and "`agreement`" in text


def test_the_package_ships_its_reference() -> None:
    import tomllib

    data = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"]["package-data"]
    assert "MACROS.md" in data["factkit"]
