"""The benchmark's parts at a tiny size (no timing is asserted): the generator makes a valid fact base and pages
that only name existing ids, the floor gets the same HTML, CSS, JS and templates as the engine build, the
live-preview edits are real and valid edits, and the live-preview measurement runs against a real server."""

from __future__ import annotations

import importlib.util
import re
import shutil
import subprocess
import sys
from pathlib import Path

import factkit

REPO = Path(__file__).resolve().parent.parent


def _bench():
    spec = importlib.util.spec_from_file_location("bench", REPO / "scripts" / "bench.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _site(tmp_path, bench, claims=40, pages=4):
    info = bench.generate_facts(tmp_path, claims, pages)
    bench.generate_pages(tmp_path, claims, pages, info)
    shutil.copytree(REPO / "macros", tmp_path / "macros", ignore=shutil.ignore_patterns("__pycache__"))
    return info


def _checked(root, bench):
    """(the facts, their errors as text)."""
    facts, problems = factkit.check(root / "facts", base_dir=root, on=factkit.today(bench.TODAY))
    return facts, [str(p) for p in factkit.errors(problems)]


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


def test_tables_render():
    bench = _bench()
    row = {"claims": 10, "pages": 2, "check_cold": (0.5, 0.45), "check_warm": (0.2, 0.18), "check_edit": (0.3, 0.25),
           "check_nocache_1job": (0.6, 0.55), "yaml_floor": 0.25, "build_engine": 2.0, "build_plain": 1.9,
           "ratio": 2.0 / 1.9, "engine_own": 0.1, "engine_own_cpu": 0.08,
           "cpu_engine": 1.5, "cpu_plain": 1.4, "rebuild_edit": 1.8, "engine_mb": 80.0, "plain_mb": 70.0,
           "largest_bytes": 2048, "largest_page": "claims/index.html", "search_bytes": 10**6,
           "plain_search_bytes": 10**6}
    text = bench.table([row])
    assert text.count("\n") == 2 and "10 / 2" in text and "1.05" in text and "0.20 / 0.18 s" in text
    assert "0.1 / 0.1 s CPU (5.0% of the build)" in text
    printed = "event config          0.31 s     0.29 s CPU\nevent page_markdown   2.50 s     2.10 s CPU\nnoise\n"
    assert bench.events(printed) == {"event config": 0.31, "event page_markdown": 2.5}
    assert bench.events(printed, cpu=True) == {"event config": 0.29, "event page_markdown": 2.1}
    checks = bench.table([row], check_only=True)
    assert "0.20 / 0.18 s" in checks and "engine build" not in checks and "YAML events" in checks

    served = {"site": "flagship", "ready": 3.21, "timeout": 20.0,
              "claim": [(0.9, 0.5), (1.1, 0.6), (0.7, 0.4)], "claim_whole": [1.5, 1.6, None],
              "excerpt": [(1.0, 0.5)] * 3,
              "added": [(1.2, 0.7), (None, None), (1.4, 0.8)], "broken": [(None, None)] * 3,
              "prose": [(0.6, 0.4)] * 3, "prose_whole": [0.65] * 3,
              "other": [(200, 0.02, True), None, (200, 0.04, True)], "back": [(0.8, 0.3)] * 3}
    text = bench.serve_table([served])
    assert "| 0.60 s / 0.40 s (0.60–0.60) | 0.65 s (0.65–0.65) |" in text  # a page's prose edited
    assert "| flagship | 3.2 s | 0.90 s / 0.50 s (0.70–1.10) | 1.55 s (1.50–1.60); 1 of 3: no answer |" in text
    assert "1.30 s / 0.75 s (1.20–1.40); 1 of 3: no answer" in text
    assert "no answer (> 20 s)" in text and "200 (error page) in 0.03 s; 1 of 3: no answer" in text
    built = {"site": "flagship", "first": 2.5, "first_cpu": 2.0, "build": 1.5, "build_cpu": 1.2, "build_min": 1.4,
             "build_max": 1.9, "builds": 5, "build_inside": 1.0, "build_inside_cpu": 0.9, "build_mb": 70.0,
             "largest": ("claims/index.html", 4096)}
    assert "1.50 / 1.20 s (1.40–1.90, n=5) | 1.00 / 0.90 s |" in bench.flagship_table([built])


def test_engine_events_are_the_plugins_build_events():
    """ENGINE_EVENTS (the engine's own time) lists every build event the factkit and macros plugins implement."""
    from mkdocs_macros.plugin import MacrosPlugin

    from factkit.hosts import mkdocs as host

    bench = _bench()
    implemented = {f"event {name[3:]}" for plugin in (host.FactkitPlugin, MacrosPlugin) for name in vars(plugin)
                   if name.startswith("on_") and name not in ("on_serve", "on_shutdown")}
    assert set(bench.ENGINE_EVENTS) == implemented
    assert bench.ASSETS == host.ASSETS


def test_floor_gets_the_engine_html_css_js_and_templates(tmp_path):
    """The engine config builds a generated site (the repository's own topic labels and editions do not leak into
    it); the floor's pages carry the macros' HTML itself (not the plugin's placeholders) and what the plugin adds
    after the Markdown, and its build links factkit's CSS and JS and uses its templates and their values: both
    builds give the same page, give or take whitespace. scripts/event_times.py times the floor from inside."""
    bench = _bench()
    _site(tmp_path, bench)
    engine, plain = bench.make_floor(tmp_path)
    page = (tmp_path / "plain-docs" / bench.page_path(1)).read_text(encoding="utf-8")
    assert "FKFRAG" not in page and 'data-claim="c-00001"' in page and '<section class="fk-refs"' in page
    for config, cmd in ((engine, ["-m", "mkdocs"]), (plain, [str(bench.EVENT_TIMES)])):
        run = subprocess.run([sys.executable, *cmd, "build", "-q", "-f", str(config)], cwd=tmp_path, env=bench._env(),
                             capture_output=True, text=True, timeout=300)
        assert run.returncode == 0, run.stdout + run.stderr
    wall, cpu = bench.events(run.stderr), bench.events(run.stderr, cpu=True)  # the floor, timed inside the build
    assert wall.keys() >= {"total (after imports)", "event config"} and 0 < cpu["total (after imports)"] < 300
    rel = bench.page_path(1)[: -len(".md")] + "/index.html"
    engine_html = (tmp_path / "site" / rel).read_text(encoding="utf-8")
    floor_html = (tmp_path / "site-plain" / rel).read_text(encoding="utf-8")
    for html in (engine_html, floor_html):
        assert 'data-claim="c-00001"' in html and "FKFRAG" not in html and 'class="fk-refs"' in html
        assert all(asset in html for asset in bench.ASSETS)
        assert 'property="og:title"' in html and 'rel="alternate" type="application/atom+xml"' in html  # the theme
    note = re.compile(r'<p class="fk-badge-note">.*?</p>')  # after the title in the floor, not before a claim
    assert note.search(engine_html) and note.search(floor_html)
    assert re.sub(r"\s+", "", note.sub("", engine_html)) == re.sub(r"\s+", "", note.sub("", floor_html))
    configs = engine.read_text(encoding="utf-8") + plain.read_text(encoding="utf-8")
    assert "i18n" not in configs and "translations" not in configs and "topics" not in configs
    assert "factkit" not in plain.read_text(encoding="utf-8").split("plugins:")[1].split("validation:")[0]


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


def test_live_preview_edits_are_valid_and_the_broken_one_is_an_error(tmp_path):
    """The live-preview edits, found in the site's own files: each keeps the facts valid and puts its marker in the
    text the page shows; the broken date is a located error; the flagship has something to edit too."""
    bench = _bench()
    _site(tmp_path, bench)
    (tmp_path / "docs" / "aaa.md").write_text("{% raw %}{{ sources_list() }} {{ claim('c-00002') }}{% endraw %}\n")
    (tmp_path / "docs" / "claims.ar.md").write_text("{{ claims_index() }}\n")  # another edition's page
    edits = bench.pick_edits(tmp_path)
    assert edits["claim"]["page"] == "/" + bench.page_path(0)[: -len(".md")] + "/"
    assert edits["prose"] == {"path": tmp_path / "docs" / bench.page_path(0), "page": edits["claim"]["page"]}
    facts, _ = _checked(tmp_path, bench)  # split lists: a source is on its publisher's page, a claim on its topic's
    publisher = facts.sources[edits["excerpt"]["source"]].publisher
    topic = edits["added"]["template"]["topics"][0]
    assert (edits["excerpt"]["page"], edits["added"]["page"], edits["other"]) == (
        f"/sources/{publisher}/", f"/claims/{topic}/", "/")
    for kind in ("claim", "excerpt"):
        path, j = edits[kind]["path"], edits[kind]["text_line"]
        before = path.read_bytes()
        line = before.decode().splitlines(keepends=True)[j]
        path.write_bytes(bench._with_line(before, j, bench.prefixed(line, "fkbenchZ1x")))
        facts, errors = _checked(tmp_path, bench)
        assert errors == [], kind
        texts = [c.text for c in facts.claims.values()] + [e.text for s in facts.sources.values() for e in s.excerpts]
        assert any(t.startswith("fkbenchZ1x ") for t in texts), kind
        path.write_bytes(before)
    added = edits["added"]
    before = added["path"].read_bytes()
    added["path"].write_bytes(before + bench.added_claim(added["template"], "fkbenchZ2x", 7, added["indent"]).encode())
    facts, errors = _checked(tmp_path, bench)
    assert errors == [] and facts.claims["bench-added-7"].text.startswith("fkbenchZ2x ")
    added["path"].write_bytes(before)
    claim = edits["claim"]
    line = claim["path"].read_text(encoding="utf-8").splitlines(keepends=True)[claim["checked_line"]]
    claim["path"].write_bytes(bench._with_line(claim["path"].read_bytes(), claim["checked_line"],
                                               re.sub(r"\d{4}-\d\d-\d\d", bench.BROKEN_DATE, line, count=1)))
    _, errors = _checked(tmp_path, bench)
    assert len(errors) == 1 and "[bad-date]" in errors[0]
    assert bench.prefixed("  text: 'It''s here'\n", "M") == "  text: 'M It''s here'\n"
    assert bench.prefixed("  - text: plain words\n", "M") == "  - text: M plain words\n"
    assert bench.prefixed("  text: >-\n", "M") is None
    assert [bench.page_url(p) for p in ("index.md", "visit.md", "a/index.md", "a/b.md")] == ["/", "/visit/", "/a/",
                                                                                             "/a/b/"]
    flagship = bench.copy_flagship(REPO, tmp_path / "flagship").parent
    found = bench.pick_edits(flagship)
    assert (found["excerpt"]["page"], found["added"]["page"], found["other"]) == ("/sources/", "/claims/", "/")


def test_live_preview_figures_against_a_real_server(tmp_path):
    """One save of each kind against ``mkdocs serve`` on a tiny site: every save reaches its page, the broken date
    brings the errors over the pages while another page still answers (its last good version), and the fact files
    are restored afterwards."""
    bench = _bench()
    _site(tmp_path, bench, claims=20, pages=2)
    config = bench.write_config(tmp_path, "docs", "site", True)
    before = {p: p.read_bytes() for p in (tmp_path / "facts").iterdir()}
    r = bench.serve_figures(tmp_path, config, bench._env(), lambda _: None, "tiny", runs=1)
    pages = {p: p.read_bytes() for p in (tmp_path / "docs").rglob("*.md")}
    for kind in ("claim", "excerpt", "added", "prose", "broken", "back"):
        assert len(r[kind]) == 1 and r[kind][0][0] is not None, (kind, (tmp_path / "serve.log").read_text())
    status, _, error_page = r["other"][0]
    assert status == 200 and not error_page
    assert {p: p.read_bytes() for p in (tmp_path / "facts").iterdir()} == before
    assert {p: p.read_bytes() for p in (tmp_path / "docs").rglob("*.md")} == pages
    assert "fk-build-error" not in bench.serve_table([r])
