"""Load every fact file under a folder into typed records, with located problems for the rest.

Each record is validated on its own, so one bad claim does not hide the others; a record that
fails validation is reported (never silently dropped) and left out of the fact base.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pydantic import ValidationError

from .checks import record_problems
from .files import fact_files, read_capped
from .model import KINDS, NOT_BLANK, SINGULAR, ArticleReview, FactFile, Record, Translations
from .problems import Problem, kind_of, shorten
from .store import FactBase, FileResult
from .yamlsafe import LList, LMap, read_yaml

if TYPE_CHECKING:
    from pydantic_core import ErrorDetails

TOP_KEYS = tuple(FactFile.model_fields)
# an id written in a file that cannot be read (best effort: references to it are not re-reported)
_ID_LINE = re.compile(r"""^[ -]*(?:id|article):[ \t]*["']?([a-z0-9][a-z0-9-]{0,79})["']?[ \t]*(?:#.*)?$""",
                      re.MULTILINE)
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


def _display(path: Path, base: Path) -> str:
    try:
        return path.relative_to(base).as_posix()
    except ValueError:
        return path.as_posix()


def _node_line(root: Any, loc: tuple[int | str, ...], fallback: int) -> int:
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


def _model_at(model: type[Record], loc: tuple[int | str, ...]) -> Any:
    """The model that holds the field at ``loc`` (list positions skipped), None when the path leaves the models."""
    current: Any = model
    for part in loc[:-1]:
        if not isinstance(part, int):
            field = getattr(current, "model_fields", {}).get(part)
            current = _inner_model(field.annotation) if field is not None else None
    return current


def _allowed_fields(model: type[Record], loc: tuple[int | str, ...]) -> list[str]:
    """The field names valid at a location inside a model (for 'did you mean')."""
    return list(getattr(_model_at(model, loc), "model_fields", {}))


def _belongs_under(model: type[Record], loc: tuple[int | str, ...]) -> str | None:
    """The field of this record whose mapping has a field of that name ('verdict' -> 'review'), if one has."""
    for name, field in getattr(_model_at(model, loc), "model_fields", {}).items():
        inner = _inner_model(field.annotation)
        if inner is not None and loc[-1] in inner.model_fields:
            return str(name)
    return None


def _fill(model: type[Record], loc: tuple[int | str, ...]) -> str:
    """How to fix an empty field: write it, or (when the field is optional) leave it out."""
    field = getattr(_model_at(model, loc), "model_fields", {}).get(loc[-1]) if loc else None
    optional = field is not None and not field.is_required()
    return "write it, or remove the line (it is optional)" if optional else "write it (it is required)"


def _inner_model(annotation: Any) -> Any:
    if isinstance(annotation, type) and issubclass(annotation, Record):
        return annotation
    for arg in getattr(annotation, "__args__", ()) or ():
        found = _inner_model(arg)
        if found is not None:
            return found
    return None


def _meant(model: type[Record], loc: tuple[str | int, ...]) -> str | None:
    """The allowed field an unknown one is closest to, if any is close."""
    near = difflib.get_close_matches(str(loc[-1]), _allowed_fields(model, loc), n=1, cutoff=0.6)
    return near[0] if near else None


