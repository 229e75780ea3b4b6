#!/usr/bin/env python3
"""Scale benchmark (``make bench``): a synthetic fact base and site, checked and built, as tables.

For each size (N claims over M pages) it writes, in a temporary folder, facts (N claims in files
of 1,000, N/5 sources, N/50 entities incl. people with roles and agreements with terms, dated
claims at every precision incl. periods and scheduled events with outcomes, a review with
statements and verdicts) and M pages that call the real macros (claim, claim_card, claims,
timeline, entities, sources_list, claims_index, article_review, counts), then measures:

* ``check``: cold (no cache), warm (nothing changed) and after editing one fact, as the CLI runs;
* the full ``mkdocs build`` with the engine, and again after editing one fact;
* the floor: the same pages with the macro output pre-rendered into plain Markdown/HTML, built
  with the same theme, templates, CSS, JS, extensions and plugins minus factkit and macros; the ratio;
* peak memory (max RSS of the build process), the largest page and the search index size;
* the live preview (``mkdocs serve``): save -> updated page for an edited claim text, an edited
  excerpt no citation quotes, an appended claim, and a broken fact -> its errors shown over the pages.

It also measures the flagship (this repository's own site, copied to a temporary folder): its full
``mkdocs build`` and the same live-preview figures. ``--flagship-engine DIR`` measures the flagship of
another checkout (its site files and its engine, e.g. an older commit) for a before/after comparison.

Usage: ``python scripts/bench.py [--quick] [--sizes 1000:100,10000:1000] [--keep DIR] [--no-serve]
[--no-flagship | --flagship-only] [--flagship-engine DIR]``. This is a benchmark, not a test: short
commands are the median of several runs, builds the best of two; on a shared machine read them with
the load average printed first. tests/test_bench.py runs every part at a tiny size.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
TODAY = "2026-11-27"
CLAIMS_PER_FILE = 1000
PAGES_PER_SECTION = 50
_TEXT = ("the delegation talks agreement port base minister visit treaty council fleet troops airfield "
         "sanctions envoy summit statement report source week month year region government capital "
         "question answer position record meeting delegate memorandum lease")
WORDS = tuple(_TEXT.split(" "))
ENTITY_KINDS = ("person", "organisation", "place", "agreement", "event")
VERDICTS = ("accurate", "needs-context", "misleading", "inaccurate", "unverified")


def _q(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _words(rng: random.Random, n: int) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(n))


def _date(rng: random.Random, i: int) -> str | None:
    """Claim dates from 2015 to 2025 at every supported precision (about 10% undated)."""
    kind = i % 10
    y, m, d = rng.randint(2015, 2025), rng.randint(1, 12), rng.randint(1, 28)
    if kind == 0:
        return None
    if kind == 1:
        return f"{y}"
    if kind == 2:
        return f"{y}-{m:02d}"
    if kind == 3:
        return f"{y}~"
    if kind == 4:
        return f"{y}-{m:02d}?"
    if kind == 5:
        return f"{min(y, 2024)}/{min(y, 2024) + 1}"
    return f"{y}-{m:02d}-{d:02d}"


def generate_facts(root: Path, n_claims: int, n_pages: int, seed: int = 1) -> dict:
    """Write facts/ under root; return the ids pages may use."""
    rng = random.Random(seed)
    facts = root / "facts"
    facts.mkdir(parents=True, exist_ok=True)
    n_sources = max(10, n_claims // 5)
    n_entities = max(10, n_claims // 50)
    n_topics = max(1, n_pages // 10)
    excerpts: list[list[str]] = []
    out = ["publishers:", "  - id: example-daily", "    name: Example Daily", "    kind: newspaper"]
    for n in range(60):
        out += [f"  - id: publisher-{n}", f"    name: Publisher {n}", "    kind: news-agency"]
        if n % 10 == 9:
            out.append("    reliability: \"State media.\"")
    out += ["sources:"]
    out += ["  - id: article", "    title: \"The article under review\"", "    publisher: example-daily",
            "    url: \"https://example.org/article\"", "    published: 2025-08-01",
            "    published_from: page_metadata", f"    accessed: {TODAY}", "    language: en",
            "    kind: reviewed-article",
            "    excerpts:", "      - text: \"The article says the delegation met the minister.\""]
    out += [f"      - text: \"The article makes statement {i} about the visit.\"" for i in range(min(20, n_claims))]
    for s in range(n_sources):
        texts = [f"Excerpt {s}-{k}: {_words(rng, 18)}." for k in range(2)]
        excerpts.append(texts)
        out += [f"  - id: src-{s:05d}", f"    title: {_q('Report ' + _words(rng, 6))}",
                f"    publisher: publisher-{s % 60}", f"    url: \"https://example.org/news/{s}\"",
                f"    published: 2026-{1 + s % 10:02d}-{1 + s % 28:02d}", "    published_from: page_metadata",
                f"    accessed: {TODAY}", "    language: en", f"    kind: {('news', 'official', 'analysis')[s % 3]}"]
        if s % 10 == 9:
            out.append("    reliability: \"State media.\"")
        out.append("    excerpts:")
        out += [f"      - text: {_q(t)}" for t in texts]
    (facts / "sources.yml").write_text("\n".join(out) + "\n", encoding="utf-8")

    def cite(s: int, quote: bool) -> list[str]:
        lines = [f"      - source: src-{s:05d}"]
        if quote:
            lines.append(f"        quote: {_q(' '.join(excerpts[s][s % 2].split()[1:6]))}")
        return lines

    def unflagged(k: int) -> int:
        s = k % n_sources
        return s - 1 if s % 10 == 9 else s

    out = ["entities:"]
    for e in range(n_entities):
        kind = ENTITY_KINDS[e % 5]
        out += [f"  - id: ent-{e:04d}", f"    name: {_q('Entity ' + str(e) + ' ' + _words(rng, 2))}",
                f"    kind: {kind}", f"    description: {_q(_words(rng, 12))}",
                f"    aliases: [{_q('Alias ' + str(e))}]"]
        if kind == "person":
            out += ["    roles:", f"      - title: {_q('Minister of ' + rng.choice(WORDS))}", "        start: 2024-12",
                    "        citations:", f"          - source: src-{unflagged(e):05d}"]
        if kind == "agreement":
            out += ["    terms:", "      signed: 2017-01-18", "      term_years: 49", "      expires: 2066",
                    "      renewal_years: 25", "      citations:", f"        - source: src-{unflagged(e):05d}"]
    (facts / "entities.yml").write_text("\n".join(out) + "\n", encoding="utf-8")

    reviewed = list(range(min(20, n_claims)))
    for f0 in range(0, n_claims, CLAIMS_PER_FILE):
        out = ["claims:"]
        for i in range(f0, min(n_claims, f0 + CLAIMS_PER_FILE)):
            page = i % n_pages
            date = _date(rng, i)
            s1, s2 = unflagged(i * 7 + 3), (i * 13 + 5) % n_sources
            out += [f"  - id: c-{i:05d}",
                    f"    text: {_q(f'Claim {i}: the *{rng.choice(WORDS)}* ' + _words(rng, 22) + '.')}"]
            if i % 97 == 0 and date is not None:
                out += ["    date: 2025-06-01", "    status: scheduled", "    outcome:",
                        "      text: \"It took place as planned.\"", "      date: 2025-06-02", "      citations:",
                        f"        - source: src-{s2:05d}"]
            elif date is not None:
                out.append(f"    date: {date}")
            out.append("    citations:")
            out += cite(s1, quote=True) + cite(s2, quote=i % 3 == 0)
            out.append(f"    entities: [ent-{i % n_entities:04d}, ent-{(i * 3 + 1) % n_entities:04d}]")
            out.append(f"    topics: [topic-{(page // 10) % n_topics:03d}]")
            out.append(f"    checked: {TODAY}")
            if i % 5 == 4:
                out.append(f"    related: [c-{i - 1:05d}]")
            if i in reviewed:
                out += ["    review:", f"      verdict: {VERDICTS[i % 5]}", f"      wording: \"statement {i}\"",
                        f"      explanation: {_q(_words(rng, 14) + '.')}"]
        (facts / f"claims-{f0 // CLAIMS_PER_FILE:02d}.yml").write_text("\n".join(out) + "\n", encoding="utf-8")

    out = ["review:", "  article: article", "  reviewer: \"Bench fact-check desk\"", f"  published: {TODAY}",
           "  statements:"]
    for k, i in enumerate(reviewed):
        out += [f"    - ref: p{k + 1}.s1", f"      starts: \"Statement {i}\"", f"      claims: [c-{i:05d}]"]
    out += [f"    - ref: p{len(reviewed) + 1}.s1", "      starts: \"Analysts view\"",
            "      not_checked: \"Opinion; no factual statement.\""]
    (facts / "review.yml").write_text("\n".join(out) + "\n", encoding="utf-8")
    return {"claims": n_claims, "sources": n_sources, "entities": n_entities, "topics": n_topics}


def page_path(p: int) -> str:
    return f"sec-{p // PAGES_PER_SECTION:03d}/page-{p:05d}.md"


def generate_pages(root: Path, n_claims: int, n_pages: int, info: dict, seed: int = 2) -> None:
    """Write docs/: M content pages (about 10 claims each) and the generated pages."""
    rng = random.Random(seed)
    docs = root / "docs"
    docs.mkdir(parents=True, exist_ok=True)
    # the generated lists are split as a large site splits them (no page over 2 MB): the claims and the timeline
    # a page per topic, the sources a page per publisher (the reviewed article's publisher stays on sources.md),
    # the entities a page per kind
    topics = [f"topic-{t:03d}" for t in range(info["topics"])]
    publishers = [f"publisher-{n}" for n in range(min(60, info["sources"]))]
    fixed = {
        "index.md": "# Overview\n\n{{ claim_count() }} claims, {{ source_count() }} sources, "
                    "{{ entity_count() }} entities; {{ verdict_count('accurate') }} rated accurate.\n\n"
                    "The signing in {{ signed('ent-0003') }} runs {{ term_years('ent-0003') }} years.\n",
        "sources.md": "# Sources\n\nBy publisher: " + ", ".join(f"[{p}](sources/{p}.md)" for p in publishers)
                      + ".\n\n{{ sources_list() }}\n",
        "claims.md": "# All claims\n\nBy topic: " + ", ".join(f"[{t}](claims/{t}.md)" for t in topics) + ".\n",
        "timeline.md": "# Timeline\n\nBy topic: " + ", ".join(f"[{t}](timeline/{t}.md)" for t in topics) + ".\n",
        "entities.md": "# People, places and agreements\n\nBy kind: " + ", ".join(
            f"[{k}](entities/{k}.md)" for k in ENTITY_KINDS) + ".\n",
        "fact-check.md": "# Fact-check\n\n{{ article_review() }}\n\n{{ verdict_scale() }}\n",
    }
    for t in topics:
        fixed[f"claims/{t}.md"] = f"# Claims: {t}\n\n{{{{ claims_index(topic='{t}') }}}}\n"
        fixed[f"timeline/{t}.md"] = f"# Timeline: {t}\n\n{{{{ timeline(topic='{t}') }}}}\n"
    for k in ENTITY_KINDS:
        fixed[f"entities/{k}.md"] = f"# {k.capitalize()}\n\n{{{{ entities(kind='{k}') }}}}\n"
    for p in publishers:
        fixed[f"sources/{p}.md"] = f"# Sources: {p}\n\n{{{{ sources_list(publisher='{p}') }}}}\n"
    for name, text in fixed.items():
        (docs / name).parent.mkdir(parents=True, exist_ok=True)
        (docs / name).write_text(text, encoding="utf-8")
    by_page: list[list[int]] = [[] for _ in range(n_pages)]
    for i in range(n_claims):
        by_page[i % n_pages].append(i)
    for p in range(n_pages):
        path = docs / page_path(p)
        path.parent.mkdir(parents=True, exist_ok=True)
        lines = [f"# Page {p}: {_words(rng, 3)}", ""]
        ids = by_page[p]
        for sec in range(3):
            lines += [f"## Part {sec + 1}", ""]
            for _ in range(3):
                para = _words(rng, 30) + "."
                if ids and rng.random() < 0.5:
                    para += f" {{{{ claim('c-{ids[0]:05d}') }}}}"
                    ids = ids[1:]
                lines += [para, ""]
            if sec == 1 and p > 0:
                lines += [f"See also [the previous page](../{page_path(p - 1)}).", ""]
        lines += [f"{{{{ claim_card('c-{i:05d}') }}}}\n" for i in ids]
        if p % 10 == 0:
            topic = f"topic-{(p // 10) % info['topics']:03d}"
            lines += ["## On this topic", "", f"{{{{ timeline(topic='{topic}') }}}}", "",
                      "## About one entity", "", f"{{{{ entity_card('ent-{p % info['entities']:04d}') }}}}", "",
                      f"{{{{ claims(entity='ent-{p % info['entities']:04d}', topic='{topic}') }}}}", ""]
        path.write_text("\n".join(lines), encoding="utf-8")


DUMP_HOOK = '''"""Bench helper: write each page's Markdown after the macros have run (the floor's input).

