"""Every rule code (checks.RULES, loader codes included): a failing fixture asserting exactly the
(path, line, code) it produces, and passing fixtures (the valid base set and near misses).

Fixtures are the valid base set (tests/hostile/base.yml) with one edit, written to tmp_path.
The expected line is found from a marker in the edited text, so the assertion is exact without
hard-coding line numbers that drift when the base set changes.
"""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import pytest
import test_translations

import factkit
from factkit.checks import RULES, WARNINGS
from factkit.model import VERDICTS

BASE = (Path(__file__).parent / "hostile" / "base.yml").read_text(encoding="utf-8")
TODAY = dt.date(2026, 11, 27)
PATH = "facts/base.yml"
SPARE_SOURCE = """  - id: spare
    title: null
    publisher: agency
    url: "https://example.org/spare"
    published: null
    accessed: 2026-11-27
    language: en
    kind: analysis
"""


def run(tmp_path: Path, files: dict[str, str | bytes], today: dt.date = TODAY, strict: bool = False):
    root = tmp_path / "facts"
    root.mkdir(exist_ok=True)
    for name, content in files.items():
        target = root / name
        target.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            target.write_bytes(content)
        else:
            target.write_text(content, encoding="utf-8")
    _, problems = factkit.check(root, base_dir=tmp_path, on=today, strict=strict)
    return problems


def located(problems) -> list[tuple[str, int, str]]:
    return sorted((p.path, p.line, p.code) for p in problems)


def edit(old: str, new: str, text: str = BASE) -> str:
    assert text.count(old) == 1, f"fixture edit is ambiguous or stale: {old!r}"
    return text.replace(old, new)


def line_of(text: str, marker: str | tuple[str, str]) -> int:
    """Line of a unique marker, or of the first ``marker`` after a unique ``anchor`` given as (anchor, marker)."""
    anchor, marker = marker if isinstance(marker, tuple) else ("", marker)
    start = text.index(anchor) if anchor else 0
    assert text.count(anchor or marker) == 1, f"marker must be unique: {anchor or marker!r}"
    return text.count("\n", 0, text.index(marker, start)) + 1


_LAST = '      not_checked: "Opinion."\n'  # the base set's last line
_VISIT = "6f1f5f3c"  # the hash of claim visit's English (python -m factkit translations --hash visit)
_TR = "translations:\n  lang: ar\n  claims:\n    - id: visit\n      from: {h}\n      text: \"زار الوزير موسكو.\"\n"
_TR_VISIT_AGAIN = '    - id: visit\n      from: 6f1f5f3c\n      text: "زار الوزير موسكو مجددًا."\n'

