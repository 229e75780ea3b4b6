"""Problems found in fact files: located, coded, sorted, printable for people and CI."""

from __future__ import annotations

import os
from dataclasses import dataclass, field


@dataclass(frozen=True, order=True, slots=True)
class Problem:
    """One thing wrong in a fact file: ``path:line: message [code]``."""

    path: str
    line: int
    code: str
    message: str
    severity: str = field(default="error", compare=False)

    def __str__(self) -> str:
        tag = "" if self.severity == "error" else "warning: "
        return f"{one_line(self.path)}:{self.line}: {tag}{one_line(self.message)} [{self.code}]"

    def github(self) -> str:
        """A GitHub Actions workflow command so a pull request shows it inline."""
        kind = "error" if self.severity == "error" else "warning"
        props = f"file={_gh_prop(self.path)},line={self.line},title={_gh_prop(self.code)}"
        return f"::{kind} {props}::{_gh_data(self.message)}"


def one_line(text: str) -> str:
    """Text safe to print on one line: line breaks and control characters escaped."""
    if text.isprintable():
        return text
    return "".join(ch if ch.isprintable() else repr(ch)[1:-1] for ch in text)


_KIND_WORDS = {"str": "text", "int": "a number", "float": "a number", "bool": "true/false", "NoneType": "nothing",
               "list": "a list", "LList": "a list", "dict": "a mapping", "LMap": "a mapping"}


def kind_of(value: object) -> str:
    """What a value read from YAML is, in words ('a list', 'text'), for messages that say what was found."""
    return _KIND_WORDS.get(type(value).__name__, type(value).__name__)


def shorten(value: object, limit: int = 60) -> str:
    """A value quoted for a message, cut to ``limit`` characters (inputs can be megabytes)."""
    text = value if isinstance(value, str) else repr(value)
    if len(text) > limit:
        text = text[:limit] + "…"
    return repr(text) if isinstance(value, str) else text


def _gh_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _gh_prop(text: str) -> str:
    return _gh_data(text).replace(":", "%3A").replace(",", "%2C")


class FactError(Exception):
    """Raised by the site build when the facts have errors; carries the report."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        super().__init__(report(problems))


def errors(problems: list[Problem]) -> list[Problem]:
    return [p for p in problems if p.severity == "error"]


def check_report(problems: list[Problem], counts: tuple[int, int, int], *, github: bool | None = None) -> str:
    """What ``factkit check`` prints: the report, then (claims, sources, entities) checked when no error."""
    text = report(problems, github=github)
    if not errors(problems):
        text += f"\n{counts[0]} claims, {counts[1]} sources, {counts[2]} entities checked"
    return text


def report(problems: list[Problem], *, github: bool | None = None) -> str:
    """All problems sorted, one a line, then a summary line."""
    if github is None:
        github = os.environ.get("GITHUB_ACTIONS") == "true"
    lines = [str(p) for p in sorted(problems)]
    if github:
        lines += [p.github() for p in sorted(problems)]
    n_err = len(errors(problems))
    n_warn = len(problems) - n_err
    lines.append(f"{n_err} error{'s' * (n_err != 1)}, {n_warn} warning{'s' * (n_warn != 1)}")
    return "\n".join(lines)
