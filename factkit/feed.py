"""The corrections feed: every correction and verdict change recorded in the facts, as Atom (RFC 4287).

Deterministic: every date comes from the facts (a correction's date; without corrections, the latest day a
claim was checked), never from the clock, and entries are in a fixed order (newest first, then claim id).
Links are absolute when the published address is known, else relative to the feed.

One feed per edition, with that language's words, ``xml:lang`` and links to that edition's pages, and each claim's
and correction's translation (the English, marked as not translated, where there is none): a reader of an edition
subscribes from its pages' ``<link rel=alternate>``; one feed for all would give every reader entries in a language
they may not read, or every entry three times. Every feed is at the site's root (``corrections.xml``,
``corrections.ar.xml``): Material for MkDocs fetches ``sitemap.xml`` next to each ``<link rel=alternate>`` of a
page, and only the root has one (a feed in ``ar/`` would cost each Arabic page a failed request).
"""

from __future__ import annotations

import re
import uuid
from xml.sax.saxutils import escape, quoteattr

from . import i18n
from .dates import EDTFDate
from .model import Claim, Correction
from .render import localize as loc
from .render.core import Renderer
from .render.html import plain_text

FEED_PATH = "corrections.xml"


def feed_path(lang: str = i18n.DEFAULT) -> str:
    """The site-relative path of an edition's feed: 'corrections.xml', 'corrections.ar.xml'."""
    return FEED_PATH if lang == i18n.DEFAULT else f"corrections.{lang}.xml"
FEED_TYPE = "application/atom+xml"
_NS = uuid.UUID("6f1c1f8e-3b1e-5a55-9d6e-5f0f3a4c2b10")  # factkit's namespace for entry ids


def _stamp(date: EDTFDate) -> str:
    """RFC 3339 at the start of the date's first day (a month or a year starts on its first day)."""
    return f"{date.earliest().isoformat()}T00:00:00Z"


def is_verdict_change(correction: Correction) -> bool:
    """A correction whose 'what' says the rating changed ("We previously rated this statement accurate. It now
    reads needs-context.", "Verdict changed from …"); one saying the verdict is unchanged is not."""
    what = correction.what.lower()
    return bool(re.search(r"\b(?:rated|verdict|rating)\b", what)) and "unchanged" not in what


def entries(r: Renderer) -> list[tuple[Correction, Claim, int]]:
    """(correction, claim, its index on the claim), newest first, then by claim id and index."""
    found = [(cor, claim, i) for claim in r.facts.claims.values() for i, cor in enumerate(claim.corrections)]
    found.sort(key=lambda e: (e[0].date.sort_key(), e[1].id, e[2]), reverse=True)
    return found


def _shorten(text: str, limit: int = 110) -> str:
    return text if len(text) <= limit else text[: limit - 1].rsplit(" ", 1)[0] + "…"


def _author(r: Renderer, lang: str, name: str) -> str:
    """The feed's author: the publisher as the About settings state it in ``lang`` (the default language's,
    marked as not translated, when that language has none), else the edition's editors."""
    own = r.about_in.get(lang)
    if lang != i18n.DEFAULT and own is not None and own.publisher:
        return own.publisher
    if r.about.publisher:
        return r.about.publisher if lang == i18n.DEFAULT else f"{r.about.publisher} ({i18n.t(lang, 'untranslated')})"
    return i18n.t(lang, "feed-editors", site=name)


def _text(r: Renderer, cid: str, key: loc.Key, english: str) -> tuple[str, str, str]:
    """(plain text, its mark, the text and mark as HTML): a claim's text in the edition's language, or the English
    marked " (not translated)" in that language's words (in the HTML, the English is marked as English)."""
    found, state = loc.lookup(r, "claims", cid, key, english)
    text = plain_text(found)
    if state == "ok":
        return text, "", escape(text)
    mark = f" ({i18n.t(r.lang, 'untranslated' if state == 'missing' else 'stale')})"
    html = f'<span lang="{i18n.DEFAULT}">{escape(text)}</span>' if state == "missing" else escape(text)
    return text, mark, html + escape(mark)


