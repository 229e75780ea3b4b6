"""Text for readers (factkit.editorial): internal ids and notes to self fail, with path:line and a code."""

from __future__ import annotations

from pathlib import Path

import pytest

import factkit
from factkit.editorial import check_docs, check_page, findings, prose

HOSTILE_BASE = (Path(__file__).parent / "hostile" / "base.yml").read_text(encoding="utf-8")
REPO = Path(__file__).resolve().parents[1]


@pytest.mark.parametrize(("text", "code", "words"), [
    ("Vetted source list id S080.", "internal-id", "S080"),
    ("Vetted source list id S080.", "internal-id", "source list id"),
    ("As the article says in p4.s2, the visit was first.", "internal-id", "p4.s2"),
    ("(seed wording 'respect and mutual benefit' not found verbatim)", "editor-note", "seed"),
    ("DISAGREES with seed", "editor-note", "DISAGREES"),
    ("the seed's 'distinguished strategic partnership' (July) was NOT found", "editor-note", "seed's"),
    ("the seed's 'distinguished strategic partnership' (July) was NOT found", "editor-note", "NOT"),
    ("a FERTILIZER PLANT near Homs", "editor-note", "FERTILIZER PLANT"),
    ("TODO: add the date", "editor-note", "TODO"),
    ("The minister (?? which one) spoke.", "editor-note", "??"),
    ("He spoke [citation needed].", "editor-note", "[citation needed]"),
])
def test_notes_and_ids_are_found(text: str, code: str, words: str) -> None:
    assert (code, words) in {(c, w) for _, c, w, _ in findings(text)}


@pytest.mark.parametrize("text", [
    "The seedling programme was not found in the budget.",  # 'seedling', a lowercase 'not found'
    "Seeds of the dispute were sown in 2017.",
    "The S-300 and S-400 systems; the SDF, the UN, TASS and SANA reported it.",
    "Russia's Su-35 jets and the 2025 p.m. meeting; section 4.2 of the deal.",
    "Not all sources agree; the claim says who reports what.",
    "The new authorities had to decide what to do with a former patron.",
    "NATO and the OPCW; the UN Security Council (UNSC).",
])
def test_near_misses_pass(text: str) -> None:
    assert list(findings(text)) == []


def test_fact_text_fails_the_check_at_its_line(tmp_path: Path) -> None:
    text = HOSTILE_BASE.replace('explanation: "The agency reports the visit."',
                                'explanation: "The agency reports the visit (DISAGREES with seed)."')
    (tmp_path / "facts").mkdir()
    (tmp_path / "facts" / "base.yml").write_text(text, encoding="utf-8")
    _, problems = factkit.check(tmp_path / "facts", base_dir=tmp_path, on=factkit.today("2026-11-27"))
    line = text[: text.index("(DISAGREES")].count("\n") + 1
    found = [p for p in problems if p.code == "editor-note"]
    assert [(p.path, p.line, p.severity) for p in found] == [("facts/base.yml", line, "error")] * 2
    assert "'DISAGREES'" in str(found[0]) + str(found[1]) and str(found[0]).endswith("[editor-note]")


def test_verbatim_quotes_and_excerpts_are_not_checked(tmp_path: Path) -> None:
    text = HOSTILE_BASE.replace("The minister met his counterpart in Moscow on Thursday.",
                                "The minister met his counterpart in Moscow on Thursday. NOT FOUND TODAY.")
    (tmp_path / "facts").mkdir()
    (tmp_path / "facts" / "base.yml").write_text(text, encoding="utf-8")
    _, problems = factkit.check(tmp_path / "facts", base_dir=tmp_path, on=factkit.today("2026-11-27"))
    assert not [p for p in problems if p.code in ("editor-note", "internal-id")]


PAGE = """---
description: "What the seed said."
---

# A page

Prose with a statement ref p4.s2 in it.

{{ claim("visit-date") }} and `code with S080` and <span title="TODO">x</span>.

```yaml
notes: "DISAGREES with seed"
```

{% raw %}
corrections: [{what: "TODO"}]
{% endraw %}

<!-- TODO: an HTML comment readers never see -->
A [link](https://example.org/p4.s2) is fine.
"""


def test_page_prose_is_checked_but_not_code_macros_or_attributes() -> None:
    problems = check_page("docs/page.md", PAGE)
    assert [(p.line, p.code) for p in problems] == [(2, "editor-note"), (7, "internal-id")]
    assert str(problems[1]) == ("docs/page.md:7: page text: 'p4.s2' is a statement ref, not text for readers; "
                                "write what it stands for in words [internal-id]")
    assert prose(PAGE).count("\n") == PAGE.count("\n")


def test_the_flagship_facts_and_pages_are_clean() -> None:
    _, problems = factkit.check(REPO / "facts", base_dir=REPO, on=factkit.today("2026-12-01"))
    assert not [p for p in problems if p.code in ("editor-note", "internal-id")], problems
    assert check_docs(REPO / "docs", REPO) == []


def test_factkit_check_reports_the_pages_too(tmp_path: Path, capsys, monkeypatch) -> None:
    from factkit.cli import main

    (tmp_path / "facts").mkdir()
    (tmp_path / "facts" / "base.yml").write_text(HOSTILE_BASE, encoding="utf-8")
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "index.md").write_text("# Home\n\nThe seed says so.\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert main(["check", "--no-cache", "--today", "2026-11-27"]) == 1
    assert "docs/index.md:3: page text: 'seed'" in capsys.readouterr().out
