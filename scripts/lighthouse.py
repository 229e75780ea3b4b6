"""Lighthouse (npm) on every page of a built site, mobile and desktop, all four categories; a Markdown table.

    python scripts/serve_gzip.py /tmp/site 8765 &
    LIGHTHOUSE=/tmp/lh/node_modules/.bin/lighthouse CHROME_PATH=/usr/bin/chromium \
        python scripts/lighthouse.py /tmp/site http://127.0.0.1:8765/ /tmp/lh/reports [PAGE ...]

Runs offline (Chromium headless, no sandbox); the reports (JSON) land in the third argument's folder. Pages named
after it (`sources/ ar/sources/`) are run instead of every page of sitemap.xml. Each row ends with the machine's
state during the run: Lighthouse's CPU benchmark index (higher is faster; it falls when other work shares the
CPU) and the 1-minute load average, since simulated throttling scales what it observes, so contention inflates
the blocking time.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlsplit
from xml.etree import ElementTree

CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
FLAGS = "--headless=new --no-sandbox --disable-gpu --disable-dev-shm-usage --no-first-run"


def pages(site: Path) -> list[str]:
    locs = [el.text.strip() for el in ElementTree.parse(site / "sitemap.xml").iter() if el.tag.endswith("loc")]
    return [urlsplit(loc).path.lstrip("/") for loc in locs]


def run(url: str, preset: str, out: Path) -> dict:
    cmd = [os.environ.get("LIGHTHOUSE", "lighthouse"), url, "--quiet", "--output=json", f"--output-path={out}",
           f"--only-categories={','.join(CATEGORIES)}", f"--chrome-flags={FLAGS}"]
    if preset == "desktop":
        cmd.append("--preset=desktop")
    subprocess.run(cmd, check=True, timeout=300)
    return json.loads(out.read_text(encoding="utf-8"))


def row(path: str, preset: str, report: dict, load: float) -> str:
    cats = report["categories"]
    audits = report["audits"]
    scores = [str(round((cats[c]["score"] or 0) * 100)) for c in CATEGORIES]
    metrics = [audits[a]["displayValue"].replace("\xa0", " ") for a in
               ("first-contentful-paint", "largest-contentful-paint", "total-blocking-time", "cumulative-layout-shift")]
    dom = audits.get("dom-size", {}).get("numericValue")
    weight = audits.get("total-byte-weight", {}).get("numericValue", 0) / 1024
    index = report.get("environment", {}).get("benchmarkIndex", 0)
    return (f"| /{path} | {preset} | " + " | ".join(scores + metrics) + f" | {dom:.0f} | {weight:.0f} KiB "
            f"| {index:.0f} | {load:.1f} |")


def main() -> None:
    site, base, out = Path(sys.argv[1]), sys.argv[2], Path(sys.argv[3])
    out.mkdir(parents=True, exist_ok=True)
    print("| page | form factor | Performance | Accessibility | Best practices | SEO | FCP | LCP | TBT | CLS "
          "| DOM elements | transferred | CPU index | load |")
    print("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|")
    for path in [p.lstrip("/") for p in sys.argv[4:]] or pages(site):
        for preset in ("mobile", "desktop"):
            name = (path.strip("/").replace("/", "_") or "home") + f"-{preset}.json"
            load = os.getloadavg()[0]
            print(row(path, preset, run(base + path, preset, out / name), load), flush=True)


if __name__ == "__main__":
    main()
