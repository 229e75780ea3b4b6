"""The semantic fact diff, on temporary git repositories built in tmp_path."""

from __future__ import annotations

import os
import subprocess
import textwrap
from pathlib import Path

import pytest

from factkit.cli import main
from factkit.diff import FLAG_TEXT, run

TODAY = "2026-11-27"
MODELINE = "# yaml-language-server: $schema=../schema/facts.schema.json\n"

PUBLISHERS = """\
publishers:
  - id: example-news
    name: Example News
    kind: news-agency
  - id: example-tv
    name: Example TV
    kind: broadcaster
"""
SOURCES = """\
sources:
  - id: src-one
    title: "Talks in Moscow"
    publisher: example-news
    url: "https://example.org/one"
    published: 2025-07-31
    accessed: 2026-11-01
    language: en
    kind: news
    excerpts:
      - text: "The foreign minister met Lavrov in Moscow on Thursday."
  - id: article
    title: "The article"
    publisher: example-tv
    url: "https://example.org/article"
    published: 2025-08-01
    accessed: 2026-11-01
    language: en
    kind: reviewed-article
    excerpts:
      - text: "The minister was in Moscow on Thursday."
"""
ENTITIES = """\
entities:
  - id: lavrov
    name: Sergei Lavrov
    kind: person
    description: "Russia's foreign minister."
"""
CLAIM = """\
  - id: visit-date
    text: "The minister met Lavrov in Moscow on 31 July 2025."
    date: 2025-07-31
    citations: [{{source: src-one, quote: "met Lavrov in Moscow"}}]
    entities: [lavrov]
    checked: 2026-11-01
    review: {{verdict: {verdict}, wording: "on Thursday", explanation: "The source says so."}}
{corrections}"""
REVIEW = """\
review:
  article: article
  reviewer: Desk
  published: 2026-11-01
  statements:
    - {ref: p1.s1, starts: "The minister", claims: [visit-date]}
"""
CORRECTION = """\
    corrections:
      - {date: 2026-11-27, what: "Verdict changed from accurate to needs-context.", why: "A second source."}
"""


def git(repo: Path, *args: str) -> str:
    env = {**os.environ, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.org",
           "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.org"}
    return subprocess.run(["git", "-C", str(repo), *args], check=True, capture_output=True, text=True,
                          env=env).stdout


def write(repo: Path, files: dict[str, str | None]) -> None:
    for name, text in files.items():
        path = repo / name
        if text is None:
            path.unlink()
            continue
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text), encoding="utf-8")


def commit(repo: Path, files: dict[str, str | None], message: str) -> None:
    write(repo, files)
    git(repo, "add", "-A", ".")
    git(repo, "commit", "-q", "--allow-empty", "-m", message)


def facts_file(verdict: str = "accurate", corrections: str = "", extra_claims: str = "") -> str:
    return (MODELINE + SOURCES + ENTITIES + "claims:\n" + CLAIM.format(verdict=verdict, corrections=corrections)
            + extra_claims + REVIEW + PUBLISHERS)


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    root = tmp_path / "repo"
    root.mkdir()
    git(root, "init", "-q", "-b", "main")
    commit(root, {"facts/main.yml": facts_file(), "docs/index.md": "# Home\n"}, "v1")
    monkeypatch.chdir(root)
    monkeypatch.setenv("FACTKIT_TODAY", TODAY)
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)
    return root


def diff_md(capsys: pytest.CaptureFixture, *args: str) -> tuple[int, str]:
    code = main(["diff", *args])
    return code, capsys.readouterr().out


