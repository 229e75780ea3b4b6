"""Safe, strict YAML reading that keeps a line number for every mapping, key and list item.

Built on the libyaml event stream (no object construction, no recursion), so it rejects what a
fact file never needs and what makes YAML dangerous or lossy: anchors and aliases (alias bombs),
custom tags, duplicate keys, non-string keys, tab indentation, non-UTF-8 bytes, a byte-order mark,
oversize files and absurd nesting. Scalars keep the text as written for dates; the usual YAML
core types (null, bool, int, float) are resolved as YAML does.
"""

from __future__ import annotations

import yaml
from yaml import events as ev

from .problems import Problem

try:  # the C parser is ~10x faster; fall back to pure Python where libyaml is missing
    _Loader = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - depends on the PyYAML build
    _Loader = yaml.SafeLoader

MAX_FILE_BYTES = 5 * 1024 * 1024
MAX_DEPTH = 32
_CORE = "tag:yaml.org,2002:"
_RESOLVER = yaml.resolver.Resolver()
_CONSTRUCTOR = yaml.constructor.SafeConstructor()


class LMap(dict):
    """A mapping read from YAML: ``line`` of its first key and ``key_lines`` for each key."""

    __slots__ = ("file", "key_lines", "line")

    def __init__(self, file: str, line: int) -> None:
        super().__init__()
        self.file = file
        self.line = line
        self.key_lines: dict[str, int] = {}


class LList(list):
    """A list read from YAML: ``line`` where it starts and ``item_lines`` for each item."""

    __slots__ = ("file", "item_lines", "line")

    def __init__(self, file: str, line: int) -> None:
        super().__init__()
        self.file = file
        self.line = line
        self.item_lines: list[int] = []


def _scalar(event: ev.ScalarEvent) -> object:
    tag = event.tag
    if tag is None or tag == "!":
        tag = _RESOLVER.resolve(yaml.ScalarNode, event.value, event.implicit)
    node = yaml.ScalarNode(tag, event.value)
    if tag == _CORE + "str" or tag == _CORE + "timestamp":
        return event.value  # dates stay as written, with their precision
    if tag == _CORE + "null":
        return None
    if tag == _CORE + "bool":
        return _CONSTRUCTOR.construct_yaml_bool(node)
    if tag == _CORE + "int":
        return _CONSTRUCTOR.construct_yaml_int(node)
    if tag == _CORE + "float":
        return _CONSTRUCTOR.construct_yaml_float(node)
    raise ValueError(f"the tag '{tag}' is not allowed; remove it (fact files use plain YAML)")


def _decode(path: str, data: bytes) -> tuple[str | None, Problem | None]:
    if len(data) > MAX_FILE_BYTES:
        return None, Problem(path, 1, "file-too-large",
                             f"the file is {len(data) // 1024} KB, over the {MAX_FILE_BYTES // 1024 // 1024} MB limit; "
                             "split it into several files")
    if data.startswith(b"\xef\xbb\xbf"):
        return None, Problem(path, 1, "yaml-bom",
                             "the file starts with a byte-order mark; save it as UTF-8 without BOM")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        return None, Problem(path, line, "not-utf8",
                             f"byte 0x{data[exc.start]:02x} is not valid UTF-8; save the file as UTF-8")
    if "\x00" in text:
        line = text[: text.index("\x00")].count("\n") + 1
        return None, Problem(path, line, "not-utf8", "the file contains a NUL byte; it is not a text file")
    for lineno, line_text in enumerate(text.splitlines(), 1):
        stripped = line_text.lstrip(" ")
        if stripped.startswith("\t"):
            return None, Problem(path, lineno, "yaml-tab",
                                 "a tab is used for indentation; indent with spaces")
    return text, None