# (code, old, new, [(marker in the edited text, expected code), ...]) -- each an edit of the base set
EDITS: list[tuple[str, str, str, list[tuple[str, str]]]] = [
    # loading: YAML
    (
        "yaml-syntax",
        "    topics: [visit]\n",
        "    topics: [visit\n",
        [("    checked: 2026-11-27\n    related", "yaml-syntax")],
    ),
    ("yaml-anchor", "    topics: [visit]", "    topics: &t [visit]", [("&t", "yaml-anchor")]),
    ("yaml-tag", "    topics: [visit]", "    topics: !!python/object:os.system [visit]", [("!!python", "yaml-tag")]),
    ("yaml-key", "    topics: [visit]", "    ? [topics]\n    : [visit]", [("? [topics]", "yaml-key")]),
    ("yaml-depth", "    topics: [visit]", "    topics: " + "[" * 40 + "]" * 40, [("topics: [[", "yaml-depth")]),
    ("yaml-tab", "    topics: [visit]", "\ttopics: [visit]", [("\ttopics", "yaml-tab")]),
    (
        "duplicate-key",
        "    topics: [visit]",
        "    topics: [visit]\n    topics: [other]",
        [("topics: [other]", "duplicate-key")],
    ),
    # loading: the model
    ("unknown-field", "    topics: [visit]", "    topic: [visit]", [("topic: [visit]", "unknown-field")]),
    ("missing-field", "    publisher: agency\n", "", [("id: agency-report", "missing-field")]),
    ("wrong-type", "    topics: [visit]", "    topics: visit", [("topics: visit", "wrong-type")]),
    ("bad-value", "    kind: person", "    kind: human", [("kind: human", "bad-value")]),
    (
        "bad-id",
        "  - id: summit\n",
        "  - id: Summit_2025\n",
        [("id: Summit_2025", "bad-id"), ("related: [summit]", "unknown-claim")],
    ),
    ("too-long", '    wording: "visited Moscow"', f"    wording: {'x' * 2001}", [("wording: xxx", "too-long")]),
    ("empty", '    description: "A foreign minister."', '    description: ""', [('description: ""', "empty")]),
    ("bad-date", "    date: 2025-07-31\n", "    date: 2025-02-30\n", [("date: 2025-02-30", "bad-date")]),
    # rule 1-2: citations and references
    ("no-citation", "    citations: [{source: the-article}]", "    citations: []", [("citations: []", "no-citation")]),
    (
        "unknown-source",
        "    citations: [{source: the-article}]",
        "    citations: [{source: the-articel}]",
        [("the-articel", "unknown-source")],
    ),
    (
        "unknown-entity",
        "    entities: [minister]\n",
        "    entities: [minister, ghost]\n",
        [("ghost", "unknown-entity")],
    ),
    ("unknown-claim", "    related: [summit]", "    related: [sumit]", [("related: [sumit]", "unknown-claim")]),
    (
        "duplicate-id",
        "  - id: unrated",
        "  - id: visit",
        [(("  - id: summit", "  - id: visit"), "duplicate-id"), ("claims: [visit, unrated]", "unknown-claim")],
    ),
    # rule 3: links and text
    ("bad-url", 'url: "https://example.org/report"', 'url: "javascript:alert(1)"', [("javascript:", "bad-url")]),
    ("missing-url", '    url: "https://example.org/report"\n', "", [("id: agency-report", "missing-url")]),
    (
        "raw-html",
        "The minister *visited*",
        "The minister <script>alert(1)</script> visited",
        [("<script>", "raw-html")],
    ),
    # rule 4: dates
    (
        "accessed-before-published",
        "    published_from: page_metadata\n    accessed: 2026-11-27",
        "    published_from: page_metadata\n    accessed: 2025-07-30",
        [("accessed: 2025-07-30", "accessed-before-published")],
    ),
    (
        "future-date",
        "    published_from: page_metadata\n    accessed: 2026-11-27",
        "    published_from: page_metadata\n    accessed: 2026-11-28",
        [("accessed: 2026-11-28", "future-date")],
    ),
    ("period-order", "        end: null", "        end: 2024-12-20", [("end: 2024-12-20", "period-order")]),
    (
        "after-source",
        "    date: 2025-07-31\n",
        "    date: 2025-08-01\n",
        [("      - source: agency-report", "after-source")],
    ),
    ("terms-mismatch", "expires: 2066", "expires: 2067", [("expires: 2067", "terms-mismatch")]),
    # rule 5: stale future tense
    (
        "stale-scheduled",
        """    outcome:
      text: "The summit was postponed."
      date: 2025-10~
      citations: [{source: state-paper}]
""",
        "",
        [("status: scheduled", "stale-scheduled")],
    ),
    ("scheduled-undated", "    date: 2025-10\n", "", [("status: scheduled", "scheduled-undated")]),
    # rule 6: quotes
    (
        "quote-not-found",
        'quote: "met his counterpart in Moscow"',
        'quote: "met his colleague in Moscow"',
        [("met his colleague", "quote-not-found")],
    ),
    # rule 7: verdicts
    ("bad-verdict", "verdict: unverified", "verdict: mostly-true", [("mostly-true", "bad-verdict")]),
    (
        "accurate-unsupported",
        "verdict: unverified",
        "verdict: accurate",
        [(("id: unrated", "verdict:"), "accurate-unsupported")],
    ),
    (
        "wording-not-in-article",
        'wording: "the first visit"',
        'wording: "the only visit"',
        [("the only visit", "wording-not-in-article")],
    ),
    ("unmapped-statement", '      not_checked: "Opinion."\n', "", [("ref: p1.s2", "unmapped-statement")]),
    (
        "review-not-mapped",
        "claims: [visit, unrated]",
        "claims: [visit]",
        [("verdict: unverified", "review-not-mapped")],
    ),
    # publishers
    ("unknown-publisher", "    publisher: agency\n", "    publisher: agencey\n", [("agencey", "unknown-publisher")]),
    ("unknown-publisher", "    relays: agency\n", "    relays: agnecy\n", [("agnecy", "unknown-publisher")]),
    ("relays-self", "    publisher: outlet\n    relays: agency", "    publisher: outlet\n    relays: outlet",
     [("relays: outlet", "relays-self")]),
    ("unused-publisher", "sources:\n", "  - id: spare-pub\n    name: Spare\n    kind: blog\nsources:\n",
     [("id: spare-pub", "unused-publisher")]),
    (
        "accurate-unsupported",
        '    publisher: agency\n    relays: "Wire Service"',
        '    publisher: state-daily\n    relays: "Wire Service"',
        [(("id: visit", "verdict:"), "accurate-unsupported")],
    ),
    (
        "accurate-unsupported",
        '    relays: "Wire Service"',
        "    relays: state-daily",
        [(("id: visit", "verdict:"), "accurate-unsupported")],
    ),
    # links in every text field
    ("bad-url", 'says: "The minister arrived in Moscow."', 'says: "The minister [arrived](javascript:x) in Moscow."',
     [("[arrived]", "bad-url")]),
    ("bad-url", 'title: "Minister visits Moscow"', 'title: "[Minister](data:text/html,x) visits Moscow"',
     [("[Minister]", "bad-url")]),
    ("bad-url", 'locator: "para 1"', 'locator: "[para 1](ftp://example.org/x)"', [("[para 1]", "bad-url")]),
    ("bad-url", 'notes: "A wire agency."', 'notes: "A [wire](/agency) agency."', [("[wire]", "bad-url")]),
    ("bad-url", "      - title: Foreign Minister", '      - title: "[Foreign Minister](vbscript:x)"',
     [("[Foreign Minister]", "bad-url")]),
    ("bad-url", 'reviewer: "Desk"', 'reviewer: "[Desk](example.org)"', [("[Desk]", "bad-url")]),
    ("bad-url", "aliases: [The Minster,", 'aliases: ["[The Minster](javascript:x)",', [("[The Minster]", "bad-url")]),
    ("bad-url", 'says: "The minister arrived in Moscow."',  # a space in the address: Markdown would show it as typed
     'says: "The minister [arrived](https://exa mple.org/x) in Moscow."', [("[arrived]", "bad-url")]),
    # review statements, article
    ("article-kind", "    kind: reviewed-article\n", "    kind: news\n", [("  article: the-article", "article-kind")]),
    (
        "article-kind",
        "    language: en\n    kind: news\n    archive_url",
        "    language: en\n    kind: reviewed-article\n    archive_url",
        [("kind: reviewed-article\n    archive_url", "article-kind")],
    ),
    ("statement-order", "    - ref: p1.s1\n", "    - ref: p2.s1\n", [("ref: p1.s2", "statement-order")]),
    ("statement-order", "    - ref: p1.s2\n", "    - ref: p1.s1\n",
     [(("claims: [visit, unrated]", "ref: p1.s1"), "statement-order")]),
    ("bad-value", "    - ref: p1.s1\n", "    - ref: p1s1\n", [("ref: p1s1", "bad-value")]),  # the review is left
    # out, and that one error says so: no verdict also reported as reviewing nothing
    ("long-starts", 'starts: "Analysts say"', 'starts: "Analysts say that the"',
     [("Analysts say that", "long-starts")]),
    # entities
    ("kind-field", "    kind: person", "    kind: place", [(("id: minister", "roles:"), "kind-field")]),
    ("kind-field", "    kind: agreement", "    kind: event", [(("id: base-lease", "terms:"), "kind-field")]),
    # corrections, languages, excerpts
    (
        "corrections-order",
        '        why: "A typo."',
        '        why: "A typo."\n      - date: 2026-11-01\n        what: "Earlier."\n        why: "Older."',
        [("date: 2026-11-01", "corrections-order")],
    ),
    ("bad-language", "    language: ru", "    language: xx", [("language: xx", "bad-language")]),
    ("bad-language", "    language: ru", "    language: rus", [("language: rus", "bad-language")]),
    ("missing-says", '        says: "The minister arrived in Moscow."\n', "", [("Министр прибыл", "missing-says")]),
    ("bad-date", "    date: 2024-12/2025-07\n", "    date: ٢٠٢٥\n", [("date: ٢٠٢٥", "bad-date")]),
    ("wrong-type", "      term_years: 49", "      term_years: 0x31", [("term_years: 0x31", "wrong-type")]),
    ("wrong-type", "      term_years: 49", "      term_years: 049", [("term_years: 049", "wrong-type")]),
    (
        "duplicate-key",
        "      renewal_years: 25",
        "      renewal_years: 25\n      renewal_years: 30",
        [("renewal_years: 30", "duplicate-key")],
    ),
    # rule 8: text for readers
    (
        "internal-id",
        'explanation: "The agency reports the visit."',
        'explanation: "The agency (list id S080) reports the visit, see p1.s2."',
        [("explanation: \"The agency (list", "internal-id")] * 3,
    ),
    (
        "editor-note",
        'description: "A foreign minister."',
        'description: "A foreign minister (DISAGREES with seed; title NOT found)."',
        [("description: \"A foreign minister (", "editor-note")] * 3,
    ),
    # rule 9: warnings
    ("unused-source", "entities:\n", SPARE_SOURCE + "entities:\n", [("id: spare", "unused-source")]),
    ("long-quote", "on Thursday.", "on Thursday" + " and more" * 12 + ".", [("on Thursday and", "long-quote")]),
    # translations (factkit.i18n): a translations: block after the review, in the same file
    ("stale-translation", _LAST, _LAST + _TR.format(h="0000abcd"), [("from: 0000abcd", "stale-translation")]),
    ("translation-extra", _LAST, _LAST + _TR.format(h=_VISIT) + '      outcome: "وقعت."\n',
     [('outcome: "وقعت', "translation-extra")]),
    ("duplicate-translation", _LAST, _LAST + _TR.format(h=_VISIT) + _TR_VISIT_AGAIN,
     [(('موسكو."\n    - id: visit', "- id: visit"), "duplicate-translation")]),
    ("unknown-topic", _LAST, _LAST + _TR.format(h=_VISIT) + "  topics: {nowhere: لا مكان}\n",
     [("  topics: {nowhere", "unknown-topic")]),
]


