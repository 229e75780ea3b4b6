"""The site's macros: facts are loaded and checked once per build, then queried by pages."""

from __future__ import annotations

from pathlib import Path

import factkit


def define_env(env) -> None:
    conf = env.conf.get("extra", {}).get("factkit", {})
    root = Path(env.conf["config_file_path"]).parent
    facts, problems = factkit.check(root / conf.get("facts_dir", "facts"), base_dir=root)
    if factkit.errors(problems):
        raise SystemExit("The facts have errors; the site was not built:\n" + factkit.report(problems))

    @env.macro
    def claim_count() -> int:
        return len(facts.claims)
