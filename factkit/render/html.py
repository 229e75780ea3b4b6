"""Safe HTML building blocks: escaping for HTML *and* for the Markdown/Jinja passes that follow macros.

Macro output is fed to Python-Markdown after the macros run, so every piece of fact text is
entity-escaped for the characters Markdown, attr_list or Jinja could re-interpret.
"""

from __future__ import annotations

import html
import re

from markdown_it import MarkdownIt

# Characters Python-Markdown, attr_list or Jinja could act on, as numeric entities.
_REINTERPRETED = str.maketrans({
    "*": "&#42;", "_": "&#95;", "`": "&#96;", "[": "&#91;", "]": "&#93;",
    "{": "&#123;", "}": "&#125;", "\\": "&#92;", "~": "&#126;", "|": "&#124;",
})


class _InlineMarkdown(MarkdownIt):
    """markdown-it whose links may only be absolute http(s) addresses."""

    def validateLink(self, url: str) -> bool:
        return url.strip().lower().startswith(("http://", "https://"))


_INLINE = _InlineMarkdown("zero", {"html": False, "linkify": False, "typographer": False}).enable(
    ["emphasis", "backticks", "link", "escape", "entity", "strikethrough"]
)


def shield(markup: str) -> str:
    """Entity-escape characters in already-safe HTML that later Markdown/Jinja passes could re-interpret.

    Only used on HTML whose tag and attribute names contain none of these characters.
    """
    return markup.translate(_REINTERPRETED)


_ESCAPED: dict[str, str] = {}  # esc() memo: the same ids, class names and labels recur on every page


def esc(text: object) -> str:
    """Plain text as HTML: escaped for HTML, then shielded from Markdown and Jinja."""
    if type(text) is str:
        done = _ESCAPED.get(text)
        if done is None:
            done = shield(html.escape(text, quote=True))
            if len(_ESCAPED) < 200_000:
                _ESCAPED[text] = done
        return done
    return shield(html.escape(str(text), quote=True))


_INLINE_DONE: dict[str, str] = {}  # inline_md() memo: a claim is shown on several pages


def inline_md(text: str) -> str:
    """Fact text (inline Markdown, no HTML, only http(s) links) as safe inline HTML."""
    done = _INLINE_DONE.get(text)
    if done is None:
        rendered = _INLINE.renderInline(text).strip()
        rendered = rendered.replace("<a href=", '<a rel="nofollow noopener" href=')
        done = shield(rendered)
        if len(_INLINE_DONE) < 100_000:
            _INLINE_DONE[text] = done
    return done


_ATTR_NAMES: dict[str, str] = {}  # keyword -> attribute name ('class_' -> 'class', 'aria_hidden' -> 'aria-hidden')


def _attrs(values: dict[str, object]) -> str:
    parts = []
    for name, value in values.items():
        if value is None or value is False:
            continue
        key = _ATTR_NAMES.get(name)
        if key is None:
            key = _ATTR_NAMES[name] = name.rstrip("_").replace("_", "-")
        parts.append(key if value is True else f'{key}="{esc(value)}"')
    return (" " + " ".join(parts)) if parts else ""


def attrs(**values: object) -> str:
    """HTML attributes (underscores in names become hyphens; None/False values are dropped)."""
    return _attrs(values)


_VOID = frozenset({"area", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"})


def tag(name: str, content: str = "", **values: object) -> str:
    """An element with escaped attributes around already-safe content (a void element, such as <input>, has
    neither content nor end tag)."""
    if name in _VOID:
        return f"<{name}{_attrs(values)}>"
    if values:
        return f"<{name}{_attrs(values)}>{content}</{name}>"
    return f"<{name}>{content}</{name}>"


_PLAIN_DONE: dict[str, str] = {}  # plain_text() memo: link labels repeat a claim's text on many pages


def plain_text(text: str) -> str:
    """Fact text (inline Markdown) as plain text, for link labels and machine-readable output."""
    done = _PLAIN_DONE.get(text)
    if done is not None:
        return done
    out = []
    for token in _INLINE.parseInline(text):
        for child in token.children or []:
            if child.type in ("text", "code_inline"):
                out.append(child.content)
            elif child.type in ("softbreak", "hardbreak"):
                out.append(" ")
    done = "".join(out)
    if len(_PLAIN_DONE) < 100_000:
        _PLAIN_DONE[text] = done
    return done


_TAG = re.compile(r"<[^>]*>")


def without_tags(rendered: str) -> str:
    """Rendered inline HTML with its tags dropped (its entities kept): the text a search entry or a check reads."""
    return _TAG.sub("", rendered)