def expected_lines(text: str, expect: list[tuple[str, str]]) -> list[tuple[str, int, str]]:
    return sorted((PATH, line_of(text, marker), code) for marker, code in expect)


@pytest.mark.parametrize(("code", "old", "new", "expect"), EDITS, ids=[e[0] for e in EDITS])
def test_rule_fails_located(tmp_path: Path, code: str, old: str, new: str, expect: list) -> None:
    text = edit(old, new)
    problems = run(tmp_path, {"base.yml": text})
    assert located(problems) == expected_lines(text, expect), "\n".join(map(str, problems))
    for p in problems:
        assert p.severity == ("warning" if p.code in WARNINGS else "error")
        assert p.message and "Traceback" not in p.message


def test_no_review_without_article_review(tmp_path: Path) -> None:
    text = BASE[: BASE.index("review:\n  article")]
    problems = run(tmp_path, {"base.yml": text})
    assert located(problems) == sorted(
        [
            (PATH, line_of(text, "verdict: accurate"), "no-review"),
            (PATH, line_of(text, "verdict: unverified"), "no-review"),
        ]
    )


def test_duplicate_id_and_review_across_files(tmp_path: Path) -> None:
    extra = (
        "sources:\n"
        + SPARE_SOURCE.replace("id: spare", "id: agency-report")
        + ("review:\n  article: the-article\n  reviewer: Other\n  published: 2026-11-01\n")
    )
    problems = run(tmp_path, {"base.yml": BASE, "extra.yml": extra})
    assert located(problems) == [("facts/extra.yml", 2, "duplicate-id"), ("facts/extra.yml", 11, "duplicate-review")]
    dup = next(p for p in problems if p.code == "duplicate-id")
    assert f"facts/base.yml:{line_of(BASE, 'id: agency-report')}" in dup.message


