"""Translations (factkit.i18n): the rules on them, stale detection, the confirm command, and rendering
in another language (the English marked as not translated, never a blank)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import factkit
from factkit import i18n
from factkit.render import Homes, Renderer, claim_card, claim_inline
from factkit.render.pages import coverage, verdict_scale

BASE = (Path(__file__).parent / "hostile" / "base.yml").read_text(encoding="utf-8")
TODAY = dt.date(2026, 11, 27)
CODES = {"stale-translation", "translation-extra", "duplicate-translation", "unknown-topic", "unknown-review"}


def load(tmp_path: Path, files: dict[str, str]):
    root = tmp_path / "facts"
    root.mkdir(exist_ok=True)
    (root / "base.yml").write_text(BASE, encoding="utf-8")
    for name, text in files.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text, encoding="utf-8")
    return factkit.check(root, base_dir=tmp_path, on=TODAY)


def fresh_hash(tmp_path: Path, kind: str, rid: str) -> str:
    facts, _ = load(tmp_path, {})
    return i18n.text_hash(kind, i18n.original(facts, kind, rid))


def codes(problems) -> list[tuple[str, int, str]]:
    return sorted((p.path, p.line, p.code) for p in problems if p.code in CODES or p.code.startswith("unknown"))


def test_a_current_translation_has_no_problem(tmp_path: Path) -> None:
    h = fresh_hash(tmp_path, "claims", "visit")
    facts, problems = load(tmp_path, {"i18n/ar.yml": f"translations:\n  lang: ar\n  claims:\n    - id: visit\n"
                                                    f"      from: {h}\n      text: \"زار الوزير موسكو.\"\n"})
    assert codes(problems) == []
    assert not i18n.Catalog.of(facts).is_stale("ar", "claims", "visit")


def test_editing_the_english_makes_the_translation_stale(tmp_path: Path) -> None:
    h = fresh_hash(tmp_path, "claims", "visit")
    tr = f"translations:\n  lang: ar\n  claims:\n    - id: visit\n      from: {h}\n      text: \"زار الوزير موسكو.\"\n"
    edited = BASE.replace("The minister *visited* Moscow", "The minister *flew to* Moscow")
    assert edited != BASE
    root = tmp_path / "facts"
    load(tmp_path, {"i18n/ar.yml": tr})
    (root / "base.yml").write_text(edited, encoding="utf-8")
    facts, problems = factkit.check(root, base_dir=tmp_path, on=TODAY)
    stale = [p for p in problems if p.code == "stale-translation"]
    assert [(p.path, p.line, p.severity) for p in stale] == [("facts/i18n/ar.yml", 5, "warning")]
    assert "--confirm visit ar" in stale[0].message
    assert i18n.Catalog.of(facts).is_stale("ar", "claims", "visit")
    # the site marks it, in Arabic
    r = Renderer(facts, Homes(claims={None: "claims/"}))
    r.begin_page("ar/claims/", "ar")
    html = claim_card(r, facts.claims["visit"])
    assert "زار الوزير موسكو" in html and i18n.t("ar", "stale") in html
    # the editor checks it and confirms: the hash is written, the warning goes
    done = i18n.confirm(facts, "visit", "ar", tmp_path)
    assert done.startswith("facts/i18n/ar.yml:5")
    _, problems = factkit.check(root, base_dir=tmp_path, on=TODAY)
    assert [p for p in problems if p.code == "stale-translation"] == []


def test_confirm_adds_a_missing_hash(tmp_path: Path) -> None:
    facts, problems = load(tmp_path, {"i18n/ru.yml": "translations:\n  lang: ru\n  entities:\n    - id: minister\n"
                                                    "      name: Министр\n"})
    assert [p.code for p in problems if p.code in CODES] == ["stale-translation"]
    i18n.confirm(facts, "minister", "ru", tmp_path)
    text = (tmp_path / "facts/i18n/ru.yml").read_text(encoding="utf-8")
    assert "    - id: minister\n      from: " in text
    _, problems = load(tmp_path, {})
    assert [p.code for p in problems if p.code in CODES] == []


def test_rules_on_translations(tmp_path: Path) -> None:
    tr = """translations:
  lang: ar
  claims:
    - id: summit
      explanation: "لا حكم."
    - id: no-such-claim
      text: "نص"
    - id: visit
      text: "<b>نص</b>"
  topics:
    nowhere: "لا مكان"
