"""The corrections feed: every correction and verdict change recorded in the facts, as Atom (RFC 4287).

Deterministic: every date comes from the facts (a correction's date; without corrections, the latest day a
claim was checked), never from the clock, and entries are in a fixed order (newest first, then claim id).
Links are absolute when the published address is known, else relative to the feed at the site's root.
"""

from __future__ import annotations

import re
import uuid
from xml.sax.saxutils import escape, quoteattr

from .dates import EDTFDate
from .model import Claim, Correction
from .render.core import Renderer
from .render.html import plain_text

FEED_PATH = "corrections.xml"
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


def corrections_atom(r: Renderer) -> str:
    """The feed as an XML document."""
    base = r.homes.site_url.rstrip("/") + "/" if r.homes.site_url else ""
    name = r.site_name or "this site"

    def link(target: str) -> str:
        return base + target

    found = entries(r)
    checked = [c.checked for c in r.facts.claims.values()]
    if found:
        updated = _stamp(found[0][0].date)
    elif checked:
        updated = _stamp(max(checked, key=lambda d: d.latest()))
    else:
        updated = "1970-01-01T00:00:00Z"
    feed_id = link(FEED_PATH) if base else f"urn:uuid:{uuid.uuid5(_NS, 'feed:' + name)}"
    author = r.about.publisher or f"The editors of {name}"
    out = ['<?xml version="1.0" encoding="utf-8"?>',
           '<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="en">',
           f"  <title>{escape('Corrections: ' + name)}</title>",
           f"  <subtitle>{escape('Every correction and verdict change, newest first, each linked to its claim.')}"
           "</subtitle>",
           f"  <id>{escape(feed_id)}</id>",
           f"  <updated>{updated}</updated>",
           f"  <author><name>{escape(author)}</name></author>"]
    if base:
        out.append(f'  <link rel="self" type="{FEED_TYPE}" href={quoteattr(link(FEED_PATH))}/>')
    if r.homes.corrections is not None:
        out.append(f'  <link rel="alternate" type="text/html" href={quoteattr(link(r.homes.corrections))}/>')
    for cor, claim, index in found:
        claim_text = plain_text(claim.text)
        page = r.homes.claim_page(claim)
        href = link(f"{page}#claim-{claim.id}") if page is not None else None
        kind = "verdict-change" if is_verdict_change(cor) else "correction"
        title = ("Verdict changed: " if kind == "verdict-change" else "Correction: ") + _shorten(claim_text)
        entry_id = uuid.uuid5(_NS, f"correction:{claim.id}:{index}:{cor.date.iso()}")
        what, why = plain_text(cor.what), plain_text(cor.why)
        html = (f"<p><strong>Claim:</strong> {escape(claim_text)} ({escape(claim.id)})</p>"
                f"<p><strong>What changed:</strong> {escape(what)}</p><p><strong>Why:</strong> {escape(why)}</p>")
        if href:
            html += f'<p><a href="{escape(href, {chr(34): "&quot;"})}">The claim, with its evidence</a></p>'
        out += ["  <entry>",
                f"    <title>{escape(title)}</title>",
                f"    <id>urn:uuid:{entry_id}</id>",
                f"    <updated>{_stamp(cor.date)}</updated>",
                f"    <published>{_stamp(cor.date)}</published>",
                f'    <category term="{kind}"/>']
        if href:
            out.append(f'    <link rel="alternate" type="text/html" href={quoteattr(href)}/>')
        out += [f"    <summary type=\"text\">{escape(f'{what} Why: {why}')}</summary>",
                f'    <content type="html">{escape(html)}</content>',
                "  </entry>"]
    out.append("</feed>")
    return "\n".join(out) + "\n"
