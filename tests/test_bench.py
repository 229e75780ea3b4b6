"""The benchmark's generator makes a valid fact base and pages that only name existing ids (not timed)."""

from __future__ import annotations

import importlib.util
import re
from pathlib import Path

import factkit

REPO = Path(__file__).resolve().parent.parent


def _bench():
    spec = importlib.util.spec_from_file_location("bench", REPO / "scripts" / "bench.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_generated_facts_check_clean_and_pages_use_real_ids(tmp_path):
    bench = _bench()
    info = bench.generate_facts(tmp_path, 60, 12)
    bench.generate_pages(tmp_path, 60, 12, info)
    facts, problems = factkit.check(tmp_path / "facts", base_dir=tmp_path, on=factkit.today(bench.TODAY))
    assert factkit.errors(problems) == []
    assert (len(facts.claims), len(facts.sources)) == (60, info["sources"] + 1)
    assert facts.timeline and facts.review and len(facts.review.statements) == 21
    assert {e.kind for e in facts.entities.values()} >= {"person", "agreement"}
    used = set()
    for page in (tmp_path / "docs").rglob("*.md"):
        used |= set(re.findall(r"'(c-\d+|ent-\d+)'", page.read_text(encoding="utf-8")))
    assert used and used <= set(facts.claims) | set(facts.entities)
    assert len(list((tmp_path / "docs").glob("sec-*/*.md"))) == 12
    assert 0 < bench.yaml_floor(tmp_path) < 60


def test_table_renders():
    bench = _bench()
    row = {"claims": 10, "pages": 2, "check_cold": (0.5, 0.45), "check_warm": (0.2, 0.18), "check_edit": (0.3, 0.25),
           "check_nocache_1job": (0.6, 0.55), "yaml_floor": 0.25, "build_engine": 2.0, "build_plain": 1.9,
           "ratio": 2.0 / 1.9, "engine_own": 0.1,
           "cpu_engine": 1.5, "cpu_plain": 1.4, "rebuild_edit": 1.8, "engine_mb": 80.0, "plain_mb": 70.0,
           "largest_bytes": 2048, "largest_page": "claims/index.html", "search_bytes": 10**6,
           "plain_search_bytes": 10**6}
    text = bench.table([row])
    assert text.count("\n") == 2 and "10 / 2" in text and "1.05" in text and "0.20 / 0.18 s" in text
    assert "0.1 s (5.0% of the build)" in text
    assert bench.events("event config          0.31 s\nevent page_markdown   2.50 s\nnoise\n") == {
        "event config": 0.31, "event page_markdown": 2.5}
    checks = bench.table([row], check_only=True)
    assert "0.20 / 0.18 s" in checks and "engine build" not in checks and "YAML events" in checks


def test_engine_config_builds_a_generated_site(tmp_path):
    """The benchmark's engine config builds its synthetic site (the repository's own content settings,
    such as topic labels, must not leak into it)."""
    import shutil
    import subprocess
    import sys

    bench = _bench()
    info = bench.generate_facts(tmp_path, 40, 4)
    bench.generate_pages(tmp_path, 40, 4, info)
    shutil.copytree(REPO / "macros", tmp_path / "macros", ignore=shutil.ignore_patterns("__pycache__"))
    config = bench.write_config(tmp_path, "docs", "site-engine", engine=True)
    run = subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(config)], cwd=tmp_path,
                         env=bench._env(), capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, run.stdout + run.stderr
    assert (tmp_path / "site-engine" / "index.html").exists() or list((tmp_path / "site-engine").rglob("*.html"))


def test_every_edit_changes_the_fact_file(tmp_path):
    """Each measured "edit" is a real change (a no-op edit would time a warm run instead)."""
    bench = _bench()
    bench.generate_facts(tmp_path, 20, 2)
    path = tmp_path / "facts" / "claims-00.yml"
    seen = {path.read_bytes()}
    for n in (1, 2, 3):
        bench.edit_one_fact(tmp_path, n)
        seen.add(path.read_bytes())
    assert len(seen) == 4
    assert "Claim 1 (edit 3): the" in path.read_text(encoding="utf-8")
