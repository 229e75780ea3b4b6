#!/usr/bin/env python3
"""Scale benchmark (``make bench``): a synthetic fact base and site, checked and built, as a table.

For each size (N claims over M pages) it writes, in a temporary folder, facts (N claims in files
of 1,000, N/5 sources, N/50 entities incl. people with roles and agreements with terms, dated
claims at every precision incl. periods and scheduled events with outcomes, a review with
statements and verdicts) and M pages that call the real macros (claim, claim_card, claims,
timeline, entities, sources_list, claims_index, article_review, counts), then measures:

* ``check``: cold (no cache), warm (nothing changed) and after editing one fact, as the CLI runs;
* the full ``mkdocs build`` with the engine, and again after editing one fact;
* the floor: the same pages with the macro output pre-rendered into plain Markdown/HTML, built
  with the same theme, extensions and plugins minus the macros plugin; and the ratio;
* peak memory (max RSS of the build process), the largest page and the search index size.

Usage: ``python scripts/bench.py [--quick] [--sizes 1000:100,10000:1000] [--keep DIR]``.
This is a benchmark, not a test: one run per figure on a possibly busy machine, so read the
figures as ±10%. tests/test_bench.py runs the generator and the check at a tiny size.
"""

from __future__ import annotations

import argparse
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
        kind = ("person", "organisation", "place", "agreement", "event")[e % 5]
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
    fixed = {
        "index.md": "# Overview\n\n{{ claim_count() }} claims, {{ source_count() }} sources, "
                    "{{ entity_count() }} entities; {{ verdict_count('accurate') }} rated accurate.\n\n"
                    "The signing in {{ signed('ent-0003') }} runs {{ term_years('ent-0003') }} years.\n",
        "sources.md": "# Sources\n\n{{ sources_list() }}\n",
        "claims.md": "# All claims\n\n{{ claims_index() }}\n",
        "timeline.md": "# Timeline\n\n{{ timeline() }}\n",
        "entities.md": "# People, places and agreements\n\n{{ entities() }}\n",
        "fact-check.md": "# Fact-check\n\n{{ article_review() }}\n\n{{ verdict_scale() }}\n",
    }
    for name, text in fixed.items():
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


DUMP_HOOK = '''"""Bench helper: write each page's Markdown after the macros have run (the floor's input)."""
import os
from pathlib import Path

from mkdocs.plugins import event_priority


@event_priority(-100)
def on_page_markdown(markdown, page, config, files):
    out = Path(os.environ["BENCH_DUMP"]) / page.file.src_uri
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(markdown, encoding="utf-8")
    return markdown
'''


def _name(plugin: object) -> str:
    return plugin if isinstance(plugin, str) else next(iter(plugin))  # type: ignore[arg-type]


def _engine_plugin(plugin: object) -> object:
    """A plugin of the repository's config; factkit's without its content settings (topic labels belong to
    the repository's own facts)."""
    if isinstance(plugin, dict) and "factkit" in plugin:
        return {"factkit": {k: v for k, v in (plugin["factkit"] or {}).items() if k != "topics"}}
    return plugin


def write_config(root: Path, docs: str, site: str, engine: bool, hooks: tuple[str, ...] = ()) -> Path:
    """A config like the repository's (theme, features, extensions), with or without the engine."""
    import yaml

    repo_conf = yaml.safe_load((REPO / "mkdocs.yml").read_text(encoding="utf-8"))
    conf = {
        "site_name": "Bench", "site_url": "http://127.0.0.1:8000/", "docs_dir": docs, "site_dir": site,
        "strict": False, "theme": dict(repo_conf["theme"]),
        "plugins": [_engine_plugin(p) for p in repo_conf["plugins"] if engine or _name(p) not in ENGINE_PLUGINS],
        "validation": repo_conf.get("validation", {}),
        "markdown_extensions": repo_conf.get("markdown_extensions", []),
    }
    if not engine:  # the floor gets what the factkit plugin adds: its templates, CSS and JS (copied to docs/)
        conf["theme"]["custom_dir"] = str(REPO / "factkit" / "theme")
        conf["extra_css"] = [a for a in ASSETS if a.endswith(".css")]
        conf["extra_javascript"] = [a for a in ASSETS if a.endswith(".js")]
    if hooks:
        conf["hooks"] = list(hooks)
    path = root / f"mkdocs-{'engine' if engine else 'plain'}{'-dump' if hooks else ''}.yml"
    path.write_text(yaml.safe_dump(conf, sort_keys=False), encoding="utf-8")
    return path


def _env() -> dict:
    env = dict(os.environ)
    env["PYTHONPATH"] = str(REPO) + os.pathsep + env.get("PYTHONPATH", "")
    env["FACTKIT_TODAY"] = TODAY
    for name in ("GITHUB_ACTIONS", "FACTKIT_CI"):  # a benchmark build is not a publication
        env.pop(name, None)
    return env


CPU: dict[str, float] = {}  # command label -> CPU seconds (user + system) of its last run
ERR: dict[str, str] = {}  # command label -> what its last run printed on stderr
EVENT_TIMES = REPO / "scripts" / "event_times.py"
ENGINE_PLUGINS = ("factkit", "macros")
ENGINE_EVENTS = ("event config", "event files", "event page_markdown", "event page_content",
                 "event post_build")  # the events the factkit and macros plugins take part in
