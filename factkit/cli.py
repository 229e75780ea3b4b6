"""Command line: ``python -m factkit check|schema|rules``."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from . import check, errors, report, today
from .checks import RULES, WARNINGS
from .schema import fact_schema


def _cmd_check(args: argparse.Namespace) -> int:
    facts, problems = check(args.facts, on=today(args.today), strict=args.strict)
    print(report(problems, github=args.github))
    if not errors(problems):
        print(f"{len(facts.claims)} claims, {len(facts.sources)} sources, {len(facts.entities)} entities checked")
    return 1 if errors(problems) else 0


def _cmd_schema(args: argparse.Namespace) -> int:
    text = json.dumps(fact_schema(), indent=2, ensure_ascii=False) + "\n"
    if args.out:
        Path(args.out).parent.mkdir(parents=True, exist_ok=True)
        Path(args.out).write_text(text, encoding="utf-8")
    else:
        sys.stdout.write(text)
    return 0


def _cmd_rules(args: argparse.Namespace) -> int:
    for code, text in RULES.items():
        print(f"{code:28} {'warning' if code in WARNINGS else 'error':8} {text}")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="factkit", description="Check and query a fact-checked explainer's facts.")
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("check", help="validate the fact files; exit 1 on errors")
    p.add_argument("--facts", default="facts", help="the facts folder (default: facts)")
    p.add_argument("--today", default=None, help="pretend today is YYYY-MM-DD (or set FACTKIT_TODAY)")
    p.add_argument("--strict", action="store_true", help="treat warnings as errors")
    p.add_argument("--github", action="store_true", default=None,
                   help="also print GitHub Actions annotations (automatic under GitHub Actions)")
    p.set_defaults(func=_cmd_check)
    p = sub.add_parser("schema", help="print or write the JSON Schema of fact files")
    p.add_argument("--out", default=None)
    p.set_defaults(func=_cmd_schema)
    p = sub.add_parser("rules", help="list the check codes")
    p.set_defaults(func=_cmd_rules)
    args = parser.parse_args(argv)
    try:
        return args.func(args)
    except ValueError as exc:  # e.g. a malformed --today
        print(f"factkit: {exc}", file=sys.stderr)
        return 2
