"""`factkit new`: the scaffolded site checks, builds strictly with every claim on a page, is marked fictional on
every page, cites only example.org, uses only existing macros, and never overwrites a file."""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup

import factkit
from factkit import cli, newsite
from factkit.macros import MACROS
from factkit.pagescan import macro_calls
from factkit.schema import fact_schema

REPO = Path(__file__).resolve().parents[1]
ON = dt.date(2026, 2, 1)  # the day the example facts are checked on (no test reads the clock)
TODAY = ON.isoformat()


class _Loader(yaml.SafeLoader):
    """mkdocs.yml with MkDocs' tags (!ENV) read as None."""


_Loader.add_multi_constructor("!", lambda loader, suffix, node: None)
ENV = {**os.environ, "FACTKIT_TODAY": TODAY, "PYTHONPATH": str(REPO), "NO_MKDOCS_2_WARNING": "1"}


def run(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", *args], cwd=cwd, env=ENV, capture_output=True, text=True,
                          timeout=300)


@pytest.fixture(scope="module")
def scaffold(tmp_path_factory) -> Path:
    target = tmp_path_factory.mktemp("new") / "bridge-site"
    assert cli.main(["new", str(target)]) == 0
    return target


@pytest.fixture(scope="module")
def built(scaffold: Path, tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("built") / "site"
    result = run("mkdocs", "build", "--strict", "-d", str(out), cwd=scaffold)
    assert result.returncode == 0, result.stdout + result.stderr
    return out


def test_writes_every_file_of_a_site(scaffold: Path, capsys) -> None:
    for rel in ("mkdocs.yml", "README.md", "requirements.txt", "Makefile", ".gitignore", ".pre-commit-config.yaml",
                ".github/workflows/pr.yml", ".github/workflows/pages.yml", ".github/ISSUE_TEMPLATE/report-error.yml",
                ".github/pull_request_template.md", "macros/__init__.py", "tests/test_site.py",
                "schema/facts.schema.json", "docs/index.md", "docs/methodology.md", "docs/contributing.md",
                "facts/claims.yml", "facts/review.yml"):
        assert (scaffold / rel).is_file(), rel
    assert not list(scaffold.rglob("__pycache__"))
    assert json.loads((scaffold / "schema/facts.schema.json").read_text(encoding="utf-8")) == fact_schema()
    config = yaml.load((scaffold / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_Loader)
    assert config["site_name"] == "Bridge site"  # from the folder's name
    assert [next(iter(p)) if isinstance(p, dict) else p for p in config["plugins"]] == ["search", "factkit", "macros"]
    assert f"factkit>={newsite.factkit_version()}" in (scaffold / "requirements.txt").read_text(encoding="utf-8")
    assert re.search(r"^test: .*\n\t", (scaffold / "Makefile").read_text(encoding="utf-8"), re.MULTILINE)
    for path in (scaffold / "facts").glob("*.yml"):
        assert path.read_text(encoding="utf-8").startswith(
            "# yaml-language-server: $schema=../schema/facts.schema.json\n"), path.name


def test_the_package_data_globs_take_every_template_file() -> None:
    """pyproject.toml's package-data globs (as setuptools expands them) cover every scaffold file, dotfiles too."""
    import glob
    import tomllib

    patterns = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"][
        "package-data"]["factkit"]
    shipped = {p for pattern in patterns for p in glob.glob(pattern, root_dir=REPO / "factkit", recursive=True)}
    missing = [rel for rel in newsite.template_files() if f"scaffold/{rel}" not in shipped]
    assert not missing, missing


def test_facts_pass_the_check(scaffold: Path) -> None:
    facts, problems = factkit.check(scaffold / "facts", base_dir=scaffold, on=ON, strict=True)
    assert not problems, factkit.report(problems)
    assert 6 <= len(facts.claims) <= 10 and 3 <= len(facts.sources) <= 4 and len(facts.entities) == 3
    assert any(c.status == "scheduled" and c.outcome for c in facts.claims.values())
    assert sum(1 for c in facts.claims.values() if c.review) >= 4
    assert any(e.kind == "agreement" and e.terms for e in facts.entities.values())
    assert facts.review is not None
    result = run("factkit", "check", "--no-cache", cwd=scaffold)
    assert result.returncode == 0 and "0 errors, 0 warnings" in result.stdout, result.stdout + result.stderr


def test_every_address_is_on_example_org(scaffold: Path) -> None:
    facts, _ = factkit.check(scaffold / "facts", base_dir=scaffold, on=ON)
    urls = [u for s in facts.sources.values() for u in (s.url, s.archive_url) if u]
    for path in sorted((scaffold / "facts").glob("*.yml")):
        urls += re.findall(r"https?://[^\s\"')\]]+", path.read_text(encoding="utf-8"))
    assert urls
    hosts = {re.match(r"https?://([^/:]+)", u).group(1) for u in urls}
    assert hosts == {"example.org"}, hosts


def test_pages_call_only_existing_macros(scaffold: Path) -> None:
    for page in sorted((scaffold / "docs").glob("*.md")):
        calls = macro_calls(page.read_text(encoding="utf-8"))
        assert calls, page.name
        unknown = [c.name for c in calls if c.name not in MACROS]
        assert not unknown, f"{page.name}: {unknown}"


def test_strict_build_shows_every_claim(scaffold: Path, built: Path) -> None:
    facts, _ = factkit.check(scaffold / "facts", base_dir=scaffold, on=ON)
    html = "".join(p.read_text(encoding="utf-8") for p in built.rglob("*.html"))
    shown = set(re.findall(r'data-claim="([^"]+)"', html))
    assert set(facts.claims) <= shown, sorted(set(facts.claims) - shown)
    assert (built / "data" / "facts.json").is_file() and (built / "sitemap.xml").is_file()


def test_every_page_says_it_is_example_content(scaffold: Path, built: Path) -> None:
    pages = sorted((scaffold / "docs").glob("*.md"))
    assert len(pages) == 8
    for page in pages:
        name = page.stem
        file = built / ("index.html" if name == "index" else f"{name}/index.html")
        soup = BeautifulSoup(file.read_text(encoding="utf-8"), "lxml")
        first = soup.select_one("article .admonition")
        assert first is not None, name
        assert "Example content" in first.get_text() and "made-up" in first.get_text(), name
        shown_before = first.find_previous_sibling(lambda t: t.name not in ("h1", "a") and not t.has_attr("hidden"))
        assert shown_before is None, f"{name}: note not on top"


def test_the_sites_own_test_passes(scaffold: Path) -> None:
    result = run("unittest", "discover", "-s", "tests", cwd=scaffold)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Ran 2 tests" in result.stderr


def test_title_is_written_safely(tmp_path: Path, capsys) -> None:
    title = 'Bridges: "old" & new # 2'
    assert cli.main(["new", str(tmp_path / "s"), "--title", title]) == 0
    config = yaml.load((tmp_path / "s" / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_Loader)
    assert config["site_name"] == title
    assert (tmp_path / "s" / "README.md").read_text(encoding="utf-8").startswith(f"# {title}\n")
    out = capsys.readouterr().out
    assert "Next:" in out and "make build" in out and "make test" in out


def test_refuses_a_non_empty_folder(tmp_path: Path, capsys) -> None:
    (tmp_path / "notes.txt").write_text("mine", encoding="utf-8")
    assert cli.main(["new", str(tmp_path)]) == 2
    err = capsys.readouterr().err
    assert len(err.strip().splitlines()) == 1 and "not empty" in err and "--force" in err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["notes.txt"]


def test_force_never_overwrites(tmp_path: Path, capsys) -> None:
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "index.md").write_text("# My own page\n", encoding="utf-8")
    (tmp_path / "mkdocs.yml").write_text("site_name: Mine\n", encoding="utf-8")
    assert cli.main(["new", str(tmp_path), "--force"]) == 0
    out = capsys.readouterr().out
    assert (tmp_path / "docs" / "index.md").read_text(encoding="utf-8") == "# My own page\n"
    assert (tmp_path / "mkdocs.yml").read_text(encoding="utf-8") == "site_name: Mine\n"
    skipped = out.split("Skipped", 1)[1].split("Next:")[0]
    assert "docs/index.md" in skipped and "mkdocs.yml" in skipped and "docs/sources.md" not in skipped
    assert (tmp_path / "docs" / "sources.md").is_file() and (tmp_path / "facts" / "claims.yml").is_file()
    # a second run writes nothing and changes nothing
    before = {p: p.read_bytes() for p in tmp_path.rglob("*") if p.is_file()}
    assert cli.main(["new", str(tmp_path), "--force"]) == 0
    assert "Wrote 0 files" in capsys.readouterr().out
    assert {p: p.read_bytes() for p in tmp_path.rglob("*") if p.is_file()} == before


@pytest.mark.parametrize("args, words", [
    (["new", "--bogus", "x"], "unrecognized arguments: --bogus"),
    (["new"], "DIR"),
    (["new", "FILE"], "is a file"),
])
def test_a_wrong_call_reads_as_one_line(tmp_path: Path, args: list[str], words: str) -> None:
    (tmp_path / "FILE").write_text("x", encoding="utf-8")
    result = run("factkit", *args, cwd=tmp_path)
    assert result.returncode == 2
    assert "Traceback" not in result.stderr and len(result.stderr.strip().splitlines()) == 1, result.stderr
    assert words in result.stderr and not result.stdout
    assert sorted(p.name for p in tmp_path.iterdir()) == ["FILE"]


def test_help_works() -> None:
    result = run("factkit", "new", "--help", cwd=REPO)
    assert result.returncode == 0 and "--force" in result.stdout
