"""``factkit new DIR``: a complete, working explainer site to start from.

The files come from the package (``factkit/scaffold/``): settings, pages, an obviously fictional example
fact base (a made-up town's new bridge, every address on example.org), the site's own macros module and
test, a Makefile, GitHub workflows and templates. ``schema/facts.schema.json`` is written from the model.
An existing file is never overwritten: a non-empty folder is refused unless ``--force`` is given, and
then only the missing files are written.
"""

from __future__ import annotations

import argparse
import json
import sys
from importlib import metadata
from pathlib import Path
from typing import NoReturn

TEMPLATE = Path(__file__).resolve().parent / "scaffold"
SCHEMA = "schema/facts.schema.json"
_SUBSTITUTED = {"mkdocs.yml", "README.md", "requirements.txt"}  # files holding @@SITE_NAME@@ / @@FACTKIT_VERSION@@
_SKIPPED_PARTS = {"__pycache__", ".factkit-cache", "site", ".venv"}
USAGE = "factkit new DIR [--title TITLE] [--force]"


class NewSiteError(Exception):
    """The site cannot be created here; the message is one line for the user."""


def template_files() -> list[str]:
    """The scaffold's files, as POSIX paths relative to the new site's folder, in order."""
    found = []
    for path in sorted(TEMPLATE.rglob("*")):
        rel = path.relative_to(TEMPLATE)
        if path.is_file() and not _SKIPPED_PARTS & set(rel.parts) and path.suffix != ".pyc":
            found.append(rel.as_posix())
    return found


def factkit_version() -> str:
    try:
        return metadata.version("factkit")
    except metadata.PackageNotFoundError:  # run from a checkout that is not installed
        return "0.2.0"


def title_from(folder: Path) -> str:
    """A site name from a folder name: 'bridge-explainer' -> 'Bridge explainer'."""
    words = " ".join(folder.name.replace("-", " ").replace("_", " ").split()) or "Fact-checked explainer"
    return words[:1].upper() + words[1:]


def file_text(rel: str, title: str) -> str:
    """The text of one scaffold file in the new site."""
    if rel == SCHEMA:
        from .schema import fact_schema

        return json.dumps(fact_schema(), indent=2, ensure_ascii=False) + "\n"
    text = (TEMPLATE / rel).read_text(encoding="utf-8")
    if rel in _SUBSTITUTED:
        if rel == "mkdocs.yml":  # a YAML double-quoted string, whatever the title holds
            text = text.replace('"@@SITE_NAME@@"', json.dumps(title, ensure_ascii=False))
        text = text.replace("@@SITE_NAME@@", title).replace("@@FACTKIT_VERSION@@", factkit_version())
    return text


def create(target: Path, title: str | None = None, force: bool = False) -> tuple[list[str], list[str]]:
    """Write the scaffold into ``target``; returns (files written, files skipped because they exist)."""
    if target.exists() and not target.is_dir():
        raise NewSiteError(f"{target} is a file, not a folder; give a new or empty folder")
    if target.is_dir() and any(target.iterdir()) and not force:
        raise NewSiteError(f"{target} is not empty; give a new or empty folder, or add --force to write only "
                           "the files that are missing (an existing file is never overwritten)")
    title = title.strip() if title and title.strip() else title_from(target.resolve())
    written, skipped = [], []
    for rel in [*template_files(), SCHEMA]:
        dest = target / rel
        if dest.exists() or dest.is_symlink():
            skipped.append(rel)
            continue
        text = file_text(rel, title)
        dest.parent.mkdir(parents=True, exist_ok=True)
        with dest.open("x", encoding="utf-8", newline="\n") as fh:  # "x": never replaces a file
            fh.write(text)
        written.append(rel)
    return written, skipped


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:  # one line, no usage block
        print(f"factkit new: {message} (usage: {USAGE})", file=sys.stderr)
        raise SystemExit(2)


def main(argv: list[str]) -> int:
    """``factkit new``: its exit code (2 for a wrong call or folder)."""
    parser = _Parser(prog="factkit new", usage=USAGE,
                     description="Create a complete fact-checked explainer site (with fictional example facts) "
                                 "in DIR. Existing files are never overwritten.")
    parser.add_argument("dir", metavar="DIR", help="the folder to create (new or empty)")
    parser.add_argument("--title", default=None, help="the site's name (default: from the folder's name)")
    parser.add_argument("--force", action="store_true",
                        help="also into a non-empty folder: write only the missing files, never overwrite")
    args = parser.parse_args(argv)
    target = Path(args.dir)
    try:
        written, skipped = create(target, args.title, args.force)
    except NewSiteError as exc:
        print(f"factkit new: {exc}", file=sys.stderr)
        return 2
    except OSError as exc:
        print(f"factkit new: cannot write into {target}: {exc.strerror or exc}", file=sys.stderr)
        return 2
    print(f"Wrote {len(written)} files into {target}/:")
    for rel in written:
        print(f"  {rel}")
    if skipped:
        print(f"Skipped {len(skipped)} files that already exist (not changed):")
        for rel in skipped:
            print(f"  {rel}")
    print(f"""
Next:
  cd {target}
  make build    # check the facts and build the site into site/ (mkdocs build --strict)
  make serve    # preview it at http://127.0.0.1:8000
  make test     # the site's tests: fact check, strict build, every claim on a page
The facts and pages are a fictional example (a made-up town's bridge): README.md says what to edit first.""")
    return 0