"""
    dup = ("translations:\n  lang: ar\n  claims:\n    - id: summit\n      text: \"قمة\"\n"
           "  review:\n    reviewer: \"x\"\n")
    _, problems = load(tmp_path, {"i18n/ar.yml": tr, "i18n/ar2.yml": dup})
    found = {(p.path, p.line, p.code) for p in problems}
    assert ("facts/i18n/ar.yml", 5, "translation-extra") in found  # summit has no verdict to explain
    assert ("facts/i18n/ar.yml", 6, "unknown-claim") in found
    assert ("facts/i18n/ar.yml", 9, "raw-html") in found
    assert ("facts/i18n/ar.yml", 10, "unknown-topic") in found
    assert ("facts/i18n/ar2.yml", 4, "duplicate-translation") in found


def test_a_review_translation_without_a_review(tmp_path: Path) -> None:
    no_review = BASE[: BASE.index("review:\n")]
    root = tmp_path / "facts"
    root.mkdir()
    (root / "base.yml").write_text(no_review, encoding="utf-8")
    (root / "tr.yml").write_text("translations:\n  lang: ru\n  review:\n    reviewer: \"Редакция\"\n", encoding="utf-8")
    _, problems = factkit.check(root, base_dir=tmp_path, on=TODAY)
    assert "unknown-review" in {p.code for p in problems}


def test_untranslated_text_is_english_marked_in_the_edition_language(tmp_path: Path) -> None:
    facts, _ = load(tmp_path, {})
    r = Renderer(facts, Homes(claims={None: "claims/"}))
    r.begin_page("ru/visit/", "ru")
    html = claim_inline(r, facts.claims["visit"])
    assert 'lang="en"' in html and "не переведено" in html and "visited" in html
    assert 'href="../claims/#claim-visit"' in html  # the claim's home in the same edition
    r.begin_page("ar/", "ar")
    html = claim_inline(r, facts.claims["visit"])
    assert "غير مترجم" in html and 'dir="ltr"' in html


def test_dates_numbers_and_verdicts_in_each_language(tmp_path: Path) -> None:
    facts, _ = load(tmp_path, {})
    day = facts.claims["visit"].date
    assert i18n.human_date(day, "en") == "31 July 2025"
    assert i18n.human_date(day, "ar") == "31 يوليو 2025"
    assert i18n.human_date(day, "ru") == "31 июля 2025\u202fг."
    assert i18n.number(1234, "ru") == "1\xa0234"
    assert "دقيق" in verdict_scale("ar") and "Точно" in verdict_scale("ru")
    assert i18n.years(49, "ru") == "49 лет" and i18n.years(2, "ar") == "سنتان"
    for lang in ("ar", "ru"):  # every word of the engine exists in both editions
        missing = [k for k, v in i18n.M.items() if lang not in v]
        assert missing == [], (lang, missing)


def test_the_coverage_panel_counts_translated_claims(tmp_path: Path) -> None:
    h = fresh_hash(tmp_path, "claims", "visit")
    facts, _ = load(tmp_path, {"i18n/ar.yml": f"translations:\n  lang: ar\n  claims:\n    - id: visit\n"
                                             f"      from: {h}\n      text: \"زار الوزير موسكو.\"\n"})
    r = Renderer(facts, Homes(claims={None: "claims/"}))
    r.begin_page("ar/fact-check/", "ar")
    assert "1 من 3" in coverage(r)


def test_a_hash_of_digits_is_written_so_yaml_reads_it_as_text() -> None:
    """``translations --confirm`` and the stale-translation message write the hash as YAML: '34968633' unquoted
    would be read back as a number (and rejected), so it is quoted; other hashes stay bare."""
    import yaml

    from factkit.i18n import as_yaml

    for digest in ("34968633", "1e234567", "00000000", "4731d0d2", "e0c880fc", "0e000000"):
        assert yaml.safe_load(f"from: {as_yaml(digest)}") == {"from": digest}, digest
    assert as_yaml("4731d0d2") == "4731d0d2" and as_yaml("34968633") == '"34968633"'


def test_a_fact_file_that_cannot_be_read_does_not_make_its_topics_look_unused(tmp_path: Path) -> None:
    """A translated topic whose only claims sit in a file with a YAML error is not reported as unused: the editor
    would be told to delete a translation that is right (the error in the file is reported, and is enough)."""
    claim = ("claims:\n  - id: dam\n    text: The dam was built.\n    date: '2020-01-01'\n    topics: [dams]\n"
             "    checked: '2026-11-01'\n    citations:\n      - source: s1\n")
    tr = "translations:\n  lang: ar\n  topics:\n    dams: \"السدود\"\n"
    _, problems = load(tmp_path, {"dams.yml": claim, "i18n/ar.yml": tr})
    assert "unknown-topic" not in {p.code for p in problems}
    _, problems = load(tmp_path, {"dams.yml": claim.replace("    text:", "\ttext:")})
    found = {(p.path, p.code) for p in problems}
    assert ("facts/dams.yml", "yaml-tab") in found
    assert "unknown-topic" not in {code for _, code in found}
