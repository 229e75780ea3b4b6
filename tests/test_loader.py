"""The loader: files -> records, and the messages an editor sees (located, short, with a fix)."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import factkit
from factkit.loader import fact_files, load

TODAY = dt.date(2026, 11, 27)
SOURCE = """sources:
  - id: src
    title: null
    publisher: p
    url: "https://example.org/"
    published: 2025
    accessed: 2026-11-27
    language: en
    kind: news
"""
PUBLISHERS = "publishers:\n  - id: p\n    name: P\n    kind: news-agency\n"  # the publisher SOURCE names
CLAIM = """claims:
  - id: c
    text: "T."
    checked: 2026-11-27
    citations: [{source: src}]
"""


def run(tmp_path: Path, files: dict[str, str]) -> list[factkit.Problem]:
    root = tmp_path / "facts"
    files = {"publishers.yml": PUBLISHERS, **files}
    for name, text in files.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text, encoding="utf-8")
    root.mkdir(exist_ok=True)
    return factkit.check(root, base_dir=tmp_path, on=TODAY)[1]


def test_did_you_mean_for_fields(tmp_path: Path) -> None:
    """A required field spelled wrong is one mistake, reported once: at the misspelling, with the right name."""
    problems = run(tmp_path, {"a.yml": SOURCE.replace("publisher:", "publsher:") + CLAIM})
    assert [(p.line, p.code) for p in problems] == [(4, "unknown-field")]
    assert "did you mean 'publisher'?" in problems[0].message


def test_a_missing_field_is_still_reported_beside_an_unrelated_misspelling(tmp_path: Path) -> None:
    claim = CLAIM.replace('    text: "T."\n', "").replace("    checked:", "    topcis: [x]\n    checked:")
    problems = run(tmp_path, {"a.yml": SOURCE + claim})
    assert [(p.line, p.code) for p in problems] == [(11, "missing-field"), (12, "unknown-field")]
    assert "the required field 'text'" in problems[0].message and "did you mean 'topics'?" in problems[1].message


def test_unknown_field_without_a_near_name_lists_the_allowed(tmp_path: Path) -> None:
    (p,) = run(tmp_path, {"a.yml": SOURCE + CLAIM.replace("    checked", "    zzz: 1\n    checked")})
    assert p.code == "unknown-field" and "allowed fields: id, text, date" in p.message


def test_nested_errors_point_at_the_nested_line(tmp_path: Path) -> None:
    text = SOURCE + CLAIM.replace(
        "    citations: [{source: src}]", "    citations:\n      - source: src\n        stanse: x"
    )
    (p,) = run(tmp_path, {"a.yml": text})
    assert (p.line, p.code) == (text.splitlines().index("        stanse: x") + 1, "unknown-field")
    assert "did you mean 'stance'?" in p.message


def test_top_level_typo(tmp_path: Path) -> None:
    (p,) = run(tmp_path, {"a.yml": SOURCE + CLAIM.replace("claims:", "claim:")})
    assert (p.line, p.code) == (10, "unknown-field") and "did you mean 'claims'?" in p.message  # no 'unused' cascade


def test_wrong_type_messages_say_what_was_expected(tmp_path: Path) -> None:
    problems = run(tmp_path, {"a.yml": SOURCE.replace("language: en", "language: no") + CLAIM.replace('"T."', "[T]")})
    by_code = {(p.line, p.code): p.message for p in problems}
    assert "got true/false; YAML reads a bare yes/no" in by_code[(8, "wrong-type")]
    assert "expected text" in by_code[(12, "wrong-type")] and "got a list" in by_code[(12, "wrong-type")]


def test_huge_values_are_quoted_short(tmp_path: Path) -> None:
    problems = run(tmp_path, {"a.yml": SOURCE.replace("kind: news", "kind: " + "x" * 100_000) + CLAIM})
    assert [p.code for p in problems] == ["bad-value"]
    assert len(problems[0].message) < 300


def test_a_rejected_record_does_not_cascade(tmp_path: Path) -> None:
    # the source is invalid: the claim citing it gets no extra 'unknown-source', and nothing is 'unused'
    problems = run(tmp_path, {"a.yml": SOURCE.replace("    kind: news\n", "") + CLAIM})
    assert [(p.line, p.code) for p in problems] == [(2, "missing-field")]


def test_records_keep_file_and_line(tmp_path: Path) -> None:
    root = tmp_path / "facts"
    (root / "sub").mkdir(parents=True)
    (root / "sub" / "s.yaml").write_text(SOURCE, encoding="utf-8")
    (root / "c.YML").write_text("# header\n" + CLAIM, encoding="utf-8")
    facts, problems = load(root, base_dir=tmp_path)
    assert problems == []
    assert facts.sources["src"].where == ("facts/sub/s.yaml", 2)
    assert facts.claims["c"].where == ("facts/c.YML", 3)
    assert facts.claims["c"].line_of("checked") == 5
    assert facts.claims["c"].citations[0].where == ("facts/c.YML", 6)


def test_hidden_folders_skipped_linked_folders_reported(tmp_path: Path) -> None:
    root = tmp_path / "facts"
    (root / ".git").mkdir(parents=True)
    (root / ".git" / "x.yml").write_text("nonsense: [", encoding="utf-8")
    (root / "inner").mkdir()
    (root / "inner" / "s.yml").write_text(SOURCE, encoding="utf-8")
    os.symlink(root / "inner", root / "alias")
    assert [p.relative_to(root).as_posix() for p in fact_files(root)] == ["alias", "inner/s.yml"]
    problems = run(tmp_path, {"c.yml": CLAIM})
    assert [(p.path, p.code) for p in problems] == [("facts/alias", "not-a-file")]


def test_link_inside_facts_is_read(tmp_path: Path) -> None:
    root = tmp_path / "facts"
    root.mkdir()
    (root / "s.yml").write_text(SOURCE, encoding="utf-8")
    os.symlink(root / "s.yml", root / "t.yml")  # the same records twice: duplicate ids, not silence
    problems = run(tmp_path, {"c.yml": CLAIM})
    assert [(p.path, p.code) for p in problems] == [("facts/t.yml", "duplicate-id")]


def test_cli_exit_codes_and_summary(tmp_path: Path, capsys) -> None:
    from factkit.cli import main

    run(tmp_path, {"a.yml": SOURCE + CLAIM})
    facts = str(tmp_path / "facts")
    assert main(["check", "--facts", facts, "--today", "2026-11-27", "--no-cache"]) == 0
    assert capsys.readouterr().out.splitlines()[-2:] == [
        "0 errors, 0 warnings",
        "1 claims, 1 sources, 0 entities checked",
    ]
    (tmp_path / "facts" / "b.yml").write_text(SOURCE.replace("id: src", "id: spare"), encoding="utf-8")
    assert main(["check", "--facts", facts, "--today", "2026-11-27", "--no-cache"]) == 0  # a warning only
    assert main(["check", "--facts", facts, "--today", "2026-11-27", "--no-cache", "--strict"]) == 1
    out = capsys.readouterr().out
    assert "warning: source 'spare' is not cited" in out and "1 error, 0 warnings" in out
    assert main(["check", "--facts", facts, "--today", "27/11/2026"]) == 2


def test_the_check_reads_the_folders_the_sites_configuration_names(tmp_path: Path, capsys, monkeypatch) -> None:
    """A site whose mkdocs.yml moves its facts (facts_dir: data) is checked there by a plain `factkit check`, as
    its build reads them; --facts still wins; a configuration that cannot be read leaves the defaults."""
    from factkit.cli import main

    run(tmp_path, {"a.yml": SOURCE + CLAIM})
    (tmp_path / "facts").rename(tmp_path / "data")
    (tmp_path / "pages").mkdir()
    (tmp_path / "pages" / "index.md").write_text("# Home\n\nTODO: write this.\n", encoding="utf-8")
    (tmp_path / "mkdocs.yml").write_text(
        "site_name: t\ndocs_dir: pages\nmarkdown_extensions:\n  - pymdownx.emoji:\n"
        "      emoji_index: !!python/name:material.extensions.emoji.twemoji\n"
        "plugins:\n  - search\n  - factkit:\n      facts_dir: data\n  - macros\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert main(["check", "--today", "2026-11-27", "--no-cache"]) == 1  # the page's note to self, in pages/
    out = capsys.readouterr().out
    assert "pages/index.md:3: page text: 'TODO' is a note to self" in out and "1 error, 0 warnings" in out
    assert main(["check", "--facts", "facts", "--today", "2026-11-27", "--no-cache"]) == 1
    assert "facts:1: the facts folder does not exist" in capsys.readouterr().out
    (tmp_path / "mkdocs.yml").write_text("site_name: [\n", encoding="utf-8")
    assert main(["check", "--today", "2026-11-27", "--no-cache"]) == 1
    assert "facts:1: the facts folder does not exist" in capsys.readouterr().out


def test_an_unreadable_file_does_not_cascade(tmp_path: Path) -> None:
    # the sources file has a syntax error: the claims citing its sources get no 'unknown-source' each
    broken = SOURCE.replace("kind: news", "kind: [news") + SOURCE.replace("id: src", "id: 'other'")[8:]
    problems = run(
        tmp_path,
        {"a.yml": broken, "c.yml": CLAIM + CLAIM[7:].replace("id: c", "id: d").replace("source: src", "source: other")},
    )
    assert [(p.path, p.code) for p in problems] == [("facts/a.yml", "yaml-syntax")]
    problems = run(tmp_path, {"c.yml": CLAIM.replace("source: src", "source: typo")})
    assert [(p.path, p.code) for p in problems] == [("facts/a.yml", "yaml-syntax"), ("facts/c.yml", "unknown-source")]


def test_entity_messages_say_entity(tmp_path: Path) -> None:
    """Not 'entitie': the singular of each kind is spelled out."""
    facts = tmp_path / "facts"
    facts.mkdir()
    (facts / "a.yml").write_text("entities:\n  - id: x\n    name: X\n    kind: person\n    descripton: An x.\n"
                                 "sources:\n  - id: x\n    title: null\n    publisher: P\n    published: null\n"
                                 "    accessed: 2026-11-20\n    language: en\n    kind: news\n", encoding="utf-8")
    (facts / "b.yml").write_text("entities:\n  - id: y\n    name: Y\n    kind: person\n    description: A y.\n"
                                 "  - id: y\n    name: Y2\n    kind: person\n    description: Another y.\n",
                                 encoding="utf-8")
    _, problems = load(facts, base_dir=tmp_path)
    text = "\n".join(str(p) for p in problems)
    assert "in entity 'x'" in text and "already used by the entity at facts/b.yml:2" in text
    assert "entitie" not in text


def test_a_field_written_one_level_too_high_says_where_it_goes(tmp_path: Path) -> None:
    (p,) = run(tmp_path, {"a.yml": SOURCE + CLAIM + "    verdict: accurate\n"})
    assert (p.line, p.code) == (15, "unknown-field")
    assert "'verdict' goes in the review: mapping" in p.message


def test_a_language_written_as_a_word_asks_for_its_code(tmp_path: Path) -> None:
    (p,) = run(tmp_path, {"a.yml": SOURCE.replace("language: en", "language: English") + CLAIM})
    assert (p.line, p.code) == (8, "bad-value")
    assert "'language' is a language code" in p.message and "'en'" in p.message and "'English'" in p.message


def test_an_id_used_by_two_kinds_is_one_error_not_one_per_reference(tmp_path: Path) -> None:
    """The second record is left out; what cites it is not also reported as citing an unknown source."""
    problems = run(tmp_path, {"0.yml": CLAIM.replace("id: c", "id: src"), "a.yml": SOURCE + CLAIM})
    assert [(p.path, p.code) for p in problems if p.severity == "error"] == [("facts/a.yml", "duplicate-id")]


def test_a_misspelled_list_key_is_the_one_error_not_every_reference_to_its_records(tmp_path: Path) -> None:
    """'sorces:' loses its records; the claims citing them are not also reported as citing unknown sources."""
    problems = run(tmp_path, {"a.yml": SOURCE.replace("sources:", "sorces:") + CLAIM})
    assert [(p.line, p.code) for p in problems] == [(1, "unknown-field")]
    assert "did you mean 'sources'?" in problems[0].message


def test_a_text_of_only_spaces_is_empty_and_says_whether_the_field_may_go(tmp_path: Path) -> None:
    """A blank text would render as nothing: it is an error at its line, like an empty one."""
    claim = CLAIM.replace('text: "T."', 'text: "   "').replace(
        "citations: [{source: src}]", 'citations: [{source: src, quote: " "}]')
    problems = run(tmp_path, {"a.yml": SOURCE + claim})
    assert [(p.line, p.code) for p in problems] == [(12, "empty"), (14, "empty")]
    assert "'text' of claim 'c' holds only spaces; write it (it is required)" in problems[0].message
    assert "'quote' of claim 'c' holds only spaces; write it, or remove the line (it is optional)" in \
        problems[1].message


def test_an_address_with_a_space_says_where_the_space_is(tmp_path: Path) -> None:
    (p,) = run(tmp_path, {"a.yml": SOURCE.replace('"https://example.org/"', '"https://exa mple.org/"') + CLAIM})
    assert p.code == "bad-url" and p.line == 5
    assert p.message.endswith("it holds a space at character 12; copy the address exactly")


def test_a_check_dated_after_today_says_what_to_write(tmp_path: Path) -> None:
    (p,) = run(tmp_path, {"a.yml": SOURCE + CLAIM.replace("checked: 2026-11-27", "checked: 2026-11-28")})
    assert p.code == "future-date" and p.message == (
        "claim 'c' is checked 2026-11-28, after today (2026-11-27); write the day it was last checked")
