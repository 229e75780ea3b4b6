"""Command line: ``python -m factkit check|schema|rules|diff|new|macros|translations``."""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

from . import check, errors, today
from .cache import CACHE_DIR
from .problems import Problem, check_report

# The model (pydantic) is imported only where a command needs it: an unchanged `check` answers
# from its run cache without it.


def _cmd_check(args: argparse.Namespace) -> int:
    if args.facts is None or args.docs is None:  # the folders the site's mkdocs.yml names, if it names them
        from .siteconfig import configured_folders

        named = configured_folders(Path("mkdocs.yml"))  # no file: the defaults
        args.facts, args.docs = args.facts or named[0], args.docs or named[1]
    if args.watch:
        from .watch import watch

        day = today(args.today)  # validates --today before watching
        return watch(args.facts, strict=args.strict, interval=args.interval,
                     today=(lambda: day) if args.today else today)
    on = today(args.today)
    root = Path(args.facts)
    cache_dir = None if args.no_cache else root.absolute().parent / CACHE_DIR
    found = key = None
    if cache_dir is not None:
        from . import cache

        key = cache.run_key(root, on, args.strict)  # before reading: a save meanwhile means a miss next time
        found = cache.load_run(cache_dir, key)
    if found is not None:
        problems, counts = found
    else:
        facts, problems = check(root, on=on, strict=args.strict)
        counts = (len(facts.claims), len(facts.sources), len(facts.entities))
        if cache_dir is not None and key is not None:
            cache.save_run(cache_dir, key, problems, counts)
    docs = Path(args.docs)
    if docs.is_dir():  # the pages' prose: no internal ids or notes to self (factkit.editorial)
        problems = sorted([*problems, *_check_pages(docs, cache_dir)])
    print(check_report(problems, counts, github=args.github))
    return 1 if errors(problems) else 0


def _check_pages(docs: Path, cache_dir: Path | None) -> list[Problem]:
    """The problems in the pages' prose, from the run cache when no page changed."""
    from . import cache

    key = cache.pages_key(docs) if cache_dir is not None else None
    found = cache.load_run(cache_dir, key, "pages") if cache_dir is not None and key is not None else None
    if found is not None:
        return found[0]
    from .editorial import check_docs

    problems = check_docs(docs, Path.cwd())
    if cache_dir is not None and key is not None:
        cache.save_run(cache_dir, key, problems, part="pages")
    return problems


def _emit(text: str, out: str | None) -> int:
    """Write a generated document to ``out`` (its folder made if needed), or print it."""
    if out:
        Path(out).parent.mkdir(parents=True, exist_ok=True)
        Path(out).write_text(text, encoding="utf-8")
    else:
        sys.stdout.write(text)
    return 0


def _cmd_schema(args: argparse.Namespace) -> int:
    from .schema import fact_schema

    return _emit(json.dumps(fact_schema(), indent=2, ensure_ascii=False) + "\n", args.out)


def _cmd_rules(args: argparse.Namespace) -> int:
    from .checks import RULES, WARNINGS

    if args.markdown:
        from .rules import markdown

        try:
            text = markdown(Path(args.format).read_text(encoding="utf-8"), Path(args.format).name)
        except OSError as exc:
            print(f"factkit rules: cannot read {args.format} ({exc.strerror or type(exc).__name__})", file=sys.stderr)
            return 2
        return _emit(text, args.out)
    for code, text in RULES.items():
        print(f"{code:28} {'warning' if code in WARNINGS else 'error':8} {text}")
    return 0


def _cmd_diff(args: argparse.Namespace) -> int:
    from .diff import GitError, run

    try:
        diff, markdown = run(args.base, args.head, facts_dir=args.facts, docs_dir=args.docs,
                             on=today(args.today), exact=args.exact)
    except GitError as exc:
        print(f"factkit diff: {exc}", file=sys.stderr)
        return 2
    if args.out:
        with open(args.out, "a", encoding="utf-8") as fh:
            fh.write(markdown + "\n")
        print(markdown.split("\n\n")[1] if "\n\n" in markdown else markdown)
    else:
        sys.stdout.write(markdown)
    github = args.github if args.github is not None else os.environ.get("GITHUB_ACTIONS") == "true"
    if github:
        for line in diff.annotations():
            print(line)
    return 1 if args.strict and (diff.flags or errors(diff.new_problems)) else 0


def _cmd_translations(args: argparse.Namespace) -> int:
    from . import i18n

    facts, problems = check(args.facts, on=today(args.today))
    if errors(problems):
        print(check_report(problems, (len(facts.claims), len(facts.sources), len(facts.entities))))
        return 1
    if args.confirm:
        rid, lang = args.confirm
        try:
            print(i18n.confirm(facts, rid, lang, Path(args.facts).absolute().parent))
        except LookupError as exc:
            print(f"factkit translations: {exc}", file=sys.stderr)
            return 2
        return 0
    if args.hash:
        for rid in args.hash:
            kind = "review" if rid == "review" and facts.review else \
                next((k for k in i18n.KINDS[:4] if i18n.original(facts, k, rid)), None)
            if kind is None:
                print(f"factkit translations: no record '{rid}'", file=sys.stderr)
                return 2
            record = i18n.original(facts, kind, "" if rid == "review" else rid)
            assert record is not None
            print(f"{rid} from: {i18n.text_hash(kind, record)}")
        return 0
    print(i18n.status(facts, args.lang or None))
    return 0


