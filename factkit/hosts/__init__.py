"""Host adapters: how a site generator drives the engine (factkit.site). Only these import a host."""

from __future__ import annotations

import sys


def template_line() -> int | None:
    """The line, in the page Jinja is rendering, of the macro call being made right now."""
    frame = sys._getframe(2)
    while frame is not None:
        template = frame.f_globals.get("__jinja_template__")
        if template is not None:
            return int(template.get_corresponding_lineno(frame.f_lineno))
        frame = frame.f_back  # type: ignore[assignment]  # None ends the loop
    return None
