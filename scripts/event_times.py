"""Time every MkDocs plugin event of one build, and the Markdown conversion, from inside the build.

Usage (in a site folder): ``python scripts/event_times.py build -q -f mkdocs.yml``. Prints, on stderr, each
event's seconds summed over the build, wall and CPU (``time.process_time()``: on a busy machine it moves much
less than the wall time), then the whole build after the imports. The engine's own share of a build is the
events the factkit and macros plugins take part in (``scripts/bench.py``: ``ENGINE_EVENTS``) minus the same
events of a build without them: run-to-run noise on a shared machine is larger than that share, which a
whole-build ratio cannot separate. Used for the figures in docs-dev/PERFORMANCE.md.
"""

from __future__ import annotations

import atexit
import collections
import runpy
import sys
import time

import mkdocs.plugins
import mkdocs.structure.pages

TIMES: dict[str, list[float]] = collections.defaultdict(lambda: [0.0, 0.0])  # name -> [wall, CPU] seconds
_run_event = mkdocs.plugins.PluginCollection.run_event
_render = mkdocs.structure.pages.Page.render


def _timed(name: str, func, *args, **kwargs):
    wall, cpu = time.perf_counter(), time.process_time()
    try:
        return func(*args, **kwargs)
    finally:
        TIMES[name][0] += time.perf_counter() - wall
        TIMES[name][1] += time.process_time() - cpu


def run_event(self, name, item=None, **kwargs):
    return _timed(f"event {name}", _run_event, self, name, item, **kwargs)


def render(self, *args, **kwargs):
    return _timed("page.render (Markdown)", _render, self, *args, **kwargs)


def report(started: tuple[float, float]) -> None:
    TIMES["total (after imports)"] = [time.perf_counter() - started[0], time.process_time() - started[1]]
    for name, (wall, cpu) in sorted(TIMES.items()):
        if wall >= 0.005 or cpu >= 0.005:
            print(f"{name:32} {wall:8.2f} s {cpu:8.2f} s CPU", file=sys.stderr)


if __name__ == "__main__":
    mkdocs.plugins.PluginCollection.run_event = run_event
    mkdocs.structure.pages.Page.render = render
    atexit.register(report, (time.perf_counter(), time.process_time()))
    sys.argv = ["mkdocs", *sys.argv[1:]]
    runpy.run_module("mkdocs", run_name="__main__")
