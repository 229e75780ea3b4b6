"""Safe, strict YAML reading that keeps a line number for every mapping, key and list item.

Built on the libyaml event stream (no object construction, no recursion), so it rejects what a
fact file never needs and what makes YAML dangerous or lossy: anchors and aliases (alias bombs),
custom tags, duplicate keys, non-string keys, tab indentation, non-UTF-8 bytes, a byte-order mark,
oversize files and absurd nesting. Scalars keep the text as written for dates; the usual YAML
core types (null, bool, int, float) are resolved as YAML does.
"""

from __future__ import annotations

import re
from typing import Any

import yaml
from yaml import events as ev

from .files import MAX_FILE_BYTES
from .problems import Problem, one_line, shorten

try:  # the C parser is ~10x faster; fall back to pure Python where libyaml is missing
    _Loader = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - depends on the PyYAML build
    _Loader = yaml.SafeLoader

MAX_DEPTH = 32
MAX_NUMBER_DIGITS = 100  # Python refuses int('9' * 4301); no fact needs more than a few digits
_TAB_INDENT = re.compile(r"^ *\t", re.MULTILINE)
_DECIMAL = re.compile(r"^-?(?:0|[1-9][0-9]*)$")
_CORE = "tag:yaml.org,2002:"
_STR, _MAP, _SEQ = _CORE + "str", _CORE + "map", _CORE + "seq"
_RESOLVER = yaml.resolver.Resolver()
_CONSTRUCTOR = yaml.constructor.SafeConstructor()


class LMap(dict[str, Any]):
    """A mapping read from YAML: ``line`` of its first key and ``key_lines`` for each key."""

    __slots__ = ("file", "key_lines", "line")

    def __init__(self, file: str, line: int) -> None:
        super().__init__()
        self.file = file
        self.line = line
        self.key_lines: dict[str, int] = {}


class LList(list[Any]):
    """A list read from YAML: ``line`` where it starts and ``item_lines`` for each item."""

    __slots__ = ("file", "item_lines", "line")

    def __init__(self, file: str, line: int) -> None:
        super().__init__()
        self.file = file
        self.line = line
        self.item_lines: list[int] = []


_PLAIN_TEXT_START = frozenset("abcdeghijklmpqrsuvwxzABCDEGHIJKLMPQRSUVWXZ\"'(")


def _scalar(event: ev.ScalarEvent) -> object:
    tag = event.tag
    if tag is None:
        plain = event.implicit[0]
        if not plain:  # quoted: always text
            return event.value
        value = event.value
        if value and value[0] in _PLAIN_TEXT_START:  # cannot be null/bool/number/date
            return value
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
        if not _DECIMAL.match(event.value):  # 0x7E9, 0o17, 017, 1_000, 20:30: never meant as numbers here
            return event.value
        if len(event.value) > MAX_NUMBER_DIGITS:
            raise _BadNumber(f"the number {event.value[:20]}… has {len(event.value)} digits; quote it if it is text")
        return _CONSTRUCTOR.construct_yaml_int(node)
    if tag == _CORE + "float":
        return _CONSTRUCTOR.construct_yaml_float(node)
    raise ValueError(f"the tag '{tag}' is not allowed; remove it (fact files use plain YAML)")


def _decode(path: str, data: bytes) -> str | Problem:
    """The file's text, or the problem that stops it being read."""
    if len(data) > MAX_FILE_BYTES:
        return Problem(path, 1, "file-too-large",
                       f"the file is {len(data) // 1024} KB, over the {MAX_FILE_BYTES // 1024 // 1024} MB limit; "
                       "split it into several files")
    if data.startswith(b"\xef\xbb\xbf"):
        return Problem(path, 1, "yaml-bom",
                       "the file starts with a byte-order mark; save it as UTF-8 without BOM")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        return Problem(path, line, "not-utf8",
                       f"byte 0x{data[exc.start]:02x} is not valid UTF-8; save the file as UTF-8")
    if "\x00" in text:
        line = text[: text.index("\x00")].count("\n") + 1
        return Problem(path, line, "not-utf8", "the file contains a NUL byte; it is not a text file")
    tab = _TAB_INDENT.search(text)
    if tab:
        return Problem(path, text.count("\n", 0, tab.start()) + 1, "yaml-tab",
                       "a tab is used for indentation; indent with spaces")
    return text