The factkit plugin keeps each macro's HTML aside and leaves a token (FKFRAG<n>Z) in the Markdown, so
Markdown never parses that HTML (the plugin puts it back in on_page_content). The floor is plain MkDocs
on the pages as a macros-only site would have them: the HTML itself in the Markdown, parsed by
Python-Markdown (md_in_html) like any page's raw HTML. What the plugin adds after the Markdown is put in the
page too (the list of the sources a page cites at its end, the note on badges after its title); the values
the plugin gives the theme's templates are kept for the floor's hook (floor_hook.py).
"""
import json
import os
import re
from pathlib import Path

from mkdocs.plugins import event_priority

TOKEN = re.compile(r"FKFRAG(\\d+)Z")
REFS = \'<section class="fk-refs"\'
NOTE = re.compile(r\'<p class="fk-badge-note">.*?</p>\')


def _out(page):
    return Path(os.environ["BENCH_DUMP"]) / page.file.src_uri


@event_priority(-100)
def on_env(env, config, files):
    values = env.globals.get("factkit")
    if values is not None:
        (Path(os.environ["BENCH_DUMP"]).parent / "template-values.json").write_text(json.dumps(values))
    return env


@event_priority(-100)
def on_page_markdown(markdown, page, config, files):
    fragments = getattr(config.plugins.get("factkit"), "_fragments", None) or []
    if fragments:
        markdown = TOKEN.sub(lambda m: fragments[int(m.group(1))], markdown)
    out = _out(page)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(markdown, encoding="utf-8")
    return markdown


@event_priority(-100)
def on_page_content(html, page, config, files):
    out = _out(page)
    markdown = out.read_text(encoding="utf-8")
    note = NOTE.search(html)  # put before the block of the first claim; here after the page's title
    if note:
        title, _, rest = markdown.partition("\\n")
        markdown = f"{title}\\n\\n{note.group(0)}\\n{rest}"
    at = html.rfind(REFS)
    if at >= 0:
        markdown += "\\n\\n" + html[at:] + "\\n"
    out.write_text(markdown, encoding="utf-8")
    return html
'''

FLOOR_HOOK = '''"""Bench helper: the floor's theme templates get the values the factkit plugin gives them (its
footer link, the corrections feed's <link>), as dumped from the engine build, and its pages the plugin's fixes
of Material's markup (factkit.hosts.mkdocs._valid)."""
import json
from pathlib import Path