WHOLE_FILES: list[tuple[str, bytes, int]] = [
    ("yaml-bom", b"\xef\xbb\xbfsources: []\n", 1),
    ("not-utf8", b"claims:\n  - id: caf\xe9\n", 2),
    ("empty-file", b"", 1),
    ("empty-file", b"# only a comment\n", 1),
    ("wrong-type", b"- a list\n- at the top\n", 1),
    ("unknown-field", b"sources: []\nclaim: []\n", 2),
    ("file-too-large", b"# " + b"x" * (5 * 1024 * 1024) + b"\n", 1),
]


@pytest.mark.parametrize(("code", "data", "line"), WHOLE_FILES, ids=[c[0] for c in WHOLE_FILES])
def test_whole_file_problems(tmp_path: Path, code: str, data: bytes, line: int) -> None:
    assert located(run(tmp_path, {"bad.yml": data})) == [("facts/bad.yml", line, code)]


def test_no_facts_folder(tmp_path: Path) -> None:
    _, problems = factkit.check(tmp_path / "missing", base_dir=tmp_path, on=TODAY)
    assert located(problems) == [("missing", 1, "no-facts")]


def test_link_outside_facts(tmp_path: Path) -> None:
    (tmp_path / "secret.yml").write_text(BASE, encoding="utf-8")
    (tmp_path / "facts").mkdir()
    os.symlink(tmp_path / "secret.yml", tmp_path / "facts" / "link.yml")
    assert located(run(tmp_path, {})) == [("facts/link.yml", 1, "outside-facts")]


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs named pipes")
def test_not_a_regular_file(tmp_path: Path) -> None:
    (tmp_path / "facts").mkdir()
    os.mkfifo(tmp_path / "facts" / "pipe.yml")  # reading it would block forever
    assert located(run(tmp_path, {})) == [("facts/pipe.yml", 1, "not-a-file")]


