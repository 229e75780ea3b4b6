"""``factkit macros``: the reference of the macros pages call, generated from the code.

For each macro in ``factkit.macros.MACROS``: its signature, its docstring, each argument with its kind
and allowed values, the docstring's ``Example:`` call and what that call renders against the example
facts ``factkit new`` writes (``factkit/scaffold/``). Published as ``factkit/MACROS.md`` (the package)
and ``docs/macros.md`` (the flagship site, wrapped in ``{% raw %}`` so mkdocs-macros shows the calls
instead of running them); tests/test_reference.py fails when either no longer matches the code.
"""

from __future__ import annotations

import datetime as dt
import inspect
import re
from pathlib import Path
from typing import Any

from .macros import ALLOWED, MACROS, bind, kinds
from .pagescan import find_homes, macro_calls
from .render import Renderer
from .site import site_pages

SCAFFOLD = Path(__file__).resolve().parent / "scaffold"
ON = dt.date(2026, 2, 1)  # the day the example facts are checked on: the reference never reads the clock
EXAMPLE_PAGE = "example/"  # the page the examples are rendered on (links are relative to it)
REPO = "https://github.com/OWNER/REPO"  # the example site's `repo` setting, so report links show
MAX_LINES, MAX_WIDTH = 14, 110

KIND_TEXT = {
    "claim id": "a claim id from facts/",
    "source id": "a source id from facts/",
    "entity id": "an entity id from facts/",
    "topic": "a topic that claims in facts/ use (their `topics:`)",
    "number": "a whole number",
    "text": "text",
}
INTRO = """\
Pages call factkit's macros inside `{{ }}` in their Markdown, e.g. `{{ claim("example-opening") }}`; the
factkit plugin registers them with mkdocs-macros. Every call is checked before it runs: a misspelled
macro name or argument, an unknown id, topic, verdict or entity kind stops the build with the page, the line
and a suggestion, never an empty result. Ids, topics and kinds are the ones in the site's `facts/`.

Each example below is rendered against the fictional example facts that `factkit new` writes (a made-up
town's new bridge); long HTML is trimmed. This reference is generated from the code by `factkit macros`."""




def example_renderer() -> Renderer:
    """A renderer over the scaffold's example facts, with its pages' homes and topic labels."""
    from . import check, errors, report

    facts, problems = check(SCAFFOLD / "facts", base_dir=SCAFFOLD, on=ON)
    if errors(problems):
        raise RuntimeError("the scaffold's example facts have errors:\n" + report(problems))
    settings, pages = site_pages(SCAFFOLD / "mkdocs.yml")
    return Renderer(facts, find_homes(pages, repo=REPO), {str(k): str(v) for k, v in settings.topics.items()})


def signature(name: str) -> str:
    params = [p for p in inspect.signature(MACROS[name]).parameters.values() if p.name != "r"]
    shown = [p.name if p.default is inspect.Parameter.empty else f"{p.name}={p.default!r}" for p in params]
    return f"{name}({', '.join(shown)})"


def split_doc(name: str) -> tuple[str, str]:
    """(the description, the example call) from a macro's docstring."""
    doc = inspect.getdoc(MACROS[name]) or ""
    found = re.search(r"^Example:\s*(.+)$", doc, re.MULTILINE)
    if found is None:
        raise ValueError(f"macro '{name}': its docstring has no 'Example:' line")
    text = " ".join(line.strip() for line in doc[: found.start()].splitlines() if line.strip())
    return text.replace("``", "`"), found.group(1).strip()


def allowed(kind: str) -> str:
    if kind in ALLOWED:
        values = ", ".join(f"`{v}`" for v in ALLOWED[kind])
        return f"a list of verdicts, or one: {values}" if kind == "verdicts" else f"one of {values}"
    return KIND_TEXT.get(kind, kind)


def _wrap(html: str) -> list[str]:
    """HTML as lines: a break before each opening tag once a line is long enough to want one."""
    lines: list[str] = []
    for raw in html.strip().splitlines():
        line = ""
        for piece in re.split(r"(?=<[a-zA-Z])", raw):
            if line and len(line) + len(piece) > MAX_WIDTH:
                lines.append(line)
                line = ""
            line += piece
        if line.strip():
            lines.append(line)
    return [ln if len(ln) <= MAX_WIDTH else ln[: MAX_WIDTH - 1] + "…" for ln in lines]


def rendered(r: Renderer, example: str) -> str:
    """What the example call gives, as Markdown: a value inline, HTML as an indented code block."""
    calls = macro_calls("{{ " + example + " }}")
    if len(calls) != 1:
        raise ValueError(f"the example {example!r} is not one macro call")
    call = calls[0]
    r.begin_page(EXAMPLE_PAGE)
    value: Any = bind(r, call.name, call.args, call.kwargs)
    if not isinstance(value, str):
        return f"Gives: `{value!r}`"
    if "<" not in value:
        return f"Gives: `{value!r}`" if value else "Gives: `''` (an empty text)"
    lines = _wrap(value)
    more = len(lines) - MAX_LINES
    shown = lines[:MAX_LINES] + ([f"… ({more} more lines)"] if more > 0 else [])
    return "Gives (HTML):\n\n" + "\n".join("    " + ln for ln in shown)


def entry(r: Renderer, name: str) -> str:
    text, example = split_doc(name)
    parts = [f"## `{name}`", f"    {signature(name)}", text]
    declared = kinds(MACROS[name])
    if declared:
        params = inspect.signature(MACROS[name]).parameters
        rows = ["| argument | kind | allowed values | default |", "|---|---|---|---|"]
        for arg, kind in declared.items():
            default = params[arg].default
            shown = ("required" if default is inspect.Parameter.empty else "none" if default is None
                     else f"`{default!r}`")
            rows.append(f"| `{arg}` | {kind} | {allowed(kind)} | {shown} |")
        parts.append("\n".join(rows))
    else:
        parts.append("No arguments.")
    parts.append("Example:\n\n    {{ " + example + " }}")
    parts.append(rendered(r, example))
    return "\n\n".join(parts)


def reference(r: Renderer | None = None) -> str:
    """The reference as Markdown (factkit/MACROS.md)."""
    r = r or example_renderer()
    index = " · ".join(f"[`{name}`](#{name})" for name in MACROS)
    body = [f"# factkit macros\n\n{INTRO}", f"{len(MACROS)} macros: {index}", *(entry(r, n) for n in MACROS)]
    return "\n\n".join(body) + "\n"


def page(r: Renderer | None = None) -> str:
    """The reference as a page of a site (docs/macros.md): shown, not run, by mkdocs-macros."""
    text = reference(r)
    if "{% endraw" in text:
        raise ValueError("the reference holds '{% endraw', which would end the page's raw block")
    head = ('---\ndescription: "Every macro a factkit page can call: arguments, allowed values, an example '
            'and what it renders."\n---\n\n')
    return head + "{% raw %}\n" + text + "{% endraw %}\n"
