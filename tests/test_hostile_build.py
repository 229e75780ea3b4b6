"""Hostile input through the site build (issue #6): `mkdocs build` on a minimal site (tests/hostile/minisite,
on the repository's macros) with corpus cases injected into its facts/.

A bad case must fail the build with a non-zero exit, print the located problem, print no traceback,
and write no page: neither into a fresh output folder nor over a site built before. The inert cases
(Jinja in fact text) build, and the Jinja stays text. The builds run side by side (once per module).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from html import unescape
from pathlib import Path

import pytest
import yaml

REPO = Path(__file__).resolve().parent.parent
HERE = Path(__file__).parent / "hostile"
MANIFEST = {c["case"]: c for c in yaml.safe_load((HERE / "manifest.yml").read_text(encoding="utf-8"))}
BAD = ["billion-laughs", "script-tag", "duplicate-id-across-files", "javascript-url", "impossible-dates"]
GOOD = ["jinja-is-inert-text"]


def _site(tmp: Path, case: dict | None) -> Path:
    site = tmp / "site-src"
    shutil.copytree(HERE / "minisite", site)
    facts = site / "facts"
    facts.mkdir()
    shutil.copy(HERE / "base.yml", facts / "base.yml")
    for name in (case or {}).get("files", []):
        shutil.copy(HERE / "cases" / name, facts / name)
    return site


def _start(site: Path, out: Path) -> subprocess.Popen:
    env = {**os.environ, "FACTKIT_TODAY": "2026-11-27", "PYTHONPATH": str(REPO), "NO_MKDOCS_2_WARNING": "1"}
    for name in ("GITHUB_ACTIONS", "FACTKIT_CI"):  # a test build is not a publication
        env.pop(name, None)
    return subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(site / "mkdocs.yml"), "-d", str(out)],
        cwd=site,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )


@pytest.fixture(scope="module")
def builds(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[int, str, Path, Path]]:
    """Each case built once, all at the same time: name -> (exit code, output, output folder, site)."""
    # a good build first, so one bad case can also be built over an existing site
    tmp = tmp_path_factory.mktemp("stale")
    stale_site, stale_out = _site(tmp, None), tmp / "out"
    first = _start(stale_site, stale_out)
    assert first.wait(timeout=120) == 0, first.stdout.read()
    running = {}
    for name in [*BAD, *GOOD]:
        tmp = tmp_path_factory.mktemp(name)
        site, out = _site(tmp, MANIFEST[name]), tmp / "out"
        running[name] = (_start(site, out), out, site)
    case = MANIFEST["script-tag"]
    for name in case["files"]:
        shutil.copy(HERE / "cases" / name, stale_site / "facts" / name)
    stale_before = (stale_out / "index.html").read_bytes()
    running["stale"] = (_start(stale_site, stale_out), stale_out, stale_site)
    done = {}
    for name, (proc, out, site) in running.items():
        output, _ = proc.communicate(timeout=180)
        done[name] = (proc.returncode, output, out, site)
    done["stale-before"] = (0, "", stale_out, stale_site)
    (stale_out / "stale-before.html").write_bytes(stale_before)
    return done


@pytest.mark.parametrize("name", BAD)
def test_bad_facts_fail_the_build_located(builds, name: str) -> None:
    code, output, out, _ = builds[name]
    assert code != 0, output[-2000:]
    assert "Traceback" not in output, output[-4000:]
    assert "The facts have errors; the site was not built" in output
    for file, line, rule in MANIFEST[name]["expect"]:
        assert f"facts/{file}:{line}: " in output and f"[{rule}]" in output, output[-2000:]
    assert not (out / "index.html").exists()
    assert not out.exists() or not list(out.rglob("*.html"))


def test_bad_facts_do_not_overwrite_a_built_site(builds) -> None:
    code, output, out, _ = builds["stale"]
    assert code != 0 and "Traceback" not in output and "[raw-html]" in output
    assert (out / "index.html").read_bytes() == (out / "stale-before.html").read_bytes()
    assert b"<script>fetch" not in (out / "index.html").read_bytes()


def test_jinja_in_facts_builds_and_stays_text(builds) -> None:
    code, output, out, _ = builds["jinja-is-inert-text"]
    assert code == 0, output[-3000:]
    assert "Traceback" not in output
    html = (out / "index.html").read_text(encoding="utf-8")
    text = unescape(html)
    assert "Literal {{ config.extra }} and {% include '/etc/passwd' %} and {# comment #}" in text  # as written
    assert "root:" not in html  # /etc/passwd was not included