def test_unreadable_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    real_open = Path.open

    def deny(self: Path, *args, **kwargs):
        if self.name == "locked.yml":
            raise PermissionError(13, "Permission denied")
        return real_open(self, *args, **kwargs)

    run(tmp_path, {"base.yml": BASE, "locked.yml": "sources: []\n"})
    monkeypatch.setattr(Path, "open", deny)
    problems = run(tmp_path, {})
    assert located(problems) == [("facts/locked.yml", 1, "unreadable")]
    assert "Permission denied" in problems[0].message


def test_every_code_has_a_failing_fixture() -> None:
    covered = {code for _, _, _, expect in EDITS for _, code in expect}
    covered |= {code for code, _, _ in WHOLE_FILES}
    covered |= {"no-review", "duplicate-review", "no-facts", "outside-facts", "not-a-file", "unreadable"}
    covered |= test_translations.CODES  # the translation rules: tests/test_translations.py
    # 'invalid' is the fallback for a validation error no other code describes; none is known to reach it
    assert covered == set(RULES) - {"invalid"}


# ---- passing fixtures -------------------------------------------------------------------------


def test_valid_base_set_has_no_problems(tmp_path: Path) -> None:
    facts, problems = factkit.check(_write(tmp_path, BASE), base_dir=tmp_path, on=TODAY, strict=True)
    assert problems == []
    assert (len(facts.claims), len(facts.sources), len(facts.entities)) == (3, 3, 2)
    assert facts.review is not None and facts.review.article == "the-article"
    claim = facts.claims["visit"]
    assert claim.where == (PATH, line_of(BASE, "  - id: visit"))
    assert claim.line_of("checked") == line_of(BASE, ("  - id: visit", "checked:"))


