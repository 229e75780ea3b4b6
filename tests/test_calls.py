"""The fast path for pages whose only Jinja is macro calls: same output as Jinja, and Jinja for anything else."""

from __future__ import annotations

import filecmp
import os
import subprocess
import sys
from pathlib import Path

import pytest

from macros.calls import expand

REPO = Path(__file__).resolve().parents[1]
WATER = REPO / "tests" / "fixtures" / "sites" / "water"


def _macros(log: list | None = None) -> dict:
    def claim(id: str) -> str:
        if log is not None:
            log.append(id)
        return f"<span>{id}</span>"

    def claims(topic: str | None = None, entity: str | None = None) -> str:
        return f"[{topic}|{entity}]"

    def year_of(id: str) -> int:
        return 2015

    return {"claim": claim, "claims": claims, "year_of": year_of}


def test_literal_calls_are_made_in_page_order():
    log: list[str] = []
    page = "A {{ claim('a') }} b {{claim(\"b\")}}\n{{ claims(topic='t', entity=\"e\") }} in {{ year_of('x') }}.\n"
    assert expand(page, _macros(log)) == "A <span>a</span> b <span>b</span>\n[t|e] in 2015.\n"
    assert log == ["a", "b"]
    assert expand("no calls at all\n", _macros()) is None  # nothing to do: mkdocs-macros as before
    assert expand("{{ claim(\n  'multi-line'\n) }}", _macros()) == "<span>multi-line</span>"
    assert expand("{{ claims(topic=['a', 'b']) }}", _macros()) == "[['a', 'b']|None]"


@pytest.mark.parametrize("page", [
    "{% if x %}{{ claim('a') }}{% endif %}",        # a block
    "{# note #} {{ claim('a') }}",                  # a comment
    "{{ claim('a') }} and {{ page.title }}",        # a variable
    "{{ claim('a') | upper }}",                     # a filter
    "{{- claim('a') }}",                            # whitespace control
    "{{ claim('a') -}}",
    "{{ claim(name) }}",                            # not a literal
    "{{ claim('a' + 'b') }}",                       # an expression
    "{{ claim(f'{x}') }}",                          # an f-string
    "{{ claim(True) }}",                            # not text or a whole number
    "{{ claims(topic={'a': 1}) }}",                 # a mapping
    "{{ claims(topic=('a', x)) }}",                 # a tuple with a name in it
    "{{ claim(**kw) }}",                            # a mapping of arguments
    "{{ unknown('a') }}",                           # not one of the site's macros
    "{{ claim('a') }} {{ claim('b'",                # unclosed
    "{{ claim('a}}b') }}",                          # '}}' inside a string: Jinja's lexer knows better
    "{{ raw }} {% raw %}{{ claim('a') }}{% endraw %}",
    "{{ claim('a\x00') }}",                          # a NUL byte
    "{{ claim(" + "[" * 500 + "]" * 500 + ") }}",     # nesting past Python's parser limit
])
def test_anything_else_is_left_to_jinja(page):
    log: list[str] = []
    assert expand(page, _macros(log)) is None
    assert log == []  # and no macro ran


def _build(site: Path, out: Path, full_jinja: bool) -> None:
    env = {**os.environ, "FACTKIT_TODAY": "2026-11-27", "PYTHONPATH": str(REPO), "NO_MKDOCS_2_WARNING": "1"}
    env.pop("SOURCE_DATE_EPOCH", None)
    env.pop("FACTKIT_FULL_JINJA", None)
    if full_jinja:
        env["FACTKIT_FULL_JINJA"] = "1"
    run = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-f", str(site / "mkdocs.yml"),
                          "-d", str(out)], capture_output=True, text=True, env=env, cwd=site, timeout=300)
    assert run.returncode == 0, run.stdout + run.stderr


def _same_tree(a: Path, b: Path) -> list[str]:
    files_a = sorted(p.relative_to(a).as_posix() for p in a.rglob("*") if p.is_file())
    files_b = sorted(p.relative_to(b).as_posix() for p in b.rglob("*") if p.is_file())
    assert files_a == files_b
    return [f for f in files_a if not filecmp.cmp(a / f, b / f, shallow=False)]


@pytest.mark.parametrize("site", [WATER, REPO], ids=["fixture", "real"])
def test_sites_are_byte_identical_with_and_without_the_fast_path(site, tmp_path):
    pages = sorted((site / "docs").rglob("*.md"))
    names = {n: (lambda *a, **k: "") for n in (
        "claim", "claim_card", "claims", "claim_links", "entity", "entity_card", "entities", "timeline", "date_of",
        "year_of", "months_between", "days_between", "signed", "term_years", "expiry", "renewal_years",
        "claim_count", "source_count", "entity_count", "verdict_count", "sources_list", "claims_index",
        "article_review", "article_source", "coverage", "corrections_log", "verdict_scale")}
    with_calls = [p for p in pages if "{{" in p.read_text(encoding="utf-8")]
    fast = [p for p in with_calls if expand(p.read_text(encoding="utf-8"), names) is not None]
    assert len(fast) >= len(with_calls) - 1 and fast  # the comparison below exercises the fast path
    _build(site, tmp_path / "fast", full_jinja=False)
    _build(site, tmp_path / "jinja", full_jinja=True)
    assert _same_tree(tmp_path / "fast", tmp_path / "jinja") == []
