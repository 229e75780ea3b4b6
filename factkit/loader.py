"""Load every fact file under a folder into typed records, with located problems for the rest.

Each record is validated on its own, so one bad claim does not hide the others; a record that
fails validation is reported (never silently dropped) and left out of the fact base.
"""

from __future__ import annotations

import difflib
import gc
import os
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from .model import KINDS, ArticleReview, FactFile, Record
from .problems import Problem
from .store import FactBase
from .yamlsafe import LList, LMap, read_yaml

TOP_KEYS = tuple(FactFile.model_fields)
_TYPE_WORDS = {
    "string_type": "expected text (quote it if needed)",
    "int_type": "expected a whole number",
    "int_from_float": "expected a whole number",
    "list_type": "expected a list (lines starting with '- ')",
    "dict_type": "expected a mapping (key: value lines)",
    "model_type": "expected a mapping (key: value lines)",
    "model_attributes_type": "expected a mapping (key: value lines)",
    "bool_type": "expected true or false",
}


def fact_files(root: Path) -> list[Path]:
    """Every .yml/.yaml file under root, sorted, including links (checked later)."""
    found = []
    for dirpath, dirnames, filenames in os.walk(root, followlinks=False):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        for name in sorted(filenames):
            if name.endswith((".yml", ".yaml")):
                found.append(Path(dirpath) / name)
    return found


def _display(path: Path, base: Path) -> str:
    try:
        return path.relative_to(base).as_posix()
    except ValueError:
        return path.as_posix()


def _node_line(root: Any, loc: tuple, fallback: int) -> int:
    """Follow a pydantic error location through the read YAML to the best line."""
    node, line = root, fallback
    for part in loc:
        if isinstance(node, LMap) and isinstance(part, str) and part in node:
            line = node.key_lines.get(part, line)
            node = node[part]
        elif isinstance(node, LList) and isinstance(part, int) and part < len(node):
            line = node.item_lines[part]
            node = node[part]
        else:
            break
        if isinstance(node, (LMap, LList)) and not isinstance(part, str):
            line = node.line if isinstance(node, LMap) else line
    return line


def _allowed_fields(model: type[Record], loc: tuple) -> list[str]:
    """The field names valid at a location inside a model (for 'did you mean')."""
    current: Any = model
    for part in loc[:-1]:
        if isinstance(part, int):
            continue
        field = getattr(current, "model_fields", {}).get(part)
        if field is None:
            return []
        current = _inner_model(field.annotation)
        if current is None:
            return []
    return list(getattr(current, "model_fields", {}))


def _inner_model(annotation: Any) -> Any:
    if isinstance(annotation, type) and issubclass(annotation, Record):
        return annotation
    for arg in getattr(annotation, "__args__", ()) or ():
        found = _inner_model(arg)
        if found is not None:
            return found
    return None


def _describe(err: dict, model: type[Record], what: str) -> tuple[str, str]:
    """(code, message) for one pydantic error."""
    loc = err["loc"]
    name = str(loc[-1]) if loc else what
    kind = err["type"]
    if kind == "missing":
        return "missing-field", f"{what} is missing the required field '{name}'; add it"
    if kind == "extra_forbidden":
        allowed = _allowed_fields(model, loc)
        near = difflib.get_close_matches(name, allowed, n=1, cutoff=0.6)
        hint = f"did you mean '{near[0]}'?" if near else f"allowed fields: {', '.join(allowed)}"
        return "unknown-field", f"unknown field '{name}' in {what}; {hint}"
    if kind == "literal_error":
        expected = err.get("ctx", {}).get("expected", "")
        return "bad-value", f"'{name}' must be one of {expected}, not {err.get('input')!r}"
    if kind == "string_pattern_mismatch":
        if name in ("id", "source", "article") or isinstance(loc[-1], int):
            return "bad-id", (f"'{err.get('input')}' is not a valid id; use lowercase letters, digits "
                              "and hyphens (it becomes a permalink)")
        return "bad-value", f"'{name}' has the wrong form: {err.get('input')!r}"
    if kind in ("string_too_long", "too_long"):
        return "too-long", f"'{name}' is too long ({err['msg'].lower()}); shorten it"
    if kind in ("string_too_short", "too_short"):
        if name == "citations":
            return "no-citation", f"{what} has no citations; cite at least one vetted source"
        return "empty", f"'{name}' is empty; fill it in or remove it"
    if kind == "value_error":
        msg = str(err.get("ctx", {}).get("error", err["msg"]))
        return "bad-date", f"'{name}': {msg}"
    if kind in _TYPE_WORDS:
        got = type(err.get("input")).__name__
        got = {"str": "text", "int": "a number", "float": "a number", "LList": "a list",
               "LMap": "a mapping", "NoneType": "nothing", "bool": "true/false"}.get(got, got)
        return "wrong-type", f"'{name}': {_TYPE_WORDS[kind]}, got {got}"
    return "invalid", f"'{name}': {err['msg']}"