def _write(tmp_path: Path, text: str) -> Path:
    root = tmp_path / "facts"
    root.mkdir(exist_ok=True)
    (root / "base.yml").write_text(text, encoding="utf-8")
    return root


# (rule the edit comes close to breaking, old, new): each must give zero problems
NEAR_MISSES: list[tuple[str, str, str]] = [
    # translations: current, only fields the English has, each record once, topics the claims use
    ("stale-translation", _LAST, _LAST + _TR.format(h=_VISIT)),
    ("translation-extra", _LAST, _LAST + _TR.format(h=_VISIT) + '      explanation: "تؤكد الوكالة الزيارة."\n'),
    ("duplicate-translation", _LAST, _LAST + _TR.format(h=_VISIT)
     + '    - id: summit\n      from: 486c344c\n      text: "القمة."\n'),
    ("unknown-topic", _LAST, _LAST + _TR.format(h=_VISIT) + "  topics: {visit: الزيارة}\n"),
    ("unknown-review", _LAST, _LAST + _TR.format(h=_VISIT) + '  review: {from: 955c9ec5, reviewer: "المحرر"}\n'),
    ("internal-id", 'explanation: "The agency reports the visit."',
     'explanation: "The agency reports the visit and the S-300 sale, on page 4."'),
    ("editor-note", 'description: "A foreign minister."',
     'description: "A foreign minister; his seedling project was not found in later reports."'),
    (
        "accessed-before-published",
        "    published_from: page_metadata\n    accessed: 2026-11-27",
        "    published_from: page_metadata\n    accessed: 2025-07-31",
    ),
    (
        "accessed-before-published",
        "    published: 2025-08\n    accessed: 2026-11-27",
        "    published: 2025-08\n    accessed: 2025-08-01",
    ),
    ("future-date", "    published: 2025-09-01", "    published: 2026-11-27"),
    ("future-date", "    published: 2025-09-01", "    published: 2026"),
    ("future-date", "    date: 2025-10\n    status: scheduled", "    date: 2027-01\n    status: scheduled"),
    ("period-order", "        end: null", "        end: 2024-12-21"),
    ("after-source", "    date: 2025-07-31\n", "    date: 2025-07\n"),
    ("after-source", "    date: 2025-07-31\n", "    date: 2025-07-31~\n"),
    ("stale-scheduled", "    date: 2025-10\n    status: scheduled", "    date: 2026-11-27\n    status: scheduled"),
    ("quote-not-found", 'quote: "met his counterpart in Moscow"', 'quote: "met  his\\n counterpart in Moscow"'),
    ("quote-not-found", "on Thursday.", "on ‘Thursday’."),
    ("bad-url", 'url: "https://example.org/report"', 'url: "HTTP://example.org/report?q=1#x"'),
    (
        "raw-html",
        "The minister *visited*",
        "Turnout was < 5% and 3<4; {{ not jinja }} {% raw %} The minister *visited*",
    ),
    ("raw-html", "The minister *visited*", "The minister [visited](http://example.org/visit) _Moscow_"),
    ("long-quote", "on Thursday.", "on Thursday" + " more" * 21 + "."),
    ("terms-mismatch", "      expires: 2066\n", ""),
    ("missing-url", '    url: "https://example.org/article"', '    url_unavailable: "Taken down; no copy exists."'),
    ("no-citation", "    citations: [{source: the-article}]", "    citations:\n      - source: the-article"),
    ("bad-date", "    date: 2024-12/2025-07\n", "    date: 2015~/2025-07?\n"),
    ("bad-date", "    date: 2024-12/2025-07\n", '    date: "2024-12-08/.."\n'),
    ("bad-date", "    date: 2024-12/2025-07\n", "    date: 2020%\n"),
    ("bad-date", "    date: 2024-12/2025-07\n", "    date: 2024-02-29\n"),
    ("bad-date", "    date: 2024-12/2025-07\n", "    date: 2019\n"),
    ("bad-date", "    date: 2024-12/2025-07\n", "    date: '2019'\n"),
    # publishers
    ("unknown-publisher", '    relays: "Wire Service"', '    relays: "wire service"'),
    ("unknown-publisher", '    relays: "Wire Service"', "    relays: Agency"),
    ("relays-self", "    publisher: outlet\n    relays: agency", "    publisher: outlet\n    relays: Outlet"),
    ("unused-publisher", '    publisher: agency\n    relays: "Wire Service"',
     '    publisher: outlet\n    relays: "Wire Service"'),  # 'agency' is named only in a relays: still used
    ("accurate-unsupported", '    relays: "Wire Service"', '    relays: "State Paper"'),
    ("accurate-unsupported", '    reliability: "State media."\n', "    reliability: null\n"),
    # links in every text field
    ("bad-url", 'says: "The minister arrived in Moscow."', 'says: "The minister [arrived](https://example.org/a)."'),
    ("bad-url", 'title: "Minister visits Moscow"', 'title: "Minister [sic] visits Moscow"'),
    ("bad-url", 'locator: "para 1"', 'locator: "[para 1](http://example.org/x#p1)"'),
    # review statements, article
    ("article-kind", '    url: "https://example.org/article"\n', '    url_unavailable: "Taken down."\n'),
    ("statement-order", "    - ref: p1.s2\n", "    - ref: p2.s1\n"),
    ("statement-order", "    - ref: p1.s2\n", "    - ref: p1.s10\n"),
    ("long-starts", 'starts: "Analysts say"', 'starts: "Analysts, experts say"'),
    # entities
    ("kind-field", "    kind: person", "    kind: organisation"),
    # corrections, languages, excerpts
    ("corrections-order", '        why: "A typo."', '        why: "A typo."\n      - date: 2026-11-20\n'
     '        what: "Same day."\n        why: "Second."'),
    ("corrections-order", '        why: "A typo."', '        why: "A typo."\n      - date: 2026-11-26\n'
     '        what: "Later."\n        why: "Newest last."'),
    ("bad-language", "    language: ru", "    language: uk"),
    ("bad-language", "    language: ru", "    language: 'no'"),
    ("missing-says", "    language: ru", "    language: en"),
    # YAML and the model
    ("yaml-syntax", 'text: "The article says the visit was the first."', "text: 'The article says: it was the first.'"),
    ("yaml-anchor", 'description: "A foreign minister."', 'description: "A & B, *foreign* &x *y minister."'),
    ("yaml-tag", 'description: "A foreign minister."', 'description: "!important: a foreign minister."'),
    ("yaml-key", "    topics: [visit]", '    "topics": [visit]'),
    ("yaml-depth", "    topics: [visit]", "    topics: [visit]  # [[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[["),
    ("yaml-tab", 'description: "A foreign minister."', 'description: "A\tforeign minister."'),
    ("duplicate-key", "    topics: [visit]", "    topics: [visit, topics]"),
    ("unknown-field", '    accessed: 2026-11-27\n    language: ru', '    published_note: "Month only."\n'
     '    accessed: 2026-11-27\n    language: ru'),
    ("missing-field", '    notes: "The agency\'s own report."\n', ""),
    ("wrong-type", "    topics: [visit]", "    topics:\n      - visit"),
    ("bad-value", "    kind: person", "    kind: organisation"),
    ("bad-id", "    topics: [visit]", "    topics: [visit-2025, v2]"),
    ("too-long", '    description: "A foreign minister."', "    description: " + "x" * 2000),
    ("empty", 'aliases: [The Minster, "Министр"]', "aliases: []"),
    ("unknown-source", "    citations: [{source: the-article}]", "    citations: [{source: agency-report}]"),
    ("unknown-entity", "    entities: [minister]\n", "    entities: [minister, base-lease]\n"),
    ("unknown-claim", "    related: [summit]", "    related: [summit, unrated]"),
    ("duplicate-id", "    topics: [visit]", "    topics: [visit, minister]"),
    ("scheduled-undated", "    date: 2025-10\n    status: scheduled", "    status: occurred"),
    ("no-review", "verdict: unverified", "verdict: needs-context"),
    ("wording-not-in-article", 'wording: "the first visit"', 'wording: "the first  visit"'),
    ("unmapped-statement", '      not_checked: "Opinion."\n', "      claims: [summit]\n"),
    ("review-not-mapped", "claims: [visit, unrated]", "claims: [unrated, visit]"),
    ("unused-source", "        stance: context\n", "        stance: contradicts\n"),
] + [("bad-verdict", "verdict: accurate", f"verdict: {v}") for v in VERDICTS]


