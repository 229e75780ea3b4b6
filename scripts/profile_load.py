"""Where a page's load spends the main thread: a Chromium trace and CPU profile with the CPU slowed 4x.

    python scripts/serve_gzip.py /tmp/site 8765 &
    python scripts/profile_load.py http://127.0.0.1:8765/sources/ [--desktop]

Prints the trace's totals (parsing, style, layout, script), the style recalculations and layouts that took over
30 ms with the number of elements or layout objects they covered, and the script time by function. Material's
minified bundle.js is mapped back to its source files with the bundle's source map (bundle.*.min.js.map,
next to it on the site), so that a forced style or layout shows under the component that asked for it (reading
`scrollY` or `getComputedStyle()` makes the browser style and lay out the page there and then). A phone is a
412 x 823 touch screen, as Lighthouse's mobile run. Used for docs-dev/LIGHTHOUSE.md.
"""

from __future__ import annotations

import bisect
import json
import sys
import urllib.request
from collections import Counter
from typing import Any

B64 = {c: i for i, c in enumerate("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/")}


def vlq(segment: str) -> list[int]:
    out, value, shift = [], 0, 0
    for ch in segment:
        digit = B64[ch]
        value += (digit & 31) << shift
        if digit & 32:
            shift += 5
            continue
        out.append(-(value >> 1) if value & 1 else value >> 1)
        value, shift = 0, 0
    return out


class SourceMap:
    """Generated (line, column) -> original source file, from a version 3 source map."""

    def __init__(self, data: dict[str, Any]) -> None:
        self.sources: list[str] = data["sources"]
        self.lines: list[tuple[list[int], list[int]]] = []
        src = 0
        for line in data["mappings"].split(";"):
            cols: list[int] = []
            files: list[int] = []
            col = 0
            for seg in filter(None, line.split(",")):
                fields = vlq(seg)
                col += fields[0]
                if len(fields) > 1:
                    src += fields[1]
                    cols.append(col)
                    files.append(src)
            self.lines.append((cols, files))
            # the other fields (original line, column, name) are not needed: only the file is reported

    def source(self, line: int, column: int) -> str:
        if line >= len(self.lines):
            return "?"
        cols, files = self.lines[line]
        i = bisect.bisect_right(cols, column) - 1
        return self.sources[files[i]] if i >= 0 else "?"


def record(url: str, mobile: bool) -> tuple[list[dict[str, Any]], dict[str, Any]]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=["--no-sandbox", "--disable-gpu"])
        options: dict[str, Any] = ({"viewport": {"width": 412, "height": 823}, "device_scale_factor": 1.75,
                                    "is_mobile": True, "has_touch": True} if mobile
                                   else {"viewport": {"width": 1350, "height": 940}})
        context = browser.new_context(**options)
        page = context.new_page()
        cdp = context.new_cdp_session(page)
        cdp.send("Emulation.setCPUThrottlingRate", {"rate": 4})
        cdp.send("Profiler.enable")
        cdp.send("Profiler.setSamplingInterval", {"interval": 200})
        cdp.send("Profiler.start")
        browser.start_tracing(page=page, categories=["devtools.timeline", "disabled-by-default-devtools.timeline"])
        page.goto(url, wait_until="load")
        page.wait_for_timeout(3000)
        events = json.loads(browser.stop_tracing())["traceEvents"]
        profile = cdp.send("Profiler.stop")["profile"]
        browser.close()
    return events, profile


def main() -> None:
    url, mobile = sys.argv[1], "--desktop" not in sys.argv[2:]
    events, profile = record(url, mobile)
    parsers = Counter((e["pid"], e["tid"]) for e in events if e.get("name") == "ParseHTML")
    thread = parsers.most_common(1)[0][0]
    mine = [e for e in events if (e.get("pid"), e.get("tid")) == thread and e.get("ph") == "X"]
    totals: Counter[str] = Counter()
    counts: Counter[str] = Counter()
    for e in mine:
        if e["name"] in ("RunTask", "ParseHTML", "UpdateLayoutTree", "Layout", "EvaluateScript", "FunctionCall",
                         "Paint", "PrePaint"):
            totals[e["name"]] += e.get("dur", 0)
            counts[e["name"]] += 1
    print(f"{url} ({'phone' if mobile else 'desktop'}), CPU 4x slower; main thread, ms:")
    for name, us in totals.most_common():
        print(f"  {name:16} {us / 1000:8.0f}  ({counts[name]}x)")
    print("  tasks over 50 ms:", sorted((e["dur"] // 1000 for e in mine if e["name"] == "RunTask"
                                         and e["dur"] > 50_000), reverse=True))
    for e in mine:
        if e["name"] in ("UpdateLayoutTree", "Layout") and e.get("dur", 0) > 30_000:
            data = e.get("args", {}).get("beginData", {})
            elements = data.get("elementCount", e.get("args", {}).get("elementCount", "?"))
            size = (f"{elements} elements" if e["name"] == "UpdateLayoutTree"
                    else f"{data.get('dirtyObjects')} of {data.get('totalObjects')} layout objects")
            print(f"  {e['name']:16} {e['dur'] / 1000:8.0f}  {size}")
    maps: dict[str, SourceMap | None] = {}

    def where(frame: dict[str, Any]) -> str:
        script = frame["url"]
        if not script:
            return f"(native) {frame['functionName']}"
        if script not in maps:
            try:
                with urllib.request.urlopen(script + ".map", timeout=10) as response:
                    maps[script] = SourceMap(json.load(response))
            except (OSError, ValueError):
                maps[script] = None
        source_map = maps[script]
        name = script.rsplit("/", 1)[-1]
        if source_map is None:
            return f"{name}:{frame['lineNumber'] + 1} {frame['functionName']}"
        source = source_map.source(frame["lineNumber"], frame["columnNumber"])
        if "node_modules/" in source:  # a library inside the bundle (rxjs): look for its caller
            return f"(library) {source.split('node_modules/')[-1]}"
        return f"{source.split('javascripts/')[-1]} {frame['functionName']}"

    nodes = {n["id"]: n for n in profile["nodes"]}
    parent = {child: n["id"] for n in profile["nodes"] for child in n.get("children", [])}
    own: Counter[int] = Counter()
    for sample, delta in zip(profile["samples"], profile["timeDeltas"], strict=True):
        own[sample] += delta
    spent: Counter[str] = Counter()
    for nid, us in own.items():
        frame = nodes[nid]["callFrame"]
        if frame["functionName"] in ("(idle)", "(root)", "(program)", "(garbage collector)"):
            spent[frame["functionName"]] += us
            continue
        # the nearest caller in the page's own or the theme's code (not the rxjs library inside bundle.js)
        at: int | None = nid
        label = where(frame)
        while at is not None:
            candidate = where(nodes[at]["callFrame"])
            if not candidate.startswith(("(native)", "(library)")):
                label = candidate
                break
            at = parent.get(at)
        spent[label] += us
    print("script time by function (ms; (program) is the browser's own work: parsing, style, layout, paint):")
    for label, us in spent.most_common(20):
        print(f"  {us / 1000:8.0f}  {label}")


if __name__ == "__main__":
    main()