def test_v1_to_v2_lists_exactly_the_changes(repo: Path, capsys: pytest.CaptureFixture) -> None:
    v2 = facts_file(verdict="needs-context", corrections=CORRECTION).replace(
        "on 31 July 2025.", "on 31 July 2025, his first visit.").replace(
        "date: 2025-07-31\n    citations", "date: 2025-07\n    citations").replace(
        'title: "Talks in Moscow"', 'title: "Talks in Moscow (updated)"').replace(
        "kind: person", "kind: person\n    aliases: [Sergey Lavrov]")
    v2 = v2.replace("claims:\n", "claims:\n" + textwrap.indent(textwrap.dedent("""\
        - id: new-claim
          text: "A second claim."
          citations: [{source: src-two}]
          checked: 2026-11-20
        """), "  "))
    v2 = v2.replace("entities:\n", textwrap.indent(textwrap.dedent("""\
        - id: src-two
          title: null
          publisher: example-news
          url: "https://example.org/two"
          published: 2025-08-02
          accessed: 2026-11-20
          language: en
          kind: news
          reliability: "State media."
        - id: src-unused
          title: "Nobody cites this"
          publisher: example-tv
          url: "https://example.org/three"
          published: 2025-08-03
          accessed: 2026-11-20
          language: en
          kind: analysis
        """), "  ") + "entities:\n  - id: putin\n    name: Vladimir Putin\n    kind: person\n"
        "    description: \"Russia's president.\"\n")
    commit(repo, {"facts/main.yml": v2}, "v2")
    code, out = diff_md(capsys, "HEAD~1", "HEAD")
    assert code == 0
    assert out == textwrap.dedent("""\
        ## Fact changes: HEAD~1 → HEAD

        **claims: 1 added, 1 changed · sources: 2 added, 1 changed · entities: 1 added, 1 changed · 1 new check problem**

        ### New check problems

        - ⚠️ facts/main.yml:32: source 'src-unused' is not cited by any claim; cite it or remove it `[unused-source]`

        ### Claims added (1)

        - `new-claim` (facts/main.yml:51): “A second claim.” — cites `src-two`

        ### Claims changed (1)

        - `visit-date` (facts/main.yml:55)
          - **verdict: accurate → needs-context**
          - text: “The minister met Lavrov in Moscow on 31 July 2025.” → “The minister met Lavrov in Moscow on 31 July 2025, his first visit.”
          - date: 2025-07-31 → 2025-07
          - correction recorded (2026-11-27): Verdict changed from accurate to needs-context. Why: A second source.

        ### Sources added (2)

        - `src-two` (facts/main.yml:23): `example-news`, (no title), 2025-08-02 — flagged: State media.
        - `src-unused` (facts/main.yml:32): `example-tv`, “Nobody cites this”, 2025-08-03

        ### Sources changed (1)

        - `src-one` (facts/main.yml:3)
          - title: “Talks in Moscow” → “Talks in Moscow (updated)”

        ### Entities added (1)

        - `putin` (facts/main.yml:41): Vladimir Putin (person)

        ### Entities changed (1)

        - `lavrov` (facts/main.yml:45)
          - aliases: + `Sergey Lavrov`
        """)  # noqa: E501


def test_removals_and_citation_changes(repo: Path, capsys: pytest.CaptureFixture) -> None:
    extra = textwrap.indent(textwrap.dedent("""\
        - id: gone
          text: "A claim to be removed."
          citations: [{source: src-one}]
          checked: 2026-11-01
        """), "  ")
    commit(repo, {"facts/main.yml": facts_file(extra_claims=extra)}, "with extra claim")
    v3 = facts_file().replace('[{source: src-one, quote: "met Lavrov in Moscow"}]',
                              '[{source: src-one, quote: "in Moscow on Thursday", locator: "para 1"}]')
    v3 = v3.replace(ENTITIES, "")
    v3 = v3.replace("    entities: [lavrov]\n", "")
    commit(repo, {"facts/main.yml": v3}, "v3")
    code, out = diff_md(capsys, "HEAD~1", "HEAD")
    assert code == 0
    assert "**claims: 1 removed, 1 changed · entities: 1 removed**" in out
    assert "### Claims removed (1)\n\n- `gone`: “A claim to be removed.” — cites `src-one`\n" in out
    assert ("  - citations: + `src-one` “in Moscow on Thursday” (locator: para 1); "
            "− `src-one` “met Lavrov in Moscow”\n") in out
    assert "  - entities: − `lavrov`\n" in out
    assert "### Entities removed (1)\n\n- `lavrov`: Sergei Lavrov (person)\n" in out
    assert "verdict" not in out  # the verdict did not change


