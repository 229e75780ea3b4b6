"""The editors' workflow files: schema link, pre-commit, GitHub workflows and templates, CONTRIBUTING."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from factkit.checks import RULES
from factkit.cli import main
from factkit.model import VERDICTS
from factkit.schema import fact_schema

ROOT = Path(__file__).resolve().parent.parent
GITHUB = ROOT / ".github"
MODELINE = re.compile(r"^# yaml-language-server: \$schema=(\S+)$")


def load_yaml(path: Path) -> dict:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    if True in data:  # YAML 1.1 reads the workflow key `on:` as a boolean
        data["on"] = data.pop(True)
    return data


# ---- editor support --------------------------------------------------------------------------


def test_committed_schema_is_up_to_date() -> None:
    committed = json.loads((ROOT / "schema" / "facts.schema.json").read_text(encoding="utf-8"))
    assert committed == fact_schema(), "the fact model changed: run `make schema` and commit schema/facts.schema.json"


def test_every_fact_file_points_at_the_schema() -> None:
    files = sorted([*(ROOT / "facts").rglob("*.yml"), *(ROOT / "facts").rglob("*.yaml")])
    assert files
    for path in files:
        first = path.read_text(encoding="utf-8").split("\n", 1)[0]
        found = MODELINE.match(first)
        assert found, f"{path.relative_to(ROOT)}: first line must be the yaml-language-server schema comment"
        target = (path.parent / found.group(1)).resolve()
        assert target == (ROOT / "schema" / "facts.schema.json").resolve(), f"{path.relative_to(ROOT)}: wrong path"


def test_editorconfig() -> None:
    text = (ROOT / ".editorconfig").read_text(encoding="utf-8")
    assert "root = true" in text
    assert re.search(r"\[\*\.\{yml,yaml\}\]\s*\nindent_size = 2", text)
    assert "[Makefile]\nindent_style = tab" in text


# ---- pre-commit and yamllint -------------------------------------------------------------------


def test_pre_commit_hooks_are_local_and_valid() -> None:
    config = load_yaml(ROOT / ".pre-commit-config.yaml")
    assert [r["repo"] for r in config["repos"]] == ["local"]
    hooks = {h["id"]: h for h in config["repos"][0]["hooks"]}
    assert set(hooks) == {"factkit-check", "yamllint", "ruff"}
    assert all(h["language"] == "system" for h in hooks.values())
    assert hooks["factkit-check"]["entry"] == ".venv/bin/python -m factkit check"
    assert hooks["factkit-check"]["pass_filenames"] is False
    assert re.match(hooks["yamllint"]["files"], "facts/claims-visit.yml")
    assert "-c .yamllint" in hooks["yamllint"]["entry"]
    proc = subprocess.run([sys.executable, "-m", "pre_commit", "validate-config", ".pre-commit-config.yaml"],
                          cwd=ROOT, capture_output=True, text=True)
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_yamllint_accepts_the_fact_files_and_catches_layout_slips(tmp_path: Path) -> None:
    proc = subprocess.run([sys.executable, "-m", "yamllint", "-c", ".yamllint", "facts/"],
                          cwd=ROOT, capture_output=True, text=True)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    bad = tmp_path / "bad.yml"
    bad.write_text("claims:\n  - id: x\n    text:   \"a long line " + "word " * 60 + "\"   \n", encoding="utf-8")
    proc = subprocess.run([sys.executable, "-m", "yamllint", "-c", str(ROOT / ".yamllint"), str(bad)],
                          capture_output=True, text=True)
    assert proc.returncode == 1
    assert "trailing-spaces" in proc.stdout and "colons" in proc.stdout
    assert "line-length" not in proc.stdout


# ---- GitHub Actions ----------------------------------------------------------------------------


def _uses(workflow: dict) -> list[str]:
    return [s["uses"].split("@")[0] for job in workflow["jobs"].values() for s in job["steps"] if "uses" in s]


def _runs(workflow: dict) -> str:
    return "\n".join(s.get("run", "") for job in workflow["jobs"].values() for s in job["steps"])


def test_pull_request_workflow_is_read_only_and_runs_everything() -> None:
    text = (GITHUB / "workflows" / "pr.yml").read_text(encoding="utf-8")
    wf = load_yaml(GITHUB / "workflows" / "pr.yml")
    assert set(wf["on"]) == {"pull_request"}
    code_lines = "\n".join(line for line in text.splitlines() if not line.lstrip().startswith("#"))
    assert "pull_request_target" not in code_lines
    assert wf["permissions"] == {"contents": "read"}
    assert all("permissions" not in job for job in wf["jobs"].values())
    assert "secrets." not in text
    (job,) = wf["jobs"].values()
    checkout = next(s for s in job["steps"] if s.get("uses", "").startswith("actions/checkout@"))
    assert checkout["with"] == {"fetch-depth": 0, "persist-credentials": False}
    runs = _runs(wf)
    assert "apt-get install" in runs and "chromium" in runs
    assert "make test" in runs and "make build" in runs
    assert re.search(r'factkit diff "origin/\$BASE_REF" HEAD --strict --out "\$GITHUB_STEP_SUMMARY"', runs)
    # the base branch name reaches the shell through the environment, never pasted into the script
    assert "${{" not in runs


def test_pages_workflow_uses_the_official_actions_and_alone_may_write() -> None:
    wf = load_yaml(GITHUB / "workflows" / "pages.yml")
    assert wf["on"]["push"] == {"branches": ["main"]}
    assert wf["permissions"] == {"contents": "read"}
    assert {"actions/configure-pages", "actions/upload-pages-artifact", "actions/deploy-pages"} <= set(_uses(wf))
    assert wf["jobs"]["deploy"]["permissions"] == {"pages": "write", "id-token": "write"}
    assert "permissions" not in wf["jobs"]["build"]
    assert "--strict" in _runs(wf)
    for path in (GITHUB / "workflows").glob("*.y*ml"):
        if path.name != "pages.yml":
            assert "pages: write" not in path.read_text() and "id-token" not in path.read_text(), path.name


# ---- templates ---------------------------------------------------------------------------------


def test_report_error_form_is_prefillable_by_claim_id() -> None:
    form = load_yaml(GITHUB / "ISSUE_TEMPLATE" / "report-error.yml")
    assert form["name"] == "Report an error in a claim"
    assert form["description"]
    fields = {item["id"]: item for item in form["body"] if "id" in item}
    assert len(fields) == len([i for i in form["body"] if "id" in i])  # ids unique
    assert fields["claim"]["type"] == "input"  # ?template=report-error.yml&claim=<id> fills it
    assert fields["page"]["type"] == "input"
    assert fields["what-is-wrong"]["validations"]["required"] is True
    assert fields["source"]["validations"]["required"] is True
    for item in form["body"]:
        assert item["type"] in {"markdown", "input", "textarea", "dropdown", "checkboxes"}
        assert "attributes" in item
    config = load_yaml(GITHUB / "ISSUE_TEMPLATE" / "config.yml")
    assert isinstance(config["blank_issues_enabled"], bool)


def test_pull_request_checklist() -> None:
    text = (GITHUB / "pull_request_template.md").read_text(encoding="utf-8")
    items = re.findall(r"^- \[ \] (.+)$", text, re.M)
    for words in ("vetted source", "own words", "short and verbatim", "correction entry", "make check"):
        assert any(words in item for item in items), words


# ---- CONTRIBUTING: its commands exist and its words match the engine -------------------------------


CONTRIBUTING = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")


def test_contributing_make_targets_exist() -> None:
    targets = set(re.findall(r"^([a-z-]+):", (ROOT / "Makefile").read_text(encoding="utf-8"), re.M))
    used = set(re.findall(r"`make ([a-z-]+)", CONTRIBUTING)) | set(re.findall(r"^make ([a-z-]+)", CONTRIBUTING, re.M))
    assert used >= {"check", "serve", "diff", "test", "build", "schema"}
    assert used <= targets, used - targets


@pytest.mark.parametrize("sub", sorted(set(re.findall(r"python -m factkit ([a-z]+)", CONTRIBUTING))))
def test_contributing_factkit_commands_exist(sub: str, capsys: pytest.CaptureFixture) -> None:
    with pytest.raises(SystemExit) as exc:
        main([sub, "--help"])
    assert exc.value.code == 0


def test_contributing_rules_command_lists_every_code(capsys: pytest.CaptureFixture) -> None:
    assert main(["rules"]) == 0
    listed = {line.split()[0] for line in capsys.readouterr().out.splitlines() if line.strip()}
    assert listed == set(RULES)
    for code in re.findall(r"^facts/\S+:\d+: .* \[([a-z-]+)\]$", CONTRIBUTING, re.M):
        assert code in RULES, code
    for code in re.findall(r"\(`([a-z]+-[a-z-]+)`", CONTRIBUTING):
        assert code in RULES, code


def test_contributing_error_lines_have_the_real_shape() -> None:
    block = CONTRIBUTING.split("### Read an error line", 1)[1].split("```", 2)[1]
    lines = [line for line in block.splitlines() if line.strip()]
    assert lines
    for line in lines:
        assert re.match(r"^facts/[\w./-]+\.yml:\d+: .+ \[[a-z-]+\]$", line), line


def test_contributing_verdict_scale_matches_the_model() -> None:
    table = CONTRIBUTING.split("### The verdict scale", 1)[1].split("###", 1)[0]
    assert re.findall(r"^\| `([a-z-]+)` \|", table, re.M) == list(VERDICTS)


def test_contributing_yaml_examples_are_valid_fact_records(tmp_path: Path) -> None:
    """The 'add a publisher', 'add a source' and 'add a claim' examples load without format errors."""
    from factkit.loader import load

    blocks = re.findall(r"```yaml\n(.*?)```", CONTRIBUTING, re.S)
    source = next(b for b in blocks if b.startswith("sources:"))
    claim = next(b for b in blocks if b.startswith("claims:"))
    facts = tmp_path / "facts"
    facts.mkdir()
    publisher = next(b for b in blocks if b.startswith("publishers:"))
    (facts / "a.yml").write_text(publisher + source + claim.replace("claims:\n", "claims:\n", 1), encoding="utf-8")
    base, problems = load(facts, base_dir=tmp_path)
    assert problems == []
    assert set(base.sources) == {"tass-1996749"} and set(base.claims) == {"putin-received-delegation"}
    assert set(base.publishers) == {"tass"} and base.sources["tass-1996749"].publisher == "tass"


def test_docs_contributing_page_has_no_stray_template_braces() -> None:
    text = (ROOT / "docs" / "contributing.md").read_text(encoding="utf-8")
    outside_raw = re.sub(r"\{% raw %\}.*?\{% endraw %\}", "", text, flags=re.S)
    calls = re.findall(r"\{\{(.*?)\}\}", outside_raw)
    assert all(re.fullmatch(r"\s*(verdict_scale\(\)|report_url\(\)|report_channels\(\))\s*", c) for c in calls), calls
