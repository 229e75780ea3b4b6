"""Fast path for pages whose only Jinja is plain macro calls: ``{{ claim('x') }}``, ``{{ claims(topic='t') }}``.

mkdocs-macros compiles every page as a Jinja template; for a page of prose with a few calls that
compile costs more than the calls (about 3.4 of 6 ms a page at the benchmark's size). When a page's
Jinja is nothing but calls to the site's macros with literal text, whole numbers or lists of them, the
calls are made here, before mkdocs-macros renders, and the page is then marked as rendered
(``render_macros: false`` on mkdocs-macros' copy of the page), so the output is never read as a
template again, exactly as with Jinja, where a macro's output is not re-read either.

Anything else (a ``{%`` or ``{#``, a variable, a filter, an expression, whitespace control,
custom Jinja delimiters, ``render_macros`` in the page's header) leaves the page entirely to Jinja.
The output is the same either way; ``FACTKIT_FULL_JINJA=1`` turns the fast path off (the tests
build the sites both ways and compare the files).
"""

from __future__ import annotations

import ast
import os
import re
from collections.abc import Callable

_EXPRESSION = re.compile(r"\{\{(.*?)\}\}", re.DOTALL)
_OTHER_JINJA = ("{%", "{#")


def _literal_call(source: str, macros: dict[str, Callable]) -> tuple[Callable, list, dict] | None:
    """(function, args, kwargs) when ``source`` is ``name(literal, key=literal, ...)`` of a known macro."""
    text = source.strip()
    if not text or source[:1] in "-+" or source[-1:] in "-+":  # whitespace control: Jinja's business
        return None
    try:
        node = ast.parse(text, mode="eval").body
    except (SyntaxError, ValueError, RecursionError, MemoryError):  # e.g. a NUL byte, absurd nesting
        return None
    if not isinstance(node, ast.Call) or not isinstance(node.func, ast.Name) or node.func.id not in macros:
        return None

    def value(arg: ast.expr) -> object:
        if isinstance(arg, ast.Constant) and type(arg.value) in (str, int):
            return arg.value
        if isinstance(arg, ast.List):  # ["a", "b"]: a list in Jinja too
            return [value(item) for item in arg.elts]
        raise ValueError

    try:
        args = [value(a) for a in node.args]
        kwargs = {k.arg: value(k.value) for k in node.keywords if k.arg is not None}
    except (ValueError, RecursionError):
        return None
    if len(kwargs) != len(node.keywords):  # **mapping
        return None
    return macros[node.func.id], args, kwargs


def expand(markdown: str, macros: dict[str, Callable]) -> str | None:
    """The page with every macro call replaced by its output, or None when Jinja must render the page."""
    if "{{" not in markdown:
        return None  # nothing to call; mkdocs-macros handles it as before
    if any(mark in markdown for mark in _OTHER_JINJA):
        return None
    calls = []
    for match in _EXPRESSION.finditer(markdown):
        call = _literal_call(match.group(1), macros)
        if call is None:
            return None
        calls.append((match.span(), call))
    rest = _EXPRESSION.sub("", markdown)
    if "{{" in rest or "}}" in rest:  # an unclosed or stray delimiter: let Jinja report it
        return None
    out, last = [], 0
    for (start, end), (fn, args, kwargs) in calls:
        out.append(markdown[last:start])
        out.append(str(fn(*args, **kwargs)))
        last = end
    out.append(markdown[last:])
    return "".join(out)


def skip_jinja(env) -> None:
    """Tell mkdocs-macros this page is rendered (on its own copy of the page, not the page itself)."""
    page = env.variables["page"]
    page.meta = {**(page.meta or {}), "render_macros": False}


def enabled(env) -> bool:
    """Whether the fast path may run for the current page (default Jinja settings, page rendered by default)."""
    if os.environ.get("FACTKIT_FULL_JINJA") == "1":
        return False
    config = env.config
    if not config.get("render_by_default", True):
        return False
    if any(value for key, value in config.items() if key.startswith("j2_") and key != "j2_extensions"):
        return False
    if env.variables.get("page") is None or env.has_j2(env.page.title or ""):  # a title is rendered too
        return False
    meta = getattr(env.page, "meta", None) or {}
    return "render_macros" not in meta