def _cmd_build_report(args: argparse.Namespace) -> int:
    from .site import build_report, site_pages

    config = Path(args.config)
    try:
        settings, docs = site_pages(config)
    except (OSError, ValueError) as exc:
        print(f"factkit build-report: {exc}", file=sys.stderr)
        return 2
    return build_report(config.parent, settings, Path(args.site), docs)


def _cmd_new(args: argparse.Namespace) -> int:
    from .newsite import main as new_site

    return new_site(args.argv)


def _cmd_macros(args: argparse.Namespace) -> int:
    from .reference import page, reference

    return _emit(page() if args.page else reference(), args.out)


def main(argv: list[str] | None = None) -> int:
    """Run a command; its exit code."""
    parser = argparse.ArgumentParser(prog="factkit", description="Check and query a fact-checked explainer's facts.")
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("check", help="validate the fact files; exit 1 on errors")
    p.add_argument("--facts", default=None,
                   help="the facts folder (default: the factkit plugin's facts_dir in ./mkdocs.yml, else facts)")
    p.add_argument("--docs", default=None, help="the pages folder, whose prose is checked for text not meant for "
                   "readers (default: docs_dir in ./mkdocs.yml, else docs)")
    p.add_argument("--today", default=None, help="pretend today is YYYY-MM-DD (or set FACTKIT_TODAY)")
    p.add_argument("--strict", action="store_true", help="treat warnings as errors")
    p.add_argument("--github", action="store_true", default=None,
                   help="also print GitHub Actions annotations (automatic under GitHub Actions)")
    p.add_argument("--no-cache", action="store_true",
                   help=f"read and check everything again (default: keep results in {CACHE_DIR}/ next to the facts)")
    p.add_argument("--watch", action="store_true",
                   help="keep running and check again each time a fact file is saved (Ctrl-C stops)")
    p.add_argument("--interval", type=float, default=0.5, help="with --watch: seconds between looks (default: 0.5)")
    p.set_defaults(func=_cmd_check)
    p = sub.add_parser("schema", help="print or write the JSON Schema of fact files")
    p.add_argument("--out", default=None)
    p.set_defaults(func=_cmd_schema)
    p = sub.add_parser("rules", help="list the check codes")
    p.add_argument("--markdown", action="store_true",
                   help="print the rules table (code, rule, where the format document states it, its test)")
    p.add_argument("--format", default="FACTS_FORMAT.md", help="with --markdown: the format document to read")
    p.add_argument("--out", default=None, help="with --markdown: write the table to this file (e.g. RULES.md)")
    p.set_defaults(func=_cmd_rules)
    p = sub.add_parser("diff", help="what changed in the facts between two git revisions, as Markdown")
    p.add_argument("base", help="the base revision, e.g. origin/main")
    p.add_argument("head", nargs="?", default=None, help="the head revision (default: the working tree)")
    p.add_argument("--exact", action="store_true",
                   help="compare with BASE itself, not with the merge base of BASE and HEAD")
    p.add_argument("--facts", default="facts", help="the facts folder, relative to the repository (default: facts)")
    p.add_argument("--docs", default="docs", help="the pages folder, for the affected-pages list (default: docs)")
    p.add_argument("--today", default=None, help="pretend today is YYYY-MM-DD (or set FACTKIT_TODAY)")
    p.add_argument("--out", default=None, help="append the Markdown to this file (e.g. $GITHUB_STEP_SUMMARY)")
    p.add_argument("--strict", action="store_true",
                   help="exit 1 on a verdict change without a correction note or a new check error")
    p.add_argument("--github", action="store_true", default=None,
                   help="also print GitHub Actions annotations (automatic under GitHub Actions)")
    p.set_defaults(func=_cmd_diff)
    p = sub.add_parser("translations", help="how much of each language is translated, and what is out of date")
    p.add_argument("--facts", default="facts", help="the facts folder (default: facts)")
    p.add_argument("--lang", action="append", help="only this language (repeatable)")
    p.add_argument("--confirm", nargs=2, metavar=("ID", "LANG"),
                   help="after checking a translation against the English: write the English's hash into its from:")
    p.add_argument("--hash", nargs="+", metavar="ID", help="print the hash of records' English text (for from:)")
    p.add_argument("--today", default=None, help="pretend today is YYYY-MM-DD (or set FACTKIT_TODAY)")
    p.set_defaults(func=_cmd_translations)
    p = sub.add_parser("build-report", help="after a build by a host without factkit's plugin hooks: check that "
                                            "every claim is on a page and write the open data into the site")
    p.add_argument("site", nargs="?", default="site", help="the built site's folder (default: site)")
    p.add_argument("--config", default="mkdocs.yml", help="the site's configuration (default: mkdocs.yml)")
    p.set_defaults(func=_cmd_build_report)
    # `new` parses its own options (factkit.newsite): a wrong call reads as one line
    p = sub.add_parser("new", help="create a complete explainer site (fictional example facts) in a new folder",
                       add_help=False, prefix_chars="\0")
    p.add_argument("argv", nargs=argparse.REMAINDER)
    p.set_defaults(func=_cmd_new)
    p = sub.add_parser("macros", help="print the reference of the macros pages call, as Markdown")
    p.add_argument("--page", action="store_true",
                   help="as the site page docs/macros.md: front matter, and the calls shown by mkdocs-macros, not run")
    p.add_argument("--out", default=None, help="write it to this file instead of printing it")
    p.set_defaults(func=_cmd_macros)
    args = parser.parse_args(argv)
    try:
        return int(args.func(args))  # every _cmd_* returns an int; argparse gives it as Any
    except ValueError as exc:  # e.g. a malformed --today
        print(f"factkit: {exc}", file=sys.stderr)
        return 2
