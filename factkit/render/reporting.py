"""How readers report an error: the link on each claim and the page section that lists the channels.

The channels come from factkit.publish (the settings, else the GitHub Actions repository). Without one,
the links lead to the site's section on reporting, which says plainly that no channel is configured.
"""

from __future__ import annotations

from urllib.parse import urlencode, urlsplit

from ..model import Claim
from ..publish import Channel
from . import localize as loc
from .core import Renderer
from .html import esc, tag


def claim_permalink(r: Renderer, claim: Claim) -> str | None:
    """The claim's absolute permanent link, when the published address and the claims page are known."""
    return r.claim_url(claim)


def _link(channel: Channel, label: str, url: str) -> str:
    return tag("a", label, href=url, rel="nofollow noopener", class_=f"fk-report-{channel.kind}")


def fill(r: Renderer, key: str, **html: str) -> str:
    """The engine's words ``key`` in the page's language, escaped, with HTML put in at its placeholders."""
    text = esc(loc.t(r, key, **{name: f"\x00{name}\x00" for name in html}))
    for name, value in html.items():
        text = text.replace(f"\x00{name}\x00", value)
    return text


def report_link(r: Renderer, claim: Claim) -> str:
    """'Report an error in this claim': the channel, prefilled with the claim's id and permalink; without a
    channel, the site's section on reporting (in the page's edition), with the claim's id to quote. Nothing when
    the site has neither."""
    channel = r.homes.channel
    if channel is not None:
        url = channel.url(claim.id, claim_permalink(r, claim), lang=r.lang)
        link = _link(channel, esc(loc.t(r, "report-claim")), url)
    elif r.homes.report is not None:  # ?claim= lets the section say which claim the reader came about
        page, _, section = r.homes.report.partition("#")
        href = r.home(f"{page}?{urlencode({'claim': claim.id})}" + (f"#{section}" if section else ""))
        link = tag("a", fill(r, "report-claim-id", id=tag("code", esc(claim.id))), href=href)
    else:
        return ""
    return tag("p", link, class_="fk-report", data_search_exclude=True)


def report_url(r: Renderer) -> str:
    """The first channel's address for a report about no claim in particular ('' without a channel)."""
    channel = r.homes.channel
    return channel.url(lang=r.lang) if channel is not None else ""


_VERB = {"issues": "report-open-issue", "form": "report-fill-form"}


def report_channels(r: Renderer) -> str:
    """Every way to send a report, or an honest note that the site has none yet, in the page's language."""
    channels = r.homes.channels
    if not channels:  # the claim a reader came from is named by factkit.js (from the link's ?claim=)
        about = tag("p", "", class_="fk-reporting", hidden=True, data_text=loc.t(r, "report-about"))
        return about + tag("p", esc(loc.t(r, "report-none")), class_="fk-no-channel")
    items = []
    for ch in channels:
        url = ch.url(lang=r.lang)
        if ch.kind == "email":
            body = fill(r, "report-write", link=_link(ch, esc(ch.address), url))
        else:
            parts = urlsplit(ch.address)
            link = _link(ch, esc(loc.t(r, _VERB[ch.kind])), url)
            host = esc(parts.hostname or "")
            if ch.is_github_repo:
                body = fill(r, "report-in-repo", link=link, repo=esc(parts.path.strip("/")), host=host)
            else:
                body = fill(r, "report-on", link=link, host=host)
        items.append(tag("li", body))
    return tag("ul", "".join(items), class_="fk-report-channels")