def read_yaml(path: str, data: bytes) -> tuple[object, list[Problem]]:
    """Read one YAML document from bytes; return (value, problems). Never raises on bad input."""
    text, problem = _decode(path, data)
    if problem:
        return None, [problem]
    try:
        return _build(path, text)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else 1
        what = exc.problem or str(exc)
        ctx = f" ({exc.context})" if exc.context else ""
        return None, [Problem(path, line, "yaml-syntax",
                              f"YAML syntax error: {what}{ctx}; check indentation, colons and quotes")]
    except yaml.YAMLError as exc:
        return None, [Problem(path, 1, "yaml-syntax", f"YAML syntax error: {exc}")]


def _build(path: str, text: str) -> tuple[object, list[Problem]]:
    problems: list[Problem] = []
    stack: list[LMap | LList] = []
    pending_key: list[str | None] = []  # per open mapping: the key waiting for its value
    root: object = None
    documents = 0

    def attach(value: object, line: int) -> bool:
        nonlocal root
        if not stack:
            root = value
            return True
        top = stack[-1]
        if isinstance(top, LList):
            top.append(value)
            top.item_lines.append(line)
            return True
        key = pending_key[-1]
        if key is None:  # this value is a key
            if not isinstance(value, str):
                problems.append(Problem(path, line, "yaml-key", "a key must be plain text"))
                raise _Stop
            if key_is_dup(top, value, line):
                raise _Stop
            pending_key[-1] = value
            top.key_lines[value] = line
            return True
        top[key] = value
        pending_key[-1] = None
        return True

    def key_is_dup(mapping: LMap, key: str, line: int) -> bool:
        if key in mapping.key_lines:
            first = mapping.key_lines[key]
            problems.append(Problem(path, line, "duplicate-key",
                                    f"the key '{key}' appears twice in this mapping (first at line {first}); "
                                    "YAML would silently keep only the last one: merge or rename them"))
            return True
        return False

    try:
        for event in yaml.parse(text, Loader=_Loader):
            line = event.start_mark.line + 1
            anchor = getattr(event, "anchor", None)
            if isinstance(event, ev.AliasEvent) or anchor:
                problems.append(Problem(path, line, "yaml-anchor",
                                        "anchors and aliases (&name, *name) are not allowed in fact files; "
                                        "write the value out in full"))
                raise _Stop
            if isinstance(event, ev.ScalarEvent):
                if stack and isinstance(stack[-1], LMap) and pending_key[-1] is None:
                    value: object = event.value  # keys are kept as written
                    if event.tag not in (None, "!", _CORE + "str"):
                        problems.append(Problem(path, line, "yaml-tag", "a key must not carry a tag"))
                        raise _Stop
                else:
                    try:
                        value = _scalar(event)
                    except ValueError as exc:
                        problems.append(Problem(path, line, "yaml-tag", str(exc)))
                        raise _Stop from None
                attach(value, line)
            elif isinstance(event, (ev.MappingStartEvent, ev.SequenceStartEvent)):
                if event.tag not in (None, "!", _CORE + "map", _CORE + "seq"):
                    problems.append(Problem(path, line, "yaml-tag",
                                            f"the tag '{event.tag}' is not allowed; remove it"))
                    raise _Stop
                if len(stack) >= MAX_DEPTH:
                    problems.append(Problem(path, line, "yaml-depth",
                                            f"nesting deeper than {MAX_DEPTH} levels; fact files are shallow"))
                    raise _Stop
                if stack and isinstance(stack[-1], LMap) and pending_key[-1] is None:
                    problems.append(Problem(path, line, "yaml-key", "a key must be plain text, not a list or mapping"))
                    raise _Stop
                container: LMap | LList = (LMap if isinstance(event, ev.MappingStartEvent) else LList)(path, line)
                attach(container, line)
                stack.append(container)
                pending_key.append(None)
            elif isinstance(event, (ev.MappingEndEvent, ev.SequenceEndEvent)):
                stack.pop()
                pending_key.pop()
            elif isinstance(event, ev.DocumentStartEvent):
                documents += 1
                if documents > 1:
                    problems.append(Problem(path, line, "yaml-syntax",
                                            "a fact file holds one YAML document; remove the extra '---'"))
                    raise _Stop
    except _Stop:
        return None, problems
    return root, problems


class _Stop(Exception):
    """Internal: stop reading after the first structural problem."""
