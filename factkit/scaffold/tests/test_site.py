"""The site's own test: the facts pass the check, the site builds with --strict, and every claim is on a page.

Run it with `make test` (or `python -m unittest discover -s tests -v`). It needs nothing beyond factkit.
"""

import os
import re
import subprocess
import sys
import tempfile
import unittest
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}


def run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", *args], cwd=ROOT, env=ENV, capture_output=True, text=True,
                          timeout=600)


class SiteTest(unittest.TestCase):
    def test_facts_pass_the_check(self) -> None:
        result = run("factkit", "check", "--no-cache")
        self.assertEqual(result.returncode, 0, result.stdout + result.stderr)

    def test_strict_build_shows_every_claim(self) -> None:
        import factkit

        facts, _ = factkit.check(ROOT / "facts", base_dir=ROOT)
        with tempfile.TemporaryDirectory() as out:
            result = run("mkdocs", "build", "--strict", "--site-dir", out)
            self.assertEqual(result.returncode, 0, result.stdout + result.stderr)
            html = "".join(p.read_text(encoding="utf-8") for p in Path(out).rglob("*.html"))
        shown = set(re.findall(r'data-claim="([^"]+)"', html))
        missing = sorted(set(facts.claims) - shown)
        self.assertFalse(missing, f"claims on no page: {', '.join(missing)}")


if __name__ == "__main__":
    unittest.main()