ASSETS = ("assets/factkit.css", "assets/reader.css", "assets/factkit.js")


def events(stderr: str) -> dict[str, float]:
    """The per-event seconds printed by scripts/event_times.py."""
    found = {}
    for line in stderr.splitlines():
        match = re.match(r"^(.+?)\s+([0-9.]+) s$", line.strip())
        if match:
            found[match.group(1)] = float(match.group(2))
    return found


def run(cmd: list[str], cwd: Path, env: dict | None = None, label: str = "") -> tuple[float, float]:
    """Run a command; (wall seconds, peak RSS MB of that process). Fails loudly on an error.

    The CPU time (user + system, children included) is kept in CPU[label]: on a busy machine
    it moves less than the wall time."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=cwd, env=env or _env(), stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    out, err = proc.stdout.read(), proc.stderr.read()  # small outputs: read before reaping
    _, status, usage = os.wait4(proc.pid, 0)
    proc.returncode = os.waitstatus_to_exitcode(status)
    CPU[label] = usage.ru_utime + usage.ru_stime
    ERR[label] = err.decode(errors="replace")
    wall = time.perf_counter() - start
    if proc.returncode != 0:
        raise SystemExit(f"{' '.join(cmd)} failed ({proc.returncode}):\n{out.decode()[-2000:]}\n{err.decode()[-4000:]}")
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


def bench(n_claims: int, n_pages: int, workdir: Path, log=print, check_only: bool = False) -> dict:
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

    env = _env()
    env["BENCH_DUMP"] = str(root / "plain-docs")
    (root / "dump_hook.py").write_text(DUMP_HOOK, encoding="utf-8")
    run([sys.executable, "-m", "mkdocs", "build", "-q", "-f",
         str(write_config(root, "docs", "site-dump", True, ("dump_hook.py",)))], root, env)
    shutil.copytree(REPO / "factkit" / "assets", root / "plain-docs" / "assets", dirs_exist_ok=True)
    shutil.rmtree(root / "site-dump")
    log(f"[{n_claims}] pre-rendered the pages for the floor")

    engine_conf = write_config(root, "docs", "site", True)
    plain_conf = write_config(root, "plain-docs", "site-plain", False)
    build = [sys.executable, "-m", "mkdocs", "build", "-q", "-f"]
    # interleaved, best of BUILDS each: noise on a shared machine only ever adds time
    walls: dict[str, list[float]] = {"plain": [], "engine": []}
    cpus: dict[str, list[float]] = {"plain": [], "engine": []}
    timed_build = [sys.executable, str(EVENT_TIMES), "build", "-q", "-f"]
    best_events: dict[str, dict[str, float]] = {}
    for i in range(BUILDS):
        for label, conf in (("plain", plain_conf), ("engine", engine_conf)):
            wall, r[f"{label}_mb"] = run([*timed_build, str(conf)], root, label=label)
            if not walls[label] or wall < min(walls[label]):
                best_events[label] = events(ERR[label])
            walls[label].append(wall)
            cpus[label].append(CPU[label])
            log(f"[{n_claims}] {label} build {i + 1}: {wall:.1f} s (CPU {CPU[label]:.1f} s)")
    r["build_plain"], r["build_engine"] = min(walls["plain"]), min(walls["engine"])
    r["cpu_plain"], r["cpu_engine"] = min(cpus["plain"]), min(cpus["engine"])
    # the engine's own time, timed inside the builds: its events minus the same events of the floor
    r["engine_own"] = sum(best_events["engine"].get(k, 0.0) - best_events["plain"].get(k, 0.0)
                          for k in ENGINE_EVENTS)
    edit_one_fact(root, 2)
    r["rebuild_edit"], _ = run([*build, str(engine_conf)], root)  # MkDocs rebuilds every page
    r["ratio"] = r["build_engine"] / r["build_plain"]
    r["largest_page"], r["largest_bytes"] = largest(root / "site")
    r["search_bytes"] = (root / "site" / "search" / "search_index.json").stat().st_size
    r["plain_search_bytes"] = (root / "site-plain" / "search" / "search_index.json").stat().st_size
    return r


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
    ("engine's own time (timed inside)",
     lambda r: f"{r['engine_own']:.1f} s ({r['engine_own'] / r['build_engine']:.1%} of the build)"),
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
    args = parser.parse_args(argv)
    sizes = [tuple(int(x) for x in s.split(":")) for s in args.sizes.split(",")]
    if args.quick:
        sizes = [(1000, 100)]
    work = Path(args.keep) if args.keep else Path(tempfile.mkdtemp(prefix="factkit-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    print(f"cores: {os.cpu_count()}, load average: {os.getloadavg()[0]:.1f}, work: {work}", flush=True)
    try:
        results = [bench(n, m, work, log=lambda s: print(s, flush=True), check_only=args.check_only)
                   for n, m in sizes]
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)
    print()
    print(table(results, check_only=args.check_only))
    return 0


if __name__ == "__main__":
    sys.exit(main())