def corrections_atom(r: Renderer, lang: str = i18n.DEFAULT) -> str:
    """The feed as an XML document, in the edition of ``lang``: its words, its records' translations (the English,
    marked as not translated, where a record has none), its pages' links, its ``xml:lang``. The default language's
    feed is ``corrections.xml``, another edition's ``corrections.LANG.xml``, both at the site's root."""
    was = (r.page, r.lang, r.prose_lang, r.edition, r.local)
    r.lang = r.prose_lang = lang
    r.edition = edition = "" if lang == i18n.DEFAULT else f"{lang}/"
    try:
        return _atom(r, lang, edition)
    finally:
        r.page, r.lang, r.prose_lang, r.edition, r.local = was


def _atom(r: Renderer, lang: str, edition: str) -> str:
    base = r.homes.site_url.rstrip("/") + "/" if r.homes.site_url else ""
    name = r.site_names.get(lang) or r.site_name or i18n.t(lang, "feed-this-site")

    def link(target: str) -> str:  # an edition's page; relative links are relative to the feed, at the root
        return base + edition + target

    found = entries(r)
    checked = [c.checked for c in r.facts.claims.values()]
    if found:
        updated = _stamp(found[0][0].date)
    elif checked:
        updated = _stamp(max(checked, key=lambda d: d.latest()))
    else:
        updated = "1970-01-01T00:00:00Z"
    named = "feed:" + name if lang == i18n.DEFAULT else f"feed:{lang}:{name}"
    feed_id = base + feed_path(lang) if base else f"urn:uuid:{uuid.uuid5(_NS, named)}"
    out = ['<?xml version="1.0" encoding="utf-8"?>',
           f'<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="{lang}">',
           f"  <title>{escape(i18n.t(lang, 'feed-title', site=name))}</title>",
           f"  <subtitle>{escape(i18n.t(lang, 'feed-subtitle'))}</subtitle>",
           f"  <id>{escape(feed_id)}</id>",
           f"  <updated>{updated}</updated>",
           f"  <author><name>{escape(_author(r, lang, name))}</name></author>"]
    if base:
        out.append(f'  <link rel="self" type="{FEED_TYPE}" href={quoteattr(base + feed_path(lang))}/>')
    if r.homes.corrections is not None:
        out.append(f'  <link rel="alternate" type="text/html" href={quoteattr(link(r.homes.corrections))}/>')
    for cor, claim, index in found:
        claim_text, claim_mark, claim_html = _text(r, claim.id, "text", claim.text)
        page = r.homes.claim_page(claim)
        href = link(f"{page}#claim-{claim.id}") if page is not None else None
        kind = "verdict-change" if is_verdict_change(cor) else "correction"
        head = i18n.t(lang, "feed-verdict" if kind == "verdict-change" else "feed-correction")
        title = head + _shorten(claim_text) + claim_mark
        key = f"{claim.id}:{index}:{cor.date.iso()}"
        entry_id = uuid.uuid5(_NS, f"correction:{key}" if lang == i18n.DEFAULT else f"correction:{lang}:{key}")
        what, what_mark, what_html = _text(r, claim.id, ("corrections", index, "what"), cor.what)
        why, why_mark, why_html = _text(r, claim.id, ("corrections", index, "why"), cor.why)
        html = (f"<p><strong>{escape(i18n.t(lang, 'feed-claim'))}</strong> {claim_html} ({escape(claim.id)})</p>"
                f"<p><strong>{escape(i18n.t(lang, 'feed-what'))}</strong> {what_html}</p>"
                f"<p><strong>{escape(i18n.t(lang, 'feed-why'))}</strong> {why_html}</p>")
        if href:
            html += f'<p><a href="{escape(href, {chr(34): "&quot;"})}">{escape(i18n.t(lang, "feed-to-claim"))}</a></p>'
        out += ["  <entry>",
                f"    <title>{escape(title)}</title>",
                f"    <id>urn:uuid:{entry_id}</id>",
                f"    <updated>{_stamp(cor.date)}</updated>",
                f"    <published>{_stamp(cor.date)}</published>",
                f'    <category term="{kind}"/>']
        if href:
            out.append(f'    <link rel="alternate" type="text/html" href={quoteattr(href)}/>')
        summary = i18n.t(lang, "feed-summary", what=what + what_mark, why=why + why_mark)
        out += [f'    <summary type="text">{escape(summary)}</summary>',
                f'    <content type="html">{escape(html)}</content>',
                "  </entry>"]
    out.append("</feed>")
    return "\n".join(out) + "\n"