from factkit.hosts.mkdocs import _valid

_FILE = Path(__file__).with_name("template-values.json")
VALUES = json.loads(_FILE.read_text()) if _FILE.exists() else None


def on_env(env, config, files):
    if VALUES is not None:
        env.globals["factkit"] = VALUES
    return env


def on_post_page(output, page, config):
    return _valid(output)
'''


def _name(plugin: object) -> str:
    return plugin if isinstance(plugin, str) else next(iter(plugin))  # type: ignore[arg-type]


CONTENT_SETTINGS = ("topics", "translations")  # the factkit settings that belong to the repository's own content
CONTENT_PLUGINS = ("i18n",)  # the repository's editions (mkdocs-static-i18n): a synthetic site has one language


def _engine_plugin(plugin: object) -> object:
    """A plugin of the repository's config; factkit's without its content settings (topic labels and the
    editions' translators belong to the repository's own facts)."""
    if isinstance(plugin, dict) and "factkit" in plugin:
        return {"factkit": {k: v for k, v in (plugin["factkit"] or {}).items() if k not in CONTENT_SETTINGS}}
    return plugin


def write_config(root: Path, docs: str, site: str, engine: bool, hooks: tuple[str, ...] = (),
                 name: str | None = None) -> Path:
    """A config like the repository's (theme, features, extensions, plugins but its editions), with or without
    the engine; written to ``mkdocs-<name>.yml`` (default: engine or plain)."""
    import yaml

    repo_conf = yaml.safe_load((REPO / "mkdocs.yml").read_text(encoding="utf-8"))
    plugins = [p for p in repo_conf["plugins"] if _name(p) not in CONTENT_PLUGINS]
    conf = {
        "site_name": "Bench", "site_url": "http://127.0.0.1:8000/", "docs_dir": docs, "site_dir": site,
        "strict": False, "theme": dict(repo_conf["theme"]),
        "plugins": [_engine_plugin(p) for p in plugins if engine or _name(p) not in ENGINE_PLUGINS],
        "validation": repo_conf.get("validation", {}),
        "markdown_extensions": repo_conf.get("markdown_extensions", []),
    }
    if not engine:  # the floor gets what the factkit plugin adds: its templates, CSS and JS (copied to docs/)
        conf["theme"]["custom_dir"] = str(REPO / "factkit" / "theme")
        conf["extra_css"] = [a for a in ASSETS if a.endswith(".css")]
        conf["extra_javascript"] = [a for a in ASSETS if a.endswith(".js")]
    if hooks:
        conf["hooks"] = list(hooks)
    path = root / f"mkdocs-{name or ('engine' if engine else 'plain')}.yml"
    path.write_text(yaml.safe_dump(conf, sort_keys=False), encoding="utf-8")
    return path


def _env(engine: Path = REPO, today: str = TODAY) -> dict:
    """The environment of every measured command: ``engine`` (a checkout) first on the path."""
    env = dict(os.environ)
    env["PYTHONPATH"] = str(engine) + os.pathsep + env.get("PYTHONPATH", "")
    env["FACTKIT_TODAY"] = today
    env["NO_MKDOCS_2_WARNING"] = "1"  # Material's banner about MkDocs 2.0 on every run
    for name in ("GITHUB_ACTIONS", "FACTKIT_CI"):  # a benchmark build is not a publication
        env.pop(name, None)
    return env


CPU: dict[str, float] = {}  # command label -> CPU seconds (user + system) of its last run
ERR: dict[str, str] = {}  # command label -> what its last run printed on stderr
EVENT_TIMES = REPO / "scripts" / "event_times.py"
ENGINE_PLUGINS = ("factkit", "macros")
# the build events the factkit plugin (startup, config, env, files, page_markdown, page_content, post_template,
# post_page, post_build) and the macros plugin (config, pre_build, nav, page_markdown, post_build) take part in;
# the floor's same events (the search plugin's config, pre_build, page_context and post_build) are subtracted
ENGINE_EVENTS = ("event startup", "event config", "event pre_build", "event files", "event nav", "event env",
                 "event page_markdown", "event page_content", "event page_context", "event post_template",
                 "event post_page", "event post_build")
ASSETS = ("assets/factkit.css", "assets/reader.css", "assets/factkit.js")  # as the plugin adds them (tested)


def events(stderr: str, cpu: bool = False) -> dict[str, float]:
    """The per-event seconds printed by scripts/event_times.py: wall, or CPU with ``cpu``."""
    found = {}
    for line in stderr.splitlines():
        match = re.match(r"^(.+?)\s+([0-9.]+) s(?:\s+([0-9.]+) s CPU)?$", line.strip())
        if match and (match.group(3) or not cpu):
            found[match.group(1)] = float(match.group(3) if cpu else match.group(2))
    return found


def run(cmd: list[str], cwd: Path, env: dict | None = None, label: str = "") -> tuple[float, float]:
    """Run a command; (wall seconds, peak RSS MB of that process). Fails loudly on an error.

    The CPU time (user + system, children included) is kept in CPU[label]: on a busy machine
    it moves less than the wall time. Its output goes to files (a full pipe would stall it)."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, cwd=cwd, env=env or _env(), stdout=out, stderr=err, stdin=subprocess.DEVNULL)
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - start
        proc.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        stdout, stderr = out.read().decode(errors="replace"), err.read().decode(errors="replace")
    CPU[label] = usage.ru_utime + usage.ru_stime
    ERR[label] = stderr
    if proc.returncode != 0:
        raise SystemExit(f"{' '.join(cmd)} failed ({proc.returncode}):\n{stdout[-2000:]}\n{stderr[-4000:]}")
    return wall, usage.ru_maxrss / 1024


def check_cmd() -> list[str]:
    return [sys.executable, "-m", "factkit", "check", "--facts", "facts", "--today", TODAY]


def edit_one_fact(root: Path, n: int) -> None:
    """Change the text of claim 1 (a different text each time, so every call is a real edit)."""
    path = root / "facts" / "claims-00.yml"
    text = path.read_text(encoding="utf-8")
    edited, count = re.subn(r"Claim 1(?: \(edit \d+\))?: the", f"Claim 1 (edit {n}): the", text, count=1)
    if count != 1:
        raise SystemExit(f"{path}: claim 1's text not found; the generator changed")
    path.write_text(edited, encoding="utf-8")


REPEAT = 5  # short commands on a shared 2-core machine vary by ±30% from run to run
SERVE_RUNS = 3  # live preview: saves of each kind (a different text each time); the table shows their median
BUILDS = 2  # full builds of each kind, interleaved (single runs of the ratio moved 1.00-1.11)


def timed(cmd: list[str], root: Path, before: Callable[[int], None]) -> tuple[float, float]:
    """Median wall and median CPU seconds of REPEAT runs; ``before(i)`` prepares run i."""
    walls, cpus = [], []
    for i in range(REPEAT):
        before(i)
        wall, _ = run(cmd, root, label="timed")
        walls.append(wall)
        cpus.append(CPU["timed"])
    return statistics.median(walls), statistics.median(cpus)


YAML_FLOOR = """
import glob, sys, time, yaml
files = sorted(glob.glob("facts/*.yml"))
data = [open(f, encoding="utf-8").read() for f in files]
start = time.process_time()
for text in data:
    parser = yaml.CSafeLoader(text)
    while parser.check_event():
        parser.get_event()
print(time.process_time() - start)
"""


def yaml_floor(root: Path) -> float:
    """CPU seconds libyaml takes just to produce the event stream of every fact file: the part of a
    cold check no engine code can avoid while it reads YAML with PyYAML."""
    out = subprocess.run([sys.executable, "-c", YAML_FLOOR], cwd=root, capture_output=True, text=True, check=True)
    return float(out.stdout)


def largest(site: Path) -> tuple[str, int]:
    best = max(site.rglob("*.html"), key=lambda p: p.stat().st_size)
    return best.relative_to(site).as_posix(), best.stat().st_size


def make_floor(root: Path) -> tuple[Path, Path]:
    """Build the site at ``root`` once with the dump hook, which writes the floor's pages (plain-docs/); (the
    engine's config, the floor's config)."""
    env = _env()
    env["BENCH_DUMP"] = str(root / "plain-docs")
    (root / "dump_hook.py").write_text(DUMP_HOOK, encoding="utf-8")
    (root / "floor_hook.py").write_text(FLOOR_HOOK, encoding="utf-8")
    run([sys.executable, "-m", "mkdocs", "build", "-q", "-f",
         str(write_config(root, "docs", "site-dump", True, ("dump_hook.py",), name="engine-dump"))], root, env)
    shutil.copytree(REPO / "factkit" / "assets", root / "plain-docs" / "assets", dirs_exist_ok=True)
    shutil.rmtree(root / "site-dump")
    return write_config(root, "docs", "site", True), write_config(root, "plain-docs", "site-plain", False,
                                                                  ("floor_hook.py",))


def bench(n_claims: int, n_pages: int, workdir: Path, log=print, check_only: bool = False, serve: bool = True,
          serve_runs: int = SERVE_RUNS) -> dict:
    root = workdir / f"n{n_claims}"
    if root.exists():
        shutil.rmtree(root)
    root.mkdir(parents=True)
    t = time.perf_counter()
    info = generate_facts(root, n_claims, n_pages)
    generate_pages(root, n_claims, n_pages, info)
    shutil.copytree(REPO / "macros", root / "macros", ignore=shutil.ignore_patterns("__pycache__"))
    log(f"[{n_claims}] generated in {time.perf_counter() - t:.1f} s: {info}")
    r: dict = {"claims": n_claims, "pages": n_pages, "sources": info["sources"]}

    def no_cache(_: int) -> None:
        shutil.rmtree(root / ".factkit-cache", ignore_errors=True)

    def nothing(_: int) -> None:
        pass

    def edit(i: int) -> None:
        edit_one_fact(root, 100 + i)

    r["yaml_floor"] = yaml_floor(root)
    r["check_nocache_1job"] = timed([*check_cmd(), "--no-cache"], root, nothing)
    r["check_cold"] = timed(check_cmd(), root, no_cache)  # default: the cache on
    r["check_warm"] = timed(check_cmd(), root, nothing)
    r["check_edit"] = timed(check_cmd(), root, edit)
    log(f"[{n_claims}] check, median of {REPEAT} (wall / CPU): "
        + ", ".join(f"{name} {r[key][0]:.2f} / {r[key][1]:.2f} s" for name, key in
                    (("no cache 1 process", "check_nocache_1job"), ("cold", "check_cold"),
                     ("warm", "check_warm"), ("after an edit", "check_edit"))))
    if check_only:
        return r

    engine_conf, plain_conf = make_floor(root)
    log(f"[{n_claims}] pre-rendered the pages for the floor")
    build = [sys.executable, "-m", "mkdocs", "build", "-q", "-f"]
    # interleaved, best of BUILDS each: noise on a shared machine only ever adds time
    walls: dict[str, list[float]] = {"plain": [], "engine": []}
    cpus: dict[str, list[float]] = {"plain": [], "engine": []}
    timed_build = [sys.executable, str(EVENT_TIMES), "build", "-q", "-f"]
    best_events: dict[str, str] = {}  # what event_times.py printed in the fastest build of each kind
    for i in range(BUILDS):
        for label, conf in (("plain", plain_conf), ("engine", engine_conf)):
            wall, r[f"{label}_mb"] = run([*timed_build, str(conf)], root, label=label)
            if not walls[label] or wall < min(walls[label]):
                best_events[label] = ERR[label]
            walls[label].append(wall)
            cpus[label].append(CPU[label])
            log(f"[{n_claims}] {label} build {i + 1}: {wall:.1f} s (CPU {CPU[label]:.1f} s)")
    r["build_plain"], r["build_engine"] = min(walls["plain"]), min(walls["engine"])
    r["cpu_plain"], r["cpu_engine"] = min(cpus["plain"]), min(cpus["engine"])
    # the engine's own time, timed inside the builds: its events minus the same events of the floor
    for key, cpu in (("engine_own", False), ("engine_own_cpu", True)):
        engine, plain = events(best_events["engine"], cpu), events(best_events["plain"], cpu)
        r[key] = sum(engine.get(k, 0.0) - plain.get(k, 0.0) for k in ENGINE_EVENTS)
    edit_one_fact(root, 2)
    r["rebuild_edit"], _ = run([*build, str(engine_conf)], root)  # MkDocs rebuilds every page
    r["ratio"] = r["build_engine"] / r["build_plain"]
    r["largest_page"], r["largest_bytes"] = largest(root / "site")
    r["search_bytes"] = (root / "site" / "search" / "search_index.json").stat().st_size
    r["plain_search_bytes"] = (root / "site-plain" / "search" / "search_index.json").stat().st_size
    log(f"[{n_claims}] rebuild after an edit {r['rebuild_edit']:.1f} s; largest page {r['largest_page']}")
    if serve:
        r["serve"] = serve_figures(root, engine_conf, _env(), log, f"{n_claims:,} / {n_pages:,}", serve_runs)
    return r


# ---- the live preview: mkdocs serve, save -> updated page -------------------------------------------------

POLL = 0.05  # seconds between two GETs of the page that shows the edit
ERROR_MARK = b"fk-build-error"  # the live preview's error page (factkit/hosts/errorpage.py)
STATUS = "/assets/factkit-preview.json"  # the errors each preview page shows over itself (factkit-preview.js)
BROKEN_DATE = "2026-13-20"
_CALL = re.compile(r"\bclaim(?:_card)?\(\s*[\"']([^\"']+)[\"']")
_ENTRY = re.compile(r"^( *)- +id: *[\"']?([^\"'\s#]+)")
_RAW = re.compile(r"\{%-?\s*raw\s*-?%\}.*?\{%-?\s*endraw\s*-?%\}", re.DOTALL)  # text Jinja does not run
_EDITION = re.compile(r"\.[a-z]{2,3}(?:[-_][A-Za-z]{2,4})?\.md$")  # page.ar.md: another edition's page
_TEXT_LINE = re.compile(r"^( *(?:- +)?text:[ \t]*)(\S.*?)\r?\n?$")


def page_url(rel: str) -> str:
    """The served path of a docs page (``use_directory_urls``)."""
    stem = rel[: -len(".md")]
    if stem == "index":
        return "/"
    return "/" + (stem[: -len("index")] if stem.endswith("/index") else stem + "/")


def _yaml(path: Path) -> object:
    import yaml

    return yaml.load(path.read_text(encoding="utf-8"), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))


def prefixed(line: str, marker: str) -> str | None:
    """A one-line ``text:`` value with ``marker`` put in front (None if the value is not a one-line scalar)."""
    found = _TEXT_LINE.match(line)
    if not found:
        return None
    head, value = found.groups()
    end = "\n" if line.endswith("\n") else ""
    if value[0] in "'\"":
        if len(value) < 2 or value[-1] != value[0]:
            return None
        return f"{head}{value[0]}{marker} {value[1:]}{end}"
    if value[0] in "|>&*!%@`#{[?:,-":
        return None
    return f"{head}{marker} {value}{end}"


def _field(lines: list[str], start: int, indent: int, key: str) -> int | None:
    """The line of ``key:`` in the list entry that starts at ``lines[start]`` (``- id: ...`` at ``indent``)."""
    pattern = re.compile(rf"^ {{{indent + 2}}}{re.escape(key)}:")
    for j in range(start + 1, len(lines)):
        line = lines[j]
        if line.strip() and not line.lstrip().startswith("#") and len(line) - len(line.lstrip(" ")) <= indent:
            return None  # the next entry
        if pattern.match(line):
            return j
    return None


def _quotes(node: object, out: set[str]) -> set[str]:
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "quote" and isinstance(value, str):
                out.add(" ".join(value.split()))
            else:
                _quotes(value, out)
    elif isinstance(node, list):
        for value in node:
            _quotes(value, out)
    return out


def pick_edits(root: Path, docs: str = "docs", facts: str = "facts") -> dict:
    """What the live-preview figures edit in a site, found in its own files (the synthetic site and the flagship):

    * ``claim``: the text line of the first claim a content page shows with ``claim()``/``claim_card()``, its
      ``checked:`` line (for the broken date) and that page;
    * ``excerpt``: the text line of the first excerpt no citation quotes (not of the reviewed article), and the
      page that lists that source (as the engine finds the homes of the lists: factkit.pagescan.find_homes);
    * ``prose``: the source of that page (a paragraph is added to it);
    * ``added``: the last claims file, a claim of it to copy citations, entities, topics and ``checked`` from,
      the indentation of its entries, and the page that lists that claim;
    * ``other``: a page to ask for while the facts are broken."""
    docs_dir, facts_dir = root / docs, root / facts
    pages = {p.relative_to(docs_dir).as_posix(): _RAW.sub("", p.read_text(encoding="utf-8"))  # what Jinja runs
             for p in sorted(docs_dir.rglob("*.md")) if not _EDITION.search(p.name)}  # the default edition's pages
    data = {p: _yaml(p) for p in sorted([*facts_dir.rglob("*.yml"), *facts_dir.rglob("*.yaml")])}
    lines = {p: p.read_text(encoding="utf-8").splitlines(keepends=True) for p in data}
    claim_files = [p for p, d in data.items() if isinstance(d, dict) and d.get("claims")]
    entries: dict[str, tuple[Path, int, int]] = {}  # claim id -> (file, line of '- id:', its indentation)
    for path in claim_files:
        for i, line in enumerate(lines[path]):
            found = _ENTRY.match(line)
            if found:
                entries.setdefault(found.group(2), (path, i, len(found.group(1))))

    from factkit.pagescan import find_homes

    homes = find_homes([(page_url(rel)[1:], text) for rel, text in pages.items()])  # the engine's own answer

    def listing(claim: dict) -> str:
        topics = claim.get("topics") or [None]
        return "/" + homes.claims.get(topics[0], homes.claims.get(None, ""))

    lists = {"/" + url for url in homes.claims.values()}
    edits: dict = {}
    shown = [(rel, cid) for rel, text in pages.items() if page_url(rel) not in lists for cid in _CALL.findall(text)]
    for rel, cid in shown:
        if cid not in entries:
            continue
        path, start, indent = entries[cid]
        j, k = _field(lines[path], start, indent, "text"), _field(lines[path], start, indent, "checked")
        if j is not None and k is not None and prefixed(lines[path][j], "x") is not None \
                and re.search(r"\d{4}-\d\d-\d\d", lines[path][k]):
            edits["claim"] = {"id": cid, "path": path, "text_line": j, "checked_line": k, "page": page_url(rel)}
            edits["prose"] = {"path": docs_dir / rel, "page": page_url(rel)}
            break
    quotes = set().union(*(_quotes(d, set()) for d in data.values()))
    for path, d in data.items():
        for source in (d.get("sources") or []) if isinstance(d, dict) else []:
            if "excerpt" in edits or source.get("kind") == "reviewed-article":
                continue
            for excerpt in source.get("excerpts") or []:
                text = excerpt.get("text") if isinstance(excerpt, dict) else excerpt
                norm = " ".join(str(text).split())
                if "excerpt" in edits or any(q in norm for q in quotes):
                    continue
                for j, line in enumerate(lines[path]):
                    found = _TEXT_LINE.match(line)
                    if found and norm[:12] in line and prefixed(line, "x") is not None:
                        try:
                            value = _yaml_value(found.group(2))
                        except Exception:  # not a scalar this bench can edit
                            continue
                        if value == text:
                            page = homes.sources.get(source.get("publisher"), homes.sources.get(None, ""))
                            edits["excerpt"] = {"source": source["id"], "path": path, "text_line": j,
                                                "page": "/" + page}
                            break
    path = claim_files[-1]
    first = next(i for i, line in enumerate(lines[path]) if _ENTRY.match(line))
    edits["added"] = {"path": path, "template": data[path]["claims"][0], "page": listing(data[path]["claims"][0]),
                      "indent": len(_ENTRY.match(lines[path][first]).group(1))}
    missing = {"claim", "excerpt"} - set(edits)
    if missing:
        raise SystemExit(f"{root}: found nothing to edit for {', '.join(sorted(missing))}")
    urls = sorted({page_url(rel) for rel in pages}, key=lambda url: url != "/")  # the home page first
    edits["other"] = next(url for url in urls if url != edits["claim"]["page"])
    return edits


def _yaml_value(text: str) -> object:
    import yaml

    return yaml.safe_load(text)


def added_claim(template: dict, marker: str, n: int, indent: int) -> str:
    """A new claim (YAML at ``indent``) citing what ``template`` cites, its text starting with ``marker``."""
    import yaml

    claim = {"id": f"bench-added-{n}", "text": f"{marker} a claim the benchmark appended."}
    claim.update({k: template[k] for k in ("citations", "entities", "topics", "checked") if k in template})
    text = yaml.safe_dump([claim], sort_keys=False, allow_unicode=True, width=10**6)
    return "".join(" " * indent + line for line in text.splitlines(keepends=True))


def free_port() -> int:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class Server:
    """``mkdocs serve`` on a free port, its output in a file (never an unread pipe)."""

    def __init__(self, cwd: Path, config: Path, env: dict, log: Path) -> None:
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.log = log
        self._out = open(log, "wb")  # noqa: SIM115 - closed in stop()
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "mkdocs", "serve", "--dirty", "-a", f"127.0.0.1:{self.port}", "-f", str(config)],
            cwd=cwd, env={**env, "PYTHONDONTWRITEBYTECODE": "1"}, stdout=self._out, stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL)

    def get(self, path: str, timeout: float) -> tuple[int, bytes] | None:
        """(status, body) of a GET, None if the server did not answer within ``timeout`` seconds."""
        import http.client
        import urllib.error
        import urllib.request

        try:
            with urllib.request.urlopen(self.url + path, timeout=max(timeout, 0.01)) as response:
                return response.status, response.read()
        except urllib.error.HTTPError as exc:
            return exc.code, exc.read()
        except (OSError, http.client.HTTPException):
            return None

    def wait_ready(self, timeout: float) -> float:
        """Seconds from the start until the server answers (its first build included)."""
        start = time.perf_counter()
        while time.perf_counter() - start < timeout:
            if self.proc.poll() is not None:
                raise SystemExit(f"mkdocs serve stopped ({self.proc.returncode}); see {self.log}")
            got = self.get("/", timeout=5)
            if got is not None and got[0] == 200:
                return time.perf_counter() - start
            time.sleep(0.2)
        raise SystemExit(f"mkdocs serve did not answer in {timeout:.0f} s; see {self.log}")

    def cpu(self) -> float | None:
        """CPU seconds (user + system) the server process has used so far (Linux)."""
        try:
            fields = Path(f"/proc/{self.proc.pid}/stat").read_text().rsplit(")", 1)[1].split()
            return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
        except (OSError, ValueError, IndexError):
            return None

    def stop(self) -> None:
        import signal

        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGINT)  # as Ctrl-C: it removes its temporary site folder
            try:
                self.proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        self._out.close()


def save_and_wait(server: Server, path: Path, content: bytes, page: str, done: Callable[[int, bytes], bool],
                  timeout: float, whole: list[float | None] | None = None) -> tuple[float | None, float | None]:
    """Save ``content`` to ``path`` once the server is idle and GET ``page`` every POLL seconds until
    ``done(status, body)``: (save -> page seconds, the server's CPU seconds meanwhile), or (None, None) when nothing
    came within ``timeout``. ``whole``: gets the seconds from the save until every edition is built as well (the
    preview answers a page once its own edition is built)."""
    server.get(STATUS, timeout=timeout)  # answered once no build runs: the last save's is over
    cpu = server.cpu()
    start = time.perf_counter()
    path.write_bytes(content)
    while (left := start + timeout - time.perf_counter()) > 0:
        got = server.get(page, timeout=left)
        if got is not None and done(*got):
            wall = time.perf_counter() - start
            after = server.cpu()
            if whole is not None:
                whole.append(time.perf_counter() - start if server.get(STATUS, timeout=left) else None)
            return wall, (after - cpu if cpu is not None and after is not None else None)
        time.sleep(POLL)
    return None, None


def errors_shown(status: bytes) -> bool:
    """Whether the preview's pages show errors over themselves (the content of STATUS)."""
    return bool(json.loads(status or b"{}").get("errors"))


def _with_line(content: bytes, index: int, line: str) -> bytes:
    lines = content.decode("utf-8").splitlines(keepends=True)
    lines[index] = line
    return "".join(lines).encode("utf-8")


def serve_figures(root: Path, config: Path, env: dict, log: Callable[[str], None], label: str,
                  runs: int = SERVE_RUNS, docs: str = "docs", facts: str = "facts") -> dict:
    """The live preview of the site at ``root``: save -> updated page for each kind of edit, ``runs`` times."""
    edits = pick_edits(root, docs, facts)
    claim, excerpt, added, prose = edits["claim"], edits["excerpt"], edits["added"], edits["prose"]
    original = {p: p.read_bytes() for p in {claim["path"], excerpt["path"], added["path"], prose["path"]}}
    claim_line = original[claim["path"]].decode("utf-8").splitlines(keepends=True)[claim["text_line"]]
    excerpt_line = original[excerpt["path"]].decode("utf-8").splitlines(keepends=True)[excerpt["text_line"]]
    r: dict = {"site": label, "runs": runs, "claim_id": claim["id"], "claim_page": claim["page"],
               "excerpt_page": excerpt["page"], "added_page": added["page"]}
    server = Server(root, config, env, root / "serve.log")

    def shows(marker: str) -> Callable[[int, bytes], bool]:
        return lambda status, body: status == 200 and marker.encode() in body and ERROR_MARK not in body

    try:
        r["ready"] = server.wait_ready(timeout=3600)
        time.sleep(1.0)  # the file watcher takes its first look at the folders
        timeout = r["timeout"] = max(60.0, 5 * r["ready"])
        log(f"[{label}] serving on {server.url} after {r['ready']:.1f} s; timeout {timeout:.0f} s a save")
        for kind, target, line in (("claim", claim, claim_line), ("excerpt", excerpt, excerpt_line)):
            r[kind], r[f"{kind}_whole"] = [], []
            for n in range(runs):
                marker = f"fkbench{kind}{n}x"
                content = _with_line(target["path"].read_bytes(), target["text_line"], prefixed(line, marker))
                r[kind].append(save_and_wait(server, target["path"], content, target["page"], shows(marker), timeout,
                                             r[f"{kind}_whole"]))
                log(f"[{label}] {kind} edit {n + 1}: {_secs(r[kind][-1])}")
        base = added["path"].read_bytes()
        base += b"" if base.endswith(b"\n") else b"\n"
        r["added"] = []
        for n in range(runs):
            marker = f"fkbenchadded{n}x"
            content = base + added_claim(added["template"], marker, n, added["indent"]).encode("utf-8")
            r["added"].append(save_and_wait(server, added["path"], content, added["page"], shows(marker), timeout))
            log(f"[{label}] claim added {n + 1}: {_secs(r['added'][-1])}")
        r["prose"], r["prose_whole"] = [], []
        for n in range(runs):
            marker = f"fkbenchprose{n}x"
            content = original[prose["path"]] + f"\n\nA paragraph {marker} added.\n".encode()
            r["prose"].append(save_and_wait(server, prose["path"], content, prose["page"], shows(marker), timeout,
                                            r["prose_whole"]))
            log(f"[{label}] page prose edited {n + 1}: {_secs(r['prose'][-1])}, every edition built "
                f"{_secs((r['prose_whole'][-1], None))}")
        r["broken"], r["other"], r["back"] = [], [], []
        path = claim["path"]
        for n in range(runs):
            good = path.read_bytes()
            line = good.decode("utf-8").splitlines(keepends=True)[claim["checked_line"]]
            bad = _with_line(good, claim["checked_line"], re.sub(r"\d{4}-\d\d-\d\d", BROKEN_DATE, line, count=1))
            r["broken"].append(save_and_wait(server, path, bad, STATUS, lambda _, body: errors_shown(body), timeout))
            start = time.perf_counter()
            got = server.get(edits["other"], timeout=min(timeout, 10.0))
            r["other"].append(None if got is None else (got[0], time.perf_counter() - start, ERROR_MARK in got[1]))
            r["back"].append(save_and_wait(server, path, good, STATUS, lambda s, body: not errors_shown(body),
                                           timeout))
            log(f"[{label}] broken date {n + 1}: errors shown {_secs(r['broken'][-1])}, "
                f"other page {_other(r['other'][-1])}, back after the fix {_secs(r['back'][-1])}")
    finally:
        server.stop()
        for p, content in original.items():
            p.write_bytes(content)
    return r


def _secs(figure: tuple[float | None, float | None]) -> str:
    wall, cpu = figure
    if wall is None:
        return "no answer"
    return f"{wall:.2f} s" + (f" (CPU {cpu:.2f} s)" if cpu is not None else "")


def _other(got: tuple[int, float, bool] | None) -> str:
    if got is None:
        return "no answer"
    status, seconds, error = got
    return f"{status} in {seconds:.2f} s" + (" (the error page)" if error else "")


def _others(gets: list[tuple[int, float, bool] | None]) -> str:
    """How the server answered another page while the facts were broken, over the runs."""
    answered = [g for g in gets if g is not None]
    if not answered:
        return "no answer"
    kinds = sorted({f"{status}" + (" (error page)" if error else "") for status, _, error in answered})
    text = f"{', '.join(kinds)} in {statistics.median(g[1] for g in answered):.2f} s"
    return text + (f"; {len(gets) - len(answered)} of {len(gets)}: no answer" if len(answered) < len(gets) else "")


def median_figure(figures: list[tuple[float | None, float | None]], timeout: float | None = None) -> str:
    """Median save -> page seconds of the runs that answered (CPU in brackets), with their count."""
    walls = [w for w, _ in figures if w is not None]
    cpus = [c for w, c in figures if w is not None and c is not None]
    if not walls:
        return f"no answer (> {timeout:.0f} s)" if timeout else "no answer"
    text = f"{statistics.median(walls):.2f} s"
    if cpus:
        text += f" / {statistics.median(cpus):.2f} s"
    if len(walls) > 1:
        text += f" ({min(walls):.2f}–{max(walls):.2f})"
    if len(walls) < len(figures):
        text += f"; {len(figures) - len(walls)} of {len(figures)}: no answer"
    return text


SERVE_COLUMNS = [
    ("site (engine)", lambda r: r["site"]),
    ("first answer after start", lambda r: f"{r['ready']:.1f} s"),
    ("claim text edited → its page", lambda r: median_figure(r["claim"], r["timeout"])),
    ("the same → every edition built", lambda r: median_figure([(w, None) for w in r["claim_whole"]])),
    ("unquoted excerpt edited → sources page", lambda r: median_figure(r["excerpt"], r["timeout"])),
    ("claim appended → claims page", lambda r: median_figure(r["added"], r["timeout"])),
    ("page's prose edited → that page", lambda r: median_figure(r["prose"], r["timeout"])),
    ("the same → every edition built", lambda r: median_figure([(w, None) for w in r["prose_whole"]])),
    ("broken date → errors shown", lambda r: median_figure(r["broken"], r["timeout"])),
    ("another page meanwhile", lambda r: _others(r["other"])),
    ("fixed → page back", lambda r: median_figure(r["back"], r["timeout"])),
]


def serve_table(rows: list[dict]) -> str:
    head = "| " + " | ".join(name for name, _ in SERVE_COLUMNS) + " |"
    rule = "|" + "---|" * len(SERVE_COLUMNS)
    return "\n".join([head, rule, *("| " + " | ".join(fn(r) for _, fn in SERVE_COLUMNS) + " |" for r in rows)])


# ---- the flagship: this repository's own site -----------------------------------------------------------

FLAGSHIP_TODAY = "2026-12-01"
FLAGSHIP_FILES = ("mkdocs.yml", "docs", "facts", "macros", "overrides")
FLAGSHIP_BUILDS = 5  # after one first build of the fresh copy


def copy_flagship(engine: Path, dest: Path) -> Path:
    """The site files of the checkout ``engine`` in ``dest``; a watched folder that is the engine's own code
    (an older site watched ``factkit/``) is linked, so that MkDocs finds it."""
    import yaml

    if dest.exists():
        shutil.rmtree(dest)
    dest.mkdir(parents=True)
    for name in FLAGSHIP_FILES:
        src = engine / name
        if src.is_dir():
            shutil.copytree(src, dest / name, ignore=shutil.ignore_patterns("__pycache__"))
        elif src.is_file():
            shutil.copy2(src, dest / name)
    conf = yaml.safe_load((dest / "mkdocs.yml").read_text(encoding="utf-8"))
    for item in conf.get("watch") or []:
        if not (dest / item).exists() and (engine / item).exists():
            (dest / item).symlink_to(engine / item)
    return dest / "mkdocs.yml"


def flagship(engine: Path, work: Path, log: Callable[[str], None], serve: bool = True,
             runs: int = SERVE_RUNS) -> dict:
    """The flagship's full ``mkdocs build`` (timed from outside and inside) and its live preview."""
    label = "flagship" + ("" if engine == REPO else f" ({engine})")
    root = work / ("flagship" if engine == REPO else f"flagship-{engine.name}")
    config = copy_flagship(engine, root)
    env = _env(engine, FLAGSHIP_TODAY)
    cmd = [sys.executable, str(EVENT_TIMES), "build", "-q", "-f", str(config)]
    r: dict = {"site": label}
    r["first"], _ = run(cmd, root, env, label="flagship")
    r["first_cpu"] = CPU["flagship"]
    walls, cpus, inside, inside_cpu, rss = [], [], [], [], []
    for _ in range(FLAGSHIP_BUILDS):
        wall, mb = run(cmd, root, env, label="flagship")
        walls.append(wall)
        cpus.append(CPU["flagship"])
        inside.append(events(ERR["flagship"]).get("total (after imports)", float("nan")))
        inside_cpu.append(events(ERR["flagship"], cpu=True).get("total (after imports)", float("nan")))
        rss.append(mb)
    r.update(build=statistics.median(walls), build_min=min(walls), build_max=max(walls),
             build_cpu=statistics.median(cpus), build_inside=statistics.median(inside),
             build_inside_cpu=statistics.median(inside_cpu), build_mb=max(rss),
             builds=len(walls), largest=largest(root / "site"))
    log(f"[{label}] build: first {r['first']:.2f} s, then " + ", ".join(f"{w:.2f}" for w in walls)
        + f" s (CPU {', '.join(f'{c:.2f}' for c in cpus)} s; inside {', '.join(f'{t:.2f}' for t in inside)} s)")
    if serve:
        r["serve"] = serve_figures(root, config, env, log, label, runs)
    return r


FLAGSHIP_COLUMNS = [
    ("site (engine)", lambda r: r["site"]),
    ("first build of the copy", lambda r: f"{r['first']:.2f} / {r['first_cpu']:.2f} s"),
    ("full build, median (wall / CPU)", lambda r: f"{r['build']:.2f} / {r['build_cpu']:.2f} s"
     f" ({r['build_min']:.2f}–{r['build_max']:.2f}, n={r['builds']})"),
    ("inside the build (after imports), median", lambda r: f"{r['build_inside']:.2f} / {r['build_inside_cpu']:.2f} s"),
    ("peak RSS", lambda r: f"{r['build_mb']:.0f} MB"),
    ("largest page", lambda r: f"{r['largest'][1] / 1024:,.0f} KB ({r['largest'][0]})"),
]


def flagship_table(rows: list[dict]) -> str:
    head = "| " + " | ".join(name for name, _ in FLAGSHIP_COLUMNS) + " |"
    rule = "|" + "---|" * len(FLAGSHIP_COLUMNS)
    return "\n".join([head, rule, *("| " + " | ".join(fn(r) for _, fn in FLAGSHIP_COLUMNS) + " |" for r in rows)])


def _pair(times: tuple[float, float]) -> str:
    return f"{times[0]:.2f} / {times[1]:.2f} s"


COLUMNS = [
    ("claims / pages", lambda r: f"{r['claims']:,} / {r['pages']:,}"),
    ("check cold, no cache (wall / CPU)", lambda r: _pair(r["check_cold"])),
    ("check warm", lambda r: _pair(r["check_warm"])),
    ("check after 1 edit", lambda r: _pair(r["check_edit"])),
    ("check, no cache, 1 proc", lambda r: _pair(r["check_nocache_1job"])),
    ("YAML events alone (CPU)", lambda r: f"{r['yaml_floor']:.2f} s"),
    ("engine build", lambda r: f"{r['build_engine']:.1f} s"),
    ("plain build (floor)", lambda r: f"{r['build_plain']:.1f} s"),
    ("ratio (wall)", lambda r: f"{r['ratio']:.2f}"),
    ("ratio (CPU)", lambda r: f"{r['cpu_engine'] / r['cpu_plain']:.2f}"),
    ("engine's own time (timed inside, wall / CPU)",
     lambda r: f"{r['engine_own']:.1f} / {r['engine_own_cpu']:.1f} s CPU ({r['engine_own'] / r['build_engine']:.1%}"
     " of the build)"),
    ("rebuild after 1 edit", lambda r: f"{r['rebuild_edit']:.1f} s"),
    ("peak RSS engine / plain", lambda r: f"{r['engine_mb']:.0f} / {r['plain_mb']:.0f} MB"),
    ("largest page", lambda r: f"{r['largest_bytes'] / 1024:,.0f} KB ({r['largest_page']})"),
    ("search index engine / plain",
     lambda r: f"{r['search_bytes'] / 1e6:.1f} / {r['plain_search_bytes'] / 1e6:.1f} MB"),
]


CHECK_COLUMNS = 6  # claims / pages and the check figures come first


def table(results: list[dict], check_only: bool = False) -> str:
    columns = COLUMNS[:CHECK_COLUMNS] if check_only else COLUMNS
    head = "| " + " | ".join(name for name, _ in columns) + " |"
    rule = "|" + "---|" * len(columns)
    rows = ["| " + " | ".join(fn(r) for _, fn in columns) + " |" for r in results]
    return "\n".join([head, rule, *rows])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="only N=1,000 claims / 100 pages")
    parser.add_argument("--sizes", default="1000:100,10000:1000", help="claims:pages,... (default: %(default)s)")
    parser.add_argument("--keep", default=None, help="work in this folder and keep it (default: a temp folder)")
    parser.add_argument("--check-only", action="store_true", help="only the check figures (no site builds)")
    parser.add_argument("--no-serve", action="store_true", help="no live-preview (mkdocs serve) figures")
    parser.add_argument("--serve-runs", type=int, default=SERVE_RUNS, help="saves of each kind (default: %(default)s)")
    parser.add_argument("--no-flagship", action="store_true", help="not the repository's own site")
    parser.add_argument("--flagship-only", action="store_true", help="only the repository's own site")
    parser.add_argument("--flagship-engine", default=None,
                        help="measure the flagship of this checkout (its site files and engine; default: this one)")
    args = parser.parse_args(argv)
    sizes = [tuple(int(x) for x in s.split(":")) for s in args.sizes.split(",")]
    if args.quick:
        sizes = [(1000, 100)]
    if args.flagship_only:
        sizes = []
    work = Path(args.keep).resolve() if args.keep else Path(tempfile.mkdtemp(prefix="factkit-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    print(f"cores: {os.cpu_count()}, load average: {' '.join(f'{x:.1f}' for x in os.getloadavg())}, work: {work}",
          flush=True)

    def log(text: str) -> None:
        print(f"{time.strftime('%H:%M:%S')} (load {os.getloadavg()[0]:.1f}) {text}", flush=True)

    flagships, results = [], []
    try:
        if not (args.no_flagship or args.check_only):
            engine = Path(args.flagship_engine).resolve() if args.flagship_engine else REPO
            flagships.append(flagship(engine, work, log, serve=not args.no_serve, runs=args.serve_runs))
        results = [bench(n, m, work, log=log, check_only=args.check_only, serve=not args.no_serve,
                         serve_runs=args.serve_runs) for n, m in sizes]
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)
    print(f"\nload average at the end: {' '.join(f'{x:.1f}' for x in os.getloadavg())}")
    if results:
        print()
        print(table(results, check_only=args.check_only))
    if flagships:
        print(f"\nThe flagship (FACTKIT_TODAY={FLAGSHIP_TODAY}), mkdocs build: wall / CPU seconds\n")
        print(flagship_table(flagships))
    served = [r["serve"] for r in [*flagships, *results] if "serve" in r]
    if served:
        print(f"\nLive preview (mkdocs serve): save -> page, median of {args.serve_runs} saves, wall / CPU of the "
              "server process (min–max of the wall)\n")
        print(serve_table(served))
    return 0


if __name__ == "__main__":
    sys.exit(main())
