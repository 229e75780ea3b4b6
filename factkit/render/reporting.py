"""How readers report an error: the link on each claim and the page section that lists the channels.

The channels come from factkit.publish (the settings, else the GitHub Actions repository). Without one,
the links lead to the site's section on reporting, which says plainly that no channel is configured.
"""

from __future__ import annotations

from urllib.parse import urlsplit

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


def report_link(r: Renderer, claim: Claim) -> str:
    """'Report an error in this claim': the channel, prefilled with the claim's id and permalink; without a
    channel, the site's section on reporting, with the claim's id to quote. Nothing when the site has neither."""
    channel = r.homes.channel
    if channel is not None:
        link = _link(channel, esc(loc.t(r, "report-claim")), channel.url(claim.id, claim_permalink(r, claim)))
    elif r.homes.report is not None:
        label = esc(loc.t(r, "report-claim-id", id="\x00")).replace("\x00", tag("code", esc(claim.id)))
        link = tag("a", label, href=r.home(r.homes.report))
    else:
        return ""
    return tag("p", link, class_="fk-report")


def report_url(r: Renderer) -> str:
    """The first channel's address for a report about no claim in particular ('' without a channel)."""
    channel = r.homes.channel
    return channel.url() if channel is not None else ""


_VERB = {"issues": "Open an issue", "form": "Fill in the report form", "email": "Write to"}


def report_channels(r: Renderer) -> str:
    """Every way to send a report, or an honest note that the site has none yet."""
    channels = r.homes.channels
    if not channels:
        return tag("p", "This copy of the site has no report channel configured: there is no address, form or "
                        "issue tracker to send a report to yet. Until the editors add one, a report cannot reach "
                        "them through the site.", class_="fk-no-channel")
    items = []
    for ch in channels:
        if ch.kind == "email":
            body = f"{_VERB['email']} {_link(ch, esc(ch.address), ch.url())}"
        else:
            host = urlsplit(ch.address).hostname or ""
            where = f"the repository {urlsplit(ch.address).path.strip('/')} on {host}" if ch.is_github_repo else host
            body = f"{_link(ch, _VERB[ch.kind], ch.url())} in {esc(where)}" if ch.is_github_repo else \
                f"{_link(ch, _VERB[ch.kind], ch.url())} on {esc(where)}"
            if ch.is_github_repo:
                body += " (a free GitHub account is needed)"
        items.append(tag("li", body))
    return tag("ul", "".join(items), class_="fk-report-channels")
