"""The run cache of ``factkit check``: JSON data, a hit equals a fresh check, any change is a miss."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
WATER = REPO / "tests" / "fixtures" / "sites" / "water"


def run(cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "FACTKIT_TODAY": "2026-11-27"}
    return subprocess.run([sys.executable, "-X", "importtime", "-m", "factkit", "check", *args], cwd=cwd, env=env,
                          capture_output=True, text=True, timeout=60)


def test_a_hit_answers_like_a_fresh_check_without_the_model(tmp_path: Path) -> None:
    shutil.copytree(WATER / "facts", tmp_path / "facts")
    fresh = run(tmp_path, "--no-cache")
    first = run(tmp_path)
    assert not (tmp_path / ".factkit-cache").exists() or first.stdout == fresh.stdout
    cache = tmp_path / ".factkit-cache"
    assert (cache / ".gitignore").read_text(encoding="utf-8").splitlines()[-1] == "*"  # ignored, as ruff's is
    json.loads((cache / "last-check.json").read_text(encoding="utf-8"))  # data, not code
    hit = run(tmp_path)
    assert hit.stdout == fresh.stdout and hit.returncode == fresh.returncode
    assert "pydantic" not in hit.stderr  # -X importtime lists every import: the hit never loads the model
    assert "pydantic" in first.stderr


def test_any_change_to_a_fact_file_or_the_day_is_a_miss(tmp_path: Path) -> None:
    shutil.copytree(WATER / "facts", tmp_path / "facts")
    assert run(tmp_path).returncode == 0
    claims = tmp_path / "facts" / "claims.yml"
    claims.write_text(claims.read_text(encoding="utf-8").replace("checked: 2026-11-20", "checkd: 2026-11-20", 1),
                      encoding="utf-8")
    broken = run(tmp_path)
    assert broken.returncode == 1 and "[unknown-field]" in broken.stdout and "pydantic" in broken.stderr
    assert run(tmp_path).stdout == broken.stdout  # and the broken result is kept too
    env_day = {**os.environ, "FACTKIT_TODAY": "2026-11-28"}
    other_day = subprocess.run([sys.executable, "-X", "importtime", "-m", "factkit", "check"], cwd=tmp_path,
                               env=env_day, capture_output=True, text=True, timeout=60)
    assert "pydantic" in other_day.stderr


def test_a_damaged_or_planted_cache_is_ignored(tmp_path: Path) -> None:
    shutil.copytree(WATER / "facts", tmp_path / "facts")
    good = run(tmp_path)
    path = tmp_path / ".factkit-cache" / "last-check.json"
    for planted in ["not json", json.dumps({"key": "x", "counts": [0, 0, 0], "problems": []}), "[]"]:
        path.write_text(planted, encoding="utf-8")
        again = run(tmp_path)
        assert again.stdout == good.stdout and "pydantic" in again.stderr


def test_the_pages_are_kept_apart_from_the_facts(tmp_path: Path) -> None:
    """After a fact edit the pages' check answers from the cache; after a page edit it reads the pages again."""
    shutil.copytree(WATER / "facts", tmp_path / "facts")
    shutil.copytree(WATER / "docs", tmp_path / "docs")
    assert run(tmp_path).returncode == 0
    kept = tmp_path / ".factkit-cache" / "last-check.json"
    data = json.loads(kept.read_text(encoding="utf-8"))
    marker = ["docs/index.md", 1, "editor-note", "kept in the cache", "error"]
    data["pages"]["problems"] = [marker]  # what the cache says of the pages, under their key
    kept.write_text(json.dumps(data), encoding="utf-8")
    claims = tmp_path / "facts" / "claims.yml"
    claims.write_text(claims.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    after_fact_edit = run(tmp_path)
    assert "pydantic" in after_fact_edit.stderr  # the facts were checked again...
    assert "kept in the cache" in after_fact_edit.stdout  # ...the unchanged pages were not
    page = tmp_path / "docs" / "index.md"
    page.write_text(page.read_text(encoding="utf-8") + "\nTODO: ask the desk.\n", encoding="utf-8")
    after_page_edit = run(tmp_path)
    assert after_page_edit.returncode == 1 and "[editor-note]" in after_page_edit.stdout
    assert "kept in the cache" not in after_page_edit.stdout and "pydantic" not in after_page_edit.stderr
    assert run(tmp_path).stdout == after_page_edit.stdout  # the pages' problems are kept too
