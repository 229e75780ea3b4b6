"""Print the quality table of the built site: per page axe serious/critical violations, requests leaving
127.0.0.1, HTML and asset weight against the budgets, console errors, broken internal links, missing meta tags
and sideways overflow. The same measurement as tests/browser/test_quality.py.

    .venv/bin/python scripts/site_report.py            # builds the site into a temporary folder first
    .venv/bin/python scripts/site_report.py --site site  # an existing build
Exit status 1 when a page misses a bar.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests" / "browser"))

import sitecheck


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--site", type=Path, help="an existing build (default: build the site now)")
    parser.add_argument("--timings", action="store_true", help="print how long each page took")
    args = parser.parse_args()
    if sitecheck.find_chromium() is None:
        print(sitecheck.HOW_TO_INSTALL, file=sys.stderr)
        return 2
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as tmp:
        site = args.site or sitecheck.build_site(Path(tmp) / "site")
        with sitecheck.serve(site) as base, sync_playwright() as p:
            browser = sitecheck.launch(p)
            start = time.perf_counter()
            reports = sitecheck.measure_pages(browser, base, site, [*sitecheck.sitemap_paths(site), "404.html"])
            browser.close()
        if args.timings:
            print(f"measured in {time.perf_counter() - start:.1f}s", file=sys.stderr)
        print(sitecheck.table(reports))
        failures = [f for r in reports for f in r.failures()] + sitecheck.site_problems(site)
        for failure in failures:
            print("FAIL " + failure)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