def _describe(err: ErrorDetails, model: type[Record], what: str) -> tuple[str, str]:
    """(code, message) for one pydantic error. Inputs are quoted short: a value can be megabytes."""
    loc = err["loc"]
    name = shorten(loc[-1], 40)[1:-1] if loc else what
    kind = err["type"]
    value = err.get("input")
    if kind == "missing":
        return "missing-field", f"{what} is missing the required field '{name}'; add it"
    if kind == "extra_forbidden":
        near, under = _meant(model, loc), _belongs_under(model, loc)
        if near:
            hint = f"did you mean '{near}'?"
        elif under:
            hint = f"'{name}' goes in the {under}: mapping (write '{under}:' and indent '{name}: …' under it)"
        else:
            hint = f"allowed fields: {', '.join(_allowed_fields(model, loc))}"
        return "unknown-field", f"unknown field '{name}' in {what}; {hint}"
    if kind == "literal_error":
        expected = err.get("ctx", {}).get("expected", "")
        return "bad-value", f"'{name}' must be one of {expected}, not {shorten(value)}"
    if kind == "string_pattern_mismatch" and err.get("ctx", {}).get("pattern") == NOT_BLANK:
        return "empty", f"'{name}' of {what} holds only spaces; {_fill(model, loc)}"
    if kind == "string_pattern_mismatch":
        if name == "publisher":
            return "bad-id", (f"{shorten(value)} is not a publisher id; name a record under publishers: by its id "
                              "(lowercase letters, digits and hyphens, e.g. 'tass'), and give the name there")
        if name == "ref":
            return "bad-value", f"'ref' is the sentence's place, paragraph.sentence (p4.s2), not {shorten(value)}"
        if name in ("language", "lang"):
            return "bad-value", (f"'{name}' is a language code, 2 or 3 lowercase letters (ISO 639: 'en', 'ar', "
                                 f"'ru'), not {shorten(value)}")
        if name in ("id", "source", "article") or isinstance(loc[-1], int):
            return "bad-id", (f"{shorten(value)} is not a valid id; use lowercase letters, digits "
                              "and hyphens, at most 80 (it becomes a permalink)")
        return "bad-value", f"'{name}' has the wrong form: {shorten(value)}"
    if kind in ("string_too_long", "too_long"):
        return "too-long", f"'{name}' is too long ({err['msg'].lower()}); shorten it"
    if kind in ("string_too_short", "too_short"):
        if name == "citations":
            return "no-citation", f"{what} has no citations; cite at least one vetted source"
        return "empty", f"'{name}' of {what} is empty; {_fill(model, loc)}"
    if kind == "value_error":
        msg = str(err.get("ctx", {}).get("error", err["msg"]))
        return "bad-date", f"'{name}': {msg}"
    if kind in ("greater_than_equal", "less_than_equal", "greater_than", "less_than"):
        return "bad-value", f"'{name}' is {shorten(value)}; {err['msg'].lower()}"
    if kind in _TYPE_WORDS:
        got = kind_of(value)
        hint = ""
        if isinstance(value, bool) and kind == "string_type":
            hint = "; YAML reads a bare yes/no/on/off/true/false as true/false, so quote it"
        elif isinstance(value, (int, float)) and not isinstance(value, bool) and kind == "string_type":
            hint = f" ({shorten(value, 20)}); quote it"
        return "wrong-type", f"'{name}': {_TYPE_WORDS[kind]}, got {got}{hint}"
    return "invalid", f"'{name}': {shorten(err['msg'], 200)[1:-1]}"


def _validate(model: type[Record], data: Any, path: str, line: int, what: str,
              problems: list[Problem]) -> Record | None:
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        errors = exc.errors(include_url=False)
        # a required field spelled wrong is one mistake: its "did you mean" says it, not a second "missing" error
        meant = {(e["loc"][:-1], _meant(model, e["loc"])) for e in errors if e["type"] == "extra_forbidden"}
        for err in errors:
            if err["type"] == "missing" and (err["loc"][:-1], err["loc"][-1] if err["loc"] else None) in meant:
                continue
            code, message = _describe(err, model, what)
            problems.append(Problem(path, _node_line(data, err["loc"], line), code, message))
        return None


def _read(path: Path, display: str, problems: list[Problem]) -> bytes | None:
    """The file's bytes, never more than the size limit + 1 (so an oversize file is not read whole)."""
    try:
        return read_capped(path)
    except OSError as exc:
        problems.append(Problem(display, 1, "unreadable",
                                f"the file cannot be read ({exc.strerror or type(exc).__name__}); "
                                "check its permissions"))
        return None


FileReader = Callable[[Path, str], FileResult]  # (path, displayed path) -> its result


def read_file(path: Path, display: str) -> FileResult:
    """Read and validate one fact file on its own."""
    result = FileResult()
    data = _read(path, display, result.problems)
    if data is not None:
        tree, found = read_yaml(display, data)
        result.problems.extend(found)
        if tree is None and found:  # the file could not be read: its ids are lost, so are references to them
            result.dropped.update(_ID_LINE.findall(data.decode("utf-8", "replace")), [""])
        else:
            records_of(tree, display, result)
            result.problems += record_problems(record for _, record in result.records)
    return result


