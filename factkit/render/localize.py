"""A record's text in the language of the page: its translation, marked when it may be out of date, or the
English marked as not translated (in that language's words): never a blank, never a silent mix."""

from __future__ import annotations

from typing import Any

from .. import i18n
from ..dates import EDTFDate
from .core import Renderer
from .html import esc, inline_md, plain_text, tag, without_tags

Key = str | tuple[Any, ...]  # 'text', ('corrections', 0, 'what'), ('roles', 1), ('says', 0), ('not_checked', ref)


def catalog(r: Renderer) -> i18n.Catalog:
    return i18n.Catalog.of(r.facts)


def _pick(tr: object, key: Key) -> str | None:
    if isinstance(key, str):
        value = getattr(tr, key, None)
        return value if isinstance(value, str) else None
    value = getattr(tr, key[0], None)
    for part in key[1:]:
        if isinstance(value, list):
            value = value[part] if isinstance(part, int) and part < len(value) else None
        elif isinstance(value, dict):
            value = value.get(part)
        else:
            value = getattr(value, part, None) if value is not None else None
    return value if isinstance(value, str) else None


def lookup(r: Renderer, kind: str, rid: str, key: Key, english: str) -> tuple[str, str]:
    """(text, state): state is 'ok' (the page's language), 'stale' (a translation that may be out of date) or
    'missing' (the English, not translated)."""
    if r.lang == i18n.DEFAULT:
        return english, "ok"
    cat = catalog(r)
    tr = cat.get(r.lang, kind, rid)
    found = _pick(tr, key) if tr is not None else None
    if found is None:
        return english, "missing"
    return found, "stale" if cat.is_stale(r.lang, kind, rid) else "ok"


def mark(r: Renderer, state: str) -> str:
    if state == "ok":
        return ""
    word = "untranslated" if state == "missing" else "stale"
    return " " + tag("span", esc(i18n.t(r.lang, word)), class_=f"fk-tr fk-tr--{state}")


def _wrap(r: Renderer, html: str, state: str) -> str:
    if state == "missing" and r.prose_lang == i18n.DEFAULT:
        return html  # a page not translated yet: it says so once, and its text is in an English block
    if state == "missing":
        return tag("span", html, lang=i18n.DEFAULT, dir="ltr" if i18n.direction(r.lang) == "rtl" else None,
                   class_="fk-untr") + mark(r, state)
    return html + mark(r, state)


def shown(r: Renderer, html: str, state: str) -> str:
    """Safe HTML of a text in the state ``lookup`` gives (the site's settings too): the English marked as English
    and as not translated where it stands for a missing translation."""
    return _wrap(r, html, state)


def text(r: Renderer, kind: str, rid: str, key: Key, english: str) -> str:
    """Inline Markdown text of a record as safe HTML, in the page's language (or marked)."""
    found, state = lookup(r, kind, rid, key, english)
    return _wrap(r, inline_md(found), state)


def plain(r: Renderer, kind: str, rid: str, key: Key, english: str) -> str:
    """The same as escaped plain text (link labels), still marked."""
    found, state = lookup(r, kind, rid, key, english)
    return _wrap(r, esc(plain_text(found)), state)


def bare(r: Renderer, kind: str, rid: str, key: Key, english: str) -> tuple[str, str]:
    """(plain text, its language) for machine-readable output (JSON-LD)."""
    found, state = lookup(r, kind, rid, key, english)
    return plain_text(found), i18n.DEFAULT if state == "missing" else r.lang


def claim_text(r: Renderer, claim: Any) -> str:
    return text(r, "claims", claim.id, "text", claim.text)


def entity_name(r: Renderer, entity: Any) -> str:
    return plain(r, "entities", entity.id, "name", entity.name)


def entity_name_plain(r: Renderer, entity: Any) -> str:
    """The entity's name in the page's language, unmarked (for sorting)."""
    return lookup(r, "entities", entity.id, "name", entity.name)[0]


def date(r: Renderer, d: EDTFDate, governed: bool = False) -> str:
    return i18n.date_in(d, r.lang, governed) if governed else i18n.human_date(d, r.lang)


def t(r: Renderer, key: str, **values: object) -> str:
    return i18n.t(r.lang, key, **values)


def put_date(text: str, date_html: str) -> str:
    """``text`` (escaped, with NUL where the date goes) with the date's HTML in place; a date that ends a sentence
    itself ('27 ноября 2026 г.') takes the place of the sentence's full stop."""
    if without_tags(date_html).endswith("."):
        text = text.replace("\x00.", "\x00")
    return text.replace("\x00", date_html)


def credit(r: Renderer, kind: str, rid: str) -> str:
    """'Translated by …; reviewed by: …' on a record shown in a translation (nothing in the default language
    or when the record has no translation)."""
    if r.lang == i18n.DEFAULT or catalog(r).get(r.lang, kind, rid) is None:
        return ""
    who = r.credits.get(r.lang, {})
    line = i18n.t(r.lang, "translated-by", translator=who.get("translator") or i18n.t(r.lang, "editors"),
                  reviewer=who.get("reviewer") or i18n.t(r.lang, "no-reviewer"))
    return tag("span", esc(line), class_="fk-credit")


def number(r: Renderer, n: int) -> str:
    return i18n.number(n, r.lang)