def read_yaml(path: str, data: bytes) -> tuple[object, list[Problem]]:
    """Read one YAML document from bytes; return (value, problems). Never raises on bad input."""
    text = _decode(path, data)
    if isinstance(text, Problem):
        return None, [text]
    try:
        return _build(path, text)
    except yaml.reader.ReaderError as exc:  # a character YAML does not allow (control characters)
        line = text.count("\n", 0, max(exc.position, 0)) + 1
        char = exc.character if isinstance(exc.character, int) else ord(str(exc.character)[:1] or "?")
        return None, [Problem(path, line, "yaml-syntax",
                              f"the control character U+{char:04X} is not allowed in YAML; delete it")]
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = min(mark.line + 1, text.count("\n") + 1) if mark else 1  # libyaml may point past the end
        what = one_line(exc.problem or str(exc))
        if "maximum nesting depth" in what:  # libyaml's own limit, hit before ours in flow style ([[[[…)
            return None, [Problem(path, line, "yaml-depth",
                                  f"nesting deeper than {MAX_DEPTH} levels; fact files are shallow")]
        ctx = f" ({one_line(exc.context)})" if exc.context else ""
        if exc.context_mark is not None and mark is not None and exc.context_mark.line != mark.line:
            ctx = f" ({one_line(exc.context or 'started')} on line {exc.context_mark.line + 1})"
        return None, [Problem(path, line, "yaml-syntax",
                              f"YAML syntax error: {what}{ctx}; check indentation, colons and quotes")]
    except yaml.YAMLError as exc:  # pragma: no cover - libyaml errors carry a mark
        return None, [Problem(path, 1, "yaml-syntax", f"YAML syntax error: {one_line(str(exc))[:300]}")]


def _fail(problems: list[Problem], path: str, line: int, code: str, message: str) -> _Stop:
    problems.append(Problem(path, line, code, message))
    return _Stop()


def _build(path: str, text: str) -> tuple[object, list[Problem]]:
    """Turn the event stream into LMap/LList/scalars. One flat loop: this is the hot path."""
    problems: list[Problem] = []
    # frames: [container, is_mapping, key waiting for its value (None: next scalar is a key)]
    frames: list[list[Any]] = []
    root: object = None
    documents = 0
    scalar_ev, alias_ev = ev.ScalarEvent, ev.AliasEvent
    map_start, seq_start = ev.MappingStartEvent, ev.SequenceStartEvent
    ends = (ev.MappingEndEvent, ev.SequenceEndEvent)
    try:
        parser = _Loader(text)  # driving the parser directly: no generator layer on the hot path
        next_event = parser.get_event
        more = parser.check_event
        while more():
            event = next_event()
            cls = type(event)
            if cls in ends:
                frames.pop()
                continue
            line = event.start_mark.line + 1
            if cls is scalar_ev or cls is map_start or cls is seq_start:
                if event.anchor:
                    raise _fail(problems, path, line, "yaml-anchor",
                                "anchors and aliases (&name, *name) are not allowed in fact files; "
                                "write the value out in full")
                frame = frames[-1] if frames else None
                is_key = frame is not None and frame[1] and frame[2] is None
                if cls is scalar_ev:
                    if is_key and frame is not None:  # is_key implies a frame; the check narrows it
                        if event.tag not in (None, "!", _STR):
                            raise _fail(problems, path, line, "yaml-tag", "a key must not carry a tag")
                        key = event.value
                        container = frame[0]
                        if key in container.key_lines:  # reported; the first value is kept, reading goes on
                            problems.append(Problem(
                                path, line, "duplicate-key",
                                f"the key {shorten(key)} appears twice in this mapping (first at line "
                                f"{container.key_lines[key]}); YAML would silently keep only the last one: "
                                "merge or rename them"))
                            frame[2] = _DUPLICATE
                            continue
                        container.key_lines[key] = line
                        frame[2] = key
                        continue
                    try:
                        value: object = _scalar(event)
                    except _BadNumber as exc:
                        raise _fail(problems, path, line, "bad-value", str(exc)) from None
                    except ValueError as exc:
                        raise _fail(problems, path, line, "yaml-tag", str(exc)) from None
                else:
                    if event.tag not in (None, "!", _MAP, _SEQ):
                        raise _fail(problems, path, line, "yaml-tag",
                                    f"the tag '{event.tag}' is not allowed; remove it")
                    if is_key:
                        raise _fail(problems, path, line, "yaml-key",
                                    "a key must be plain text, not a list or mapping")
                    if len(frames) >= MAX_DEPTH:
                        raise _fail(problems, path, line, "yaml-depth",
                                    f"nesting deeper than {MAX_DEPTH} levels; fact files are shallow")
                    value = LMap(path, line) if cls is map_start else LList(path, line)
                if frame is None:
                    root = value
                elif frame[1]:
                    if frame[2] is not _DUPLICATE:
                        frame[0][frame[2]] = value
                    frame[2] = None
                else:
                    frame[0].append(value)
                    frame[0].item_lines.append(line)
                if cls is not scalar_ev:
                    frames.append([value, cls is map_start, None])
            elif cls is alias_ev:
                raise _fail(problems, path, line, "yaml-anchor",
                            "anchors and aliases (&name, *name) are not allowed in fact files; "
                            "write the value out in full")
            elif cls is ev.DocumentStartEvent:
                documents += 1
                if documents > 1:
                    raise _fail(problems, path, line, "yaml-syntax",
                                "a fact file holds one YAML document; remove the extra '---'")
    except _Stop:
        return None, problems
    return root, problems


class _Stop(Exception):
    """Internal: stop reading after the first structural problem."""


class _BadNumber(ValueError):
    """Internal: a plain number too long to be a fact (and too slow to convert)."""


_DUPLICATE = object()  # the key of a value to drop: a duplicate key, already reported