def records_of(tree: object, display: str, result: FileResult) -> None:
    """Validate the records of a read YAML tree into ``result``."""
    problems, dropped = result.problems, result.dropped
    if tree is None:
        problems.append(Problem(display, 1, "empty-file",
                                "the file is empty; add records under sources:, entities: or claims:, or delete it"))
        return
    if not isinstance(tree, LMap):
        problems.append(Problem(display, getattr(tree, "line", 1), "wrong-type",
                                "a fact file must be a mapping with keys " + ", ".join(TOP_KEYS)))
        return
    for key, items in tree.items():
        line = tree.key_lines[key]
        if key not in TOP_KEYS:
            near = difflib.get_close_matches(key, TOP_KEYS, n=1, cutoff=0.5)
            hint = f"did you mean '{near[0]}'?" if near else "allowed: " + ", ".join(TOP_KEYS)
            problems.append(Problem(display, line, "unknown-field",
                                    f"unknown top-level key {shorten(key, 40)}; {hint}"))
            dropped.add("")  # and the ids of the records under it: what cites them is not also an error
            if isinstance(items, LList):
                dropped.update(i["id"] for i in items if isinstance(i, LMap) and isinstance(i.get("id"), str))
            continue
        if key == "review":
            review = _validate(ArticleReview, items, display, line, "the review", problems)
            if review is not None:
                result.records.append(("review", review))
            else:  # reported; the claims' verdicts are not also reported as reviewing nothing
                dropped.add("")
            continue
        if key == "translations":
            found = _validate(Translations, items, display, line, "the translations", problems)
            if found is not None:
                result.records.append(("translations", found))
            continue
        if not isinstance(items, LList):
            problems.append(Problem(display, line, "wrong-type", f"'{key}' must be a list of records ('- id: …')"))
            dropped.add("")
            continue
        model = KINDS[key]
        singular = SINGULAR[key]
        for item, item_line in zip(items, items.item_lines, strict=True):
            ident = item.get("id") if isinstance(item, LMap) else None
            what = f"{singular} '{ident}'" if isinstance(ident, str) else f"this {singular}"
            record = _validate(model, item, display, item_line, what, problems)
            if record is not None:
                result.records.append((key, record))
            else:
                dropped.add(ident if isinstance(ident, str) else "")


def load(root: str | Path, *, base_dir: str | Path | None = None,
         reader: FileReader = read_file) -> tuple[FactBase, list[Problem]]:
    """Load all fact files under ``root``; paths in problems are shown relative to ``base_dir``.

    ``reader`` reads one file (factkit.cache and factkit.watch pass readers that reuse earlier results)."""
    root = Path(root)
    base_path = Path(base_dir) if base_dir is not None else Path.cwd()
    problems: list[Problem] = []
    facts = FactBase()
    if not root.is_dir():
        problems.append(Problem(_display(root, base_path), 1, "no-facts",
                                "the facts folder does not exist; create it or pass the right path"))
        return facts, problems
    for path, display in checked_files(root, base_path, problems):
        facts.add_file(reader(path, display), problems)
    return facts, problems


def checked_files(root: Path, base_path: Path, problems: list[Problem]) -> list[tuple[Path, str]]:
    """The regular fact files inside ``root`` as (path, displayed path); links out, loops and the rest are problems."""
    real_root = root.resolve()
    found = []
    for path in fact_files(root):
        display = _display(path.absolute(), base_path.absolute())
        try:
            target = path.resolve()
        except (OSError, RuntimeError):  # a link loop
            problems.append(Problem(display, 1, "not-a-file", "this link leads nowhere (a loop); remove it"))
            continue
        if real_root not in target.parents:
            problems.append(Problem(display, 1, "outside-facts",
                                    "this links outside the facts folder; copy the file in instead"))
            continue
        if path.is_symlink() and path.is_dir():
            problems.append(Problem(display, 1, "not-a-file",
                                    "a linked folder is not read; move its files here instead of linking"))
            continue
        if not path.is_file():
            problems.append(Problem(display, 1, "not-a-file", "this is not a regular file; remove it"))
            continue
        found.append((path, display))
    return found