def test_verdict_change_without_correction_is_flagged(repo: Path, capsys: pytest.CaptureFixture,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    commit(repo, {"facts/main.yml": facts_file(verdict="misleading")}, "verdict only")
    code, out = diff_md(capsys, "HEAD~1", "HEAD")
    assert code == 0  # informational by default
    assert f"**verdict: accurate → misleading** ⚠️ **{FLAG_TEXT}**" in out
    assert "### ⚠️ Verdict changed without a correction note" in out
    assert "- `visit-date` (facts/main.yml:35): add a `corrections:` entry" in out
    assert "⚠️ 1 verdict change without a correction note" in out
    assert main(["diff", "HEAD~1", "HEAD", "--strict"]) == 1
    capsys.readouterr()
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    summary = repo.parent / "summary.md"
    assert main(["diff", "HEAD~1", "HEAD", "--strict", "--out", str(summary)]) == 1
    printed = capsys.readouterr().out
    assert ("::error file=facts/main.yml,line=35,title=verdict-no-correction::"
            f"claim 'visit-date': {FLAG_TEXT}") in printed
    assert "::error" not in summary.read_text()
    assert "### ⚠️ Verdict changed without a correction note" in summary.read_text()


def test_verdict_change_with_correction_is_not_flagged(repo: Path, capsys: pytest.CaptureFixture) -> None:
    commit(repo, {"facts/main.yml": facts_file(verdict="needs-context", corrections=CORRECTION)}, "corrected")
    code, out = diff_md(capsys, "HEAD~1", "HEAD", "--strict")
    assert code == 0
    assert "**verdict: accurate → needs-context**\n" in out
    assert FLAG_TEXT not in out
    # an old correction does not cover a second verdict change
    commit(repo, {"facts/main.yml": facts_file(verdict="inaccurate", corrections=CORRECTION)}, "again")
    code, out = diff_md(capsys, "HEAD~1", "HEAD", "--strict")
    assert code == 1
    assert f"**verdict: needs-context → inaccurate** ⚠️ **{FLAG_TEXT}**" in out


def test_first_verdict_on_a_claim_is_not_a_change_needing_a_correction(repo: Path) -> None:
    before = facts_file().replace(
        '    review: {verdict: accurate, wording: "on Thursday", explanation: "The source says so."}\n', "")
    before = before.replace("    - {ref: p1.s1, starts: \"The minister\", claims: [visit-date]}\n",
                            "    - {ref: p1.s1, starts: \"The minister\", not_checked: \"later\"}\n")
    commit(repo, {"facts/main.yml": before}, "no verdict yet")
    commit(repo, {"facts/main.yml": facts_file()}, "first verdict")
    diff, out = run("HEAD~1", "HEAD")
    assert "**verdict: (none) → accurate**" in out
    assert not diff.flags


def test_working_tree_is_the_default_head(repo: Path, capsys: pytest.CaptureFixture) -> None:
    code, out = diff_md(capsys, "HEAD")
    assert (code, out) == (0, "## Fact changes: HEAD → working tree\n\nNo changes to the facts.\n")
    write(repo, {"facts/main.yml": facts_file().replace("checked: 2026-11-01", "checked: 2026-11-27")})
    code, out = diff_md(capsys, "HEAD")
    assert "- `visit-date` (facts/main.yml:29)\n  - checked: 2026-11-01 → 2026-11-27\n" in out


def test_moving_records_between_files_is_no_change(repo: Path, capsys: pytest.CaptureFixture) -> None:
    text = facts_file()
    head, _, rest = text.partition("entities:\n")
    commit(repo, {"facts/main.yml": head, "facts/sub/people.yml": "entities:\n" + rest.split("claims:\n")[0],
                  "facts/claims.yml": "claims:\n" + rest.split("claims:\n")[1]}, "split")
    _, out = diff_md(capsys, "HEAD~1", "HEAD")
    assert "No changes to the facts." in out


def test_new_errors_and_fixed_problems(repo: Path, capsys: pytest.CaptureFixture) -> None:
    broken = facts_file().replace("citations: [{source: src-one,", "citations: [{source: src-onee,")
    commit(repo, {"facts/main.yml": broken}, "typo")
    code, out = diff_md(capsys, "HEAD~1", "HEAD", "--strict")
    assert code == 1
    assert "3 new check problems" in out
    assert "- ⛔ facts/main.yml:32: unknown source id 'src-onee'; did you mean 'src-one'? `[unknown-source]`" in out
    commit(repo, {"facts/main.yml": facts_file()}, "fix")
    code, out = diff_md(capsys, "HEAD~1", "HEAD")
    assert "3 check problems fixed" in out
    assert "### New check problems" not in out


def test_compares_with_the_merge_base(repo: Path, capsys: pytest.CaptureFixture) -> None:
    git(repo, "checkout", "-q", "-b", "edit")
    commit(repo, {"facts/main.yml": facts_file().replace("Desk", "The Desk")}, "branch change")
    git(repo, "checkout", "-q", "main")
    main_only = textwrap.indent("- id: on-main\n  text: \"Landed on main meanwhile.\"\n"
                                "  citations: [{source: src-one}]\n  checked: 2026-11-01\n", "  ")
    commit(repo, {"facts/main.yml": facts_file(extra_claims=main_only)}, "main moves on")
    _, out = diff_md(capsys, "main", "edit")
    assert "on-main" not in out
    assert "### Article review changed\n\n- reviewer: “Desk” → “The Desk”\n" in out
    assert out.startswith("## Fact changes: merge base of main (")
    _, out = diff_md(capsys, "main", "edit", "--exact")
    assert "### Claims removed (1)\n\n- `on-main`" in out


def test_base_without_facts_shows_everything_added(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                   capsys: pytest.CaptureFixture) -> None:
    root = tmp_path / "fresh"
    root.mkdir()
    git(root, "init", "-q", "-b", "main")
    commit(root, {"README.md": "hello\n"}, "empty")
    commit(root, {"facts/main.yml": facts_file()}, "first facts")
    monkeypatch.chdir(root)
    code, out = diff_md(capsys, "HEAD~1", "HEAD", "--today", TODAY)
    assert code == 0
    assert "**claims: 1 added · sources: 2 added · publishers: 2 added · entities: 1 added**" in out


def test_symlink_at_a_revision_is_reported_not_followed(repo: Path, capsys: pytest.CaptureFixture) -> None:
    (repo / "facts" / "evil.yml").symlink_to("/etc/passwd")
    git(repo, "add", "facts/evil.yml")
    git(repo, "commit", "-q", "-m", "link")
    _, out = diff_md(capsys, "HEAD~1", "HEAD")
    assert "[outside-facts]" in out


def test_affected_pages(repo: Path, capsys: pytest.CaptureFixture) -> None:
    commit(repo, {"docs/people/lavrov.md": "# Lavrov\n\n{{ entity_page('lavrov') }}\n",
                  "docs/timeline.md": "# Timeline\n\n{{ timeline() }}\n",
                  "docs/other.md": "# Other\n\n{{ entity_page('putin') }}\n",
                  "docs/about.md": "# About\n\nNo macros here. See [the claim](index.md#claim-visit-date).\n"},
           "pages")
    write(repo, {"facts/main.yml": facts_file().replace("on 31 July 2025.", "on 31 July 2025 (a Thursday).")})
    _, out = diff_md(capsys, "HEAD")
    pages = out.split("### Pages probably affected\n\n")[1]
    assert pages == ("- docs/about.md: names `visit-date`\n"
                     "- docs/people/lavrov.md: names `lavrov`\n"
                     "- docs/timeline.md: lists facts through a macro\n")


def test_unknown_revision_is_a_clear_error(repo: Path, capsys: pytest.CaptureFixture) -> None:
    assert main(["diff", "no-such-branch"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("factkit diff: 'no-such-branch' is not a commit, branch or tag of this repository; "
                          "name the one to compare with")


def test_outside_a_repository(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path.parent))
    assert main(["diff", "HEAD"]) == 2
    assert "factkit diff:" in capsys.readouterr().err


def test_long_text_changes_are_shown_as_a_word_diff(repo: Path, capsys: pytest.CaptureFixture) -> None:
    long_old = "The minister met Lavrov in Moscow on 31 July 2025, the first visit by a senior official since December."
    long_new = long_old.replace("a senior official", "a minister of the new government")
    short = "The minister met Lavrov in Moscow on 31 July 2025."
    commit(repo, {"facts/main.yml": facts_file().replace(short, long_old)}, "long")
    commit(repo, {"facts/main.yml": facts_file().replace(short, long_new)}, "reworded")
    _, out = diff_md(capsys, "HEAD~1", "HEAD")
    assert ("  - text (~~removed~~ **added**): … 2025, the first visit by a "
            "~~senior official~~ **minister of the new government** since December.\n") in out


def test_run_as_a_library_checks_as_of_factkit_today(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """`diff.run` without `on=` uses factkit.today() (FACTKIT_TODAY), not the machine's calendar."""
    later = CLAIM.replace("id: visit-date", "id: visit-later").replace("checked: 2026-11-01", "checked: 2026-11-15")
    commit(repo, {"facts/main.yml": facts_file(extra_claims=later.format(verdict="accurate", corrections=""))}, "v2")
    monkeypatch.setenv("FACTKIT_TODAY", "2026-11-10")  # the new claim was checked "after today"
    diff, _ = run("HEAD~1", "HEAD")
    assert "future-date" in {p.code for p in diff.new_problems}
    monkeypatch.setenv("FACTKIT_TODAY", "2026-11-20")
    diff, _ = run("HEAD~1", "HEAD")
    assert "future-date" not in {p.code for p in diff.new_problems}


def test_word_diff_keeps_context_when_words_are_added_at_either_end() -> None:
    from factkit.diff import _word_diff

    text = " ".join(f"w{i}" for i in range(30))
    assert _word_diff(text, text + " fifteen").endswith("w29 **fifteen**")
    assert _word_diff(text, "zero " + text).startswith("**zero** w0 ")