def _validate(model: type[Record], data: Any, path: str, line: int, what: str,
              problems: list[Problem]) -> Record | None:
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        for err in exc.errors(include_url=False):
            code, message = _describe(err, model, what)
            problems.append(Problem(path, _node_line(data, err["loc"], line), code, message))
        return None


def load_file(path: Path, display: str, base: FactBase, problems: list[Problem]) -> None:
    """Read one fact file and add its valid records to the fact base."""
    value, found = read_yaml(display, path.read_bytes())
    problems.extend(found)
    if found:
        return
    if value is None:
        problems.append(Problem(display, 1, "empty-file",
                                "the file is empty; add records under sources:, entities: or claims:, or delete it"))
        return
    if not isinstance(value, LMap):
        problems.append(Problem(display, getattr(value, "line", 1), "wrong-type",
                                "a fact file must be a mapping with keys " + ", ".join(TOP_KEYS)))
        return
    for key, items in value.items():
        line = value.key_lines[key]
        if key not in TOP_KEYS:
            near = difflib.get_close_matches(key, TOP_KEYS, n=1, cutoff=0.5)
            hint = f"did you mean '{near[0]}'?" if near else "allowed: " + ", ".join(TOP_KEYS)
            problems.append(Problem(display, line, "unknown-field", f"unknown top-level key '{key}'; {hint}"))
            continue
        if key == "review":
            review = _validate(ArticleReview, items, display, line, "the review", problems)
            if review is not None:
                base.add_review(review, problems)
            continue
        if not isinstance(items, LList):
            problems.append(Problem(display, line, "wrong-type", f"'{key}' must be a list of records ('- id: …')"))
            continue
        model = KINDS[key]
        singular = key[:-1]
        for item, item_line in zip(items, items.item_lines, strict=True):
            ident = item.get("id") if isinstance(item, LMap) else None
            what = f"{singular} '{ident}'" if isinstance(ident, str) else f"this {singular}"
            record = _validate(model, item, display, item_line, what, problems)
            if record is not None:
                base.add(key, record, problems)


def load(root: str | Path, *, base_dir: str | Path | None = None) -> tuple[FactBase, list[Problem]]:
    """Load all fact files under ``root``; paths in problems are shown relative to ``base_dir``."""
    root = Path(root)
    base_path = Path(base_dir) if base_dir is not None else Path.cwd()
    problems: list[Problem] = []
    facts = FactBase()
    if not root.is_dir():
        problems.append(Problem(_display(root, base_path), 1, "no-facts",
                                "the facts folder does not exist; create it or pass the right path"))
        return facts, problems
    real_root = root.resolve()
    gc_was_on = gc.isenabled()
    gc.disable()  # loading allocates many small objects and no cycles; the collector only slows it
    try:
        _load_all(root, real_root, base_path, facts, problems)
    finally:
        if gc_was_on:
            gc.enable()
    return facts, problems


def _load_all(root: Path, real_root: Path, base_path: Path, facts: FactBase, problems: list[Problem]) -> None:
    for path in fact_files(root):
        display = _display(path.absolute(), base_path.absolute())
        if real_root not in path.resolve().parents:
            problems.append(Problem(display, 1, "outside-facts",
                                    "this file links outside the facts folder; copy the file in instead"))
            continue
        if not path.is_file():
            problems.append(Problem(display, 1, "not-a-file", "this is not a regular file; remove it"))
            continue
        load_file(path, display, facts, problems)