@pytest.mark.parametrize(("rule", "old", "new"), NEAR_MISSES, ids=[f"{m[0]}-{i}" for i, m in enumerate(NEAR_MISSES)])
def test_near_miss_passes(tmp_path: Path, rule: str, old: str, new: str) -> None:
    problems = run(tmp_path, {"base.yml": edit(old, new)}, strict=True)
    assert problems == [], "\n".join(map(str, problems))


def test_strict_turns_warnings_into_errors(tmp_path: Path) -> None:
    text = edit("entities:\n", SPARE_SOURCE + "entities:\n")
    (lenient,) = run(tmp_path, {"base.yml": text})
    (strict,) = run(tmp_path, {"base.yml": text}, strict=True)
    assert (lenient.code, lenient.severity, strict.code, strict.severity) == (
        "unused-source",
        "warning",
        "unused-source",
        "error",
    )
    assert factkit.errors([lenient]) == [] and factkit.errors([strict]) == [strict]


def test_today_is_injectable(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # the summit was scheduled for October 2025: on 2025-10-15 it has not passed yet, so no outcome is needed
    text = edit(
        """    outcome:
      text: "The summit was postponed."
      date: 2025-10~
      citations: [{source: state-paper}]
""",
        "",
    )
    before = dt.date(2025, 10, 31)
    assert [p.code for p in run(tmp_path, {"base.yml": text}, today=before) if p.code == "stale-scheduled"] == []
    monkeypatch.setenv("FACTKIT_TODAY", "2025-11-01")
    assert factkit.today() == dt.date(2025, 11, 1)
    _, problems = factkit.check(tmp_path / "facts", base_dir=tmp_path)
    assert "stale-scheduled" in [p.code for p in problems]


def test_all_problems_at_once_sorted(tmp_path: Path) -> None:
    text = edit("verdict: unverified", "verdict: mostly-true")
    text = edit("expires: 2066", "expires: 2067", text)
    other = "claims:\n  - id: x\n    text: y\n    checked: 2026-11-27\n    citations: [{source: nowhere}]\n"
    problems = run(tmp_path, {"base.yml": text, "a.yml": other})
    assert [(p.path, p.code) for p in problems] == [
        ("facts/a.yml", "unknown-source"),
        (PATH, "terms-mismatch"),
        (PATH, "bad-verdict"),
    ]
    assert problems == sorted(problems)
    out = factkit.report(problems, github=False).splitlines()
    assert out[0].startswith("facts/a.yml:5: unknown source id 'nowhere'") and out[0].endswith("[unknown-source]")
    assert out[-1] == "3 errors, 0 warnings"


def test_github_annotations(tmp_path: Path) -> None:
    problems = run(
        tmp_path,
        {
            "base.yml": edit("verdict: unverified", "verdict: mostly-true"),
            "we,ird:name.yml": "sources: []\nclaim: []\n",
        },
    )
    out = factkit.report(problems, github=True).splitlines()
    line = line_of(edit("verdict: unverified", "verdict: mostly-true"), "mostly-true")
    assert f"::error file={PATH},line={line},title=bad-verdict::verdict 'mostly-true' is not on the scale" in "\n".join(
        out
    )
    assert any(x.startswith("::error file=facts/we%2Cird%3Aname.yml,line=2,title=unknown-field::") for x in out)
    assert factkit.report(problems, github=False).count("::error") == 0
