"""Time every MkDocs plugin event of one build, and the Markdown conversion, from inside the build.

Usage (in a site folder): ``python scripts/event_times.py build -q -f mkdocs.yml``. The engine's own
share of a build is ``config`` + ``page_markdown`` + ``post_build`` (the macros plugin's events);
run-to-run noise on a shared machine is larger than that share, which a whole-build ratio cannot
separate. Used for the figures in docs-dev/PERFORMANCE.md.
"""

from __future__ import annotations

import atexit
import collections
import runpy
import sys
import time

import mkdocs.plugins
import mkdocs.structure.pages

TIMES: dict[str, float] = collections.defaultdict(float)
_run_event = mkdocs.plugins.PluginCollection.run_event
_render = mkdocs.structure.pages.Page.render


def run_event(self, name, item=None, **kwargs):
    start = time.perf_counter()
    try:
        return _run_event(self, name, item, **kwargs)
    finally:
        TIMES[f"event {name}"] += time.perf_counter() - start


def render(self, *args, **kwargs):
    start = time.perf_counter()
    try:
        return _render(self, *args, **kwargs)
    finally:
        TIMES["page.render (Markdown)"] += time.perf_counter() - start


def report(started: float) -> None:
    TIMES["total (after imports)"] = time.perf_counter() - started
    for name, seconds in sorted(TIMES.items()):
        if seconds >= 0.005:
            print(f"{name:32} {seconds:8.2f} s", file=sys.stderr)


if __name__ == "__main__":
    mkdocs.plugins.PluginCollection.run_event = run_event
    mkdocs.structure.pages.Page.render = render
    atexit.register(report, time.perf_counter())
    sys.argv = ["mkdocs", *sys.argv[1:]]
    runpy.run_module("mkdocs", run_name="__main__")
