"""Where a build is published and how readers reach the editors: resolved from the settings and the environment.

Two questions every build answers before any page is rendered, the same for every host:

- **The report channel.** "Report an error" must reach someone. A site configures any of an issue tracker,
  a form and an email address (``report:`` in the factkit settings). In GitHub Actions, when none is
  configured, the repository the workflow runs in is the default: its issue form
  ``.github/ISSUE_TEMPLATE/report-error.yml``, prefilled with the claim's id and permalink. A local build
  without a channel still builds (with a warning, and links to the page section on reporting); a
  published build (``FACTKIT_CI=1`` or GitHub Actions) without one fails. No address is ever made up.
- **The published address.** Canonical links, ``og:url``, the sitemap and ClaimReview use ``site_url``.
  In GitHub Actions, when it is unset or a local address, GitHub Pages' address
  (``https://OWNER.github.io/REPO/``) is used instead. A local ``build`` with a local address keeps it and
  warns; a published build with one fails; ``serve`` keeps it quietly.

Everything here is a pure function of its arguments (``env`` is a mapping like ``os.environ``).
"""

from __future__ import annotations

import difflib
import ipaddress
import re
from collections.abc import Mapping
from dataclasses import dataclass, field, fields
from urllib.parse import quote, urlencode, urlsplit

from .checks import is_http_url
from .i18n import DEFAULT, t

CHANNEL_KINDS = ("issues", "form", "email")  # in this order of preference for the per-claim link
ISSUE_FORM = "report-error.yml"
_EMAIL = re.compile(r"^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?"
                    r"(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*\.[A-Za-z]{2,}$")
# RFC 2606 / 6761 names: documentation and test addresses that reach no one
_RESERVED = re.compile(r"(?:^|\.)(?:example\.(?:com|org|net)|example|test|invalid|localhost|local)$", re.IGNORECASE)
_PLACEHOLDERS = ("{claim}", "{permalink}")


@dataclass(frozen=True)
class Channel:
    """One way to send a report: ``kind`` is issues, form or email; ``origin`` says where it came from."""

    kind: str
    address: str  # an http(s) URL, or an email address
    origin: str = "settings"  # settings | github-actions

    @property
    def is_github_repo(self) -> bool:
        """A repository address (``https://HOST/OWNER/REPO``): reports open its issue form."""
        parts = urlsplit(self.address)
        return self.kind == "issues" and len([p for p in parts.path.split("/") if p]) == 2 \
            and not parts.query and not parts.fragment

    def url(self, claim: str | None = None, permalink: str | None = None, lang: str = DEFAULT) -> str:
        """Where a reader sends a report: prefilled with the claim and its permalink when given. An email's
        subject and prompts are in ``lang`` (the reader's edition); a repository's issue form keeps its own title
        (the form, ``.github/ISSUE_TEMPLATE/report-error.yml``, is one per repository, in its editors' language)."""
        if self.kind == "email":
            subject = t(lang, "mail-subject-claim", claim=claim) if claim else t(lang, "mail-subject")
            lines = [t(lang, "mail-claim", claim=claim)] if claim else []
            lines += [t(lang, "mail-permalink", link=permalink)] if permalink else []
            lines += [t(lang, "mail-what"), "", t(lang, "mail-source"), ""]
            query = urlencode({"subject": subject, "body": "\n".join(lines)}, quote_via=quote)
            return f"mailto:{self.address}?{query}"
        if self.is_github_repo:
            params = {"template": ISSUE_FORM}
            if claim:
                params |= {"title": f"Error in claim: {claim}", "claim": claim}
            if permalink:
                params["page"] = permalink
            return f"{self.address.rstrip('/')}/issues/new?{urlencode(params, quote_via=quote)}"
        url = self.address
        for placeholder, value in zip(_PLACEHOLDERS, (claim, permalink), strict=True):
            url = url.replace(placeholder, quote(value or "", safe=""))
        return url


@dataclass
class Publication:
    """What a build resolved: the published address, the report channels, and what to tell the editor."""

    site_url: str
    channels: list[Channel] = field(default_factory=list)
    published: bool = False  # a build for publication (CI), where missing settings are errors
    warnings: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    @property
    def channel(self) -> Channel | None:
        """The channel the per-claim links use (issues, then form, then email)."""
        return self.channels[0] if self.channels else None


def is_published(env: Mapping[str, str], serving: bool = False) -> bool:
    """A build in CI (``FACTKIT_CI=1``, or GitHub Actions) that is not ``serve``."""
    return not serving and (env.get("FACTKIT_CI") == "1" or env.get("GITHUB_ACTIONS") == "true")


def github_repository(env: Mapping[str, str]) -> tuple[str, str] | None:
    """(server URL, OWNER/REPO) when running in GitHub Actions with both known."""
    if env.get("GITHUB_ACTIONS") != "true":
        return None
    server = (env.get("GITHUB_SERVER_URL") or "").rstrip("/")
    repo = (env.get("GITHUB_REPOSITORY") or "").strip("/")
    if not is_http_url(server) or not re.fullmatch(r"[\w.-]+/[\w.-]+", repo):
        return None
    return server, repo


def github_pages_url(repository: str) -> str:
    """GitHub Pages' address of OWNER/REPO: https://owner.github.io/REPO/ (the user site: https://owner.github.io/)."""
    owner, name = repository.split("/", 1)
    host = f"{owner.lower()}.github.io"
    return f"https://{host}/" if name.lower() == host else f"https://{host}/{name}/"


def is_local(url: str) -> bool:
    """An address only this machine can open (localhost, 127.x, ::1, 0.0.0.0, *.localhost)."""
    try:
        host = (urlsplit(url).hostname or "").lower()
    except ValueError:
        return False
    if host == "localhost" or host.endswith(".localhost"):
        return True
    try:
        ip = ipaddress.ip_address(host)
    except ValueError:
        return False
    return ip.is_loopback or ip.is_unspecified


def _bad_address(kind: str, value: object) -> str | None:
    """Why a configured address cannot reach anyone (None when it is plausible)."""
    if not isinstance(value, str) or not value.strip():
        return f"give {'an email address' if kind == 'email' else 'an http(s) address'}, not {value!r}"
    value = value.strip()
    if kind == "email":
        if value.lower().startswith("mailto:"):
            return f"write the address without 'mailto:' ({value[7:]!r})"
        if not _EMAIL.match(value):
            return f"{value!r} is not an email address (name@domain.tld)"
        host = value.rsplit("@", 1)[1]
    else:
        if not is_http_url(value):
            return f"{value!r} is not an http:// or https:// address"
        host = urlsplit(value).hostname or ""
        if is_local(value):
            return f"{value!r} is a local address that readers cannot open"
    if _RESERVED.search(host):
        return f"{host!r} is reserved for examples and tests and reaches no one"
    return None


def resolve_channels(report: Mapping[str, object], repo: str, env: Mapping[str, str]
                     ) -> tuple[list[Channel], list[str]]:
    """The configured channels (``report``; ``repo`` is the older name for ``report: {issues: ...}``), else
    the GitHub Actions repository; and the problems with what is configured (``key: why``)."""
    problems: list[str] = []
    configured: dict[str, object] = dict(report)
    if repo:
        if "issues" in configured and configured["issues"] != repo:
            problems.append("repo: it is the older name of report.issues; keep only report.issues")
        configured.setdefault("issues", repo)
    channels = []
    for key in configured:
        if key not in CHANNEL_KINDS:
            problems.append(f"report.{key}: unknown channel; {_hint(str(key), list(CHANNEL_KINDS))}")
    for kind in CHANNEL_KINDS:
        if kind not in configured or configured[kind] in (None, ""):
            continue
        why = _bad_address(kind, configured[kind])
        if why:
            problems.append(f"report.{kind}: {why}")
        else:
            channels.append(Channel(kind, str(configured[kind]).strip()))
    if not channels and not problems and (gh := github_repository(env)):
        server, repository = gh
        channels.append(Channel("issues", f"{server}/{repository}", origin="github-actions"))
    return channels, problems


def resolve_site_url(site_url: str, env: Mapping[str, str], serving: bool = False) -> tuple[str, list[str], list[str]]:
    """The address absolute URLs use in this build, with (warnings, errors)."""
    site_url = (site_url or "").strip()
    if serving:
        return site_url, [], []
    gh = github_repository(env)
    local = bool(site_url) and is_local(site_url)
    if gh and (not site_url or local):
        server, repository = gh
        if urlsplit(server).hostname == "github.com":
            return github_pages_url(repository), [], []
        return "", [], [f"site_url is {'a local address' if local else 'not set'}, and the Pages address of "
                         f"{server} is not known; set site_url to the address the site is published at"]
    if local:
        if is_published(env):
            return "", [], [f"site_url is the local address {site_url}: set it to the address the site is "
                            "published at (canonical links, og:url, the sitemap and ClaimReview use it)"]
        return site_url, [f"site_url is the local address {site_url}: this build's canonical links, og:url, sitemap "
                          "and ClaimReview point at this machine; fine for a preview, but publish from CI (in GitHub "
                          "Actions the Pages address is used) or set site_url to the published address"], []
    return site_url, [], []


_HOW = "set report: {issues: https://…, form: https://…, email: …} in the factkit settings (any one is enough)"
NO_CHANNEL_WARNING = (f"no report channel is configured, so readers have no way to reach the editors: {_HOW}; "
                      "until then the \"report an error\" links lead to the page section on reporting")
NO_CHANNEL_ERROR = (f"no report channel is configured, and a published site must let readers report errors: {_HOW} "
                    "(in GitHub Actions the repository's issue form is the default)")


def resolve(site_url: str, report: Mapping[str, object], repo: str, env: Mapping[str, str],
            serving: bool = False) -> Publication:
    """Everything a build needs to know about where it is published and how readers report errors."""
    url, warnings, errors = resolve_site_url(site_url, env, serving)
    channels, problems = resolve_channels(report, repo, env)
    published = is_published(env, serving)
    errors += problems
    if not channels and not problems:
        if published:
            errors.append(NO_CHANNEL_ERROR)
        elif not serving:
            warnings.append(NO_CHANNEL_WARNING)
    return Publication(url, channels, published, warnings, errors)


@dataclass(frozen=True)
class About:
    """The site's own statement about itself (each field optional; None = not stated)."""

    publisher: str | None = None  # who publishes the site
    checked_by: str | None = None  # who checks the claims
    contact: str | None = None  # an email address, a URL or a postal address
    funding: str | None = None  # funding and independence statement
    licence_text: str | None = None  # licence of the pages' text, e.g. "CC BY 4.0"
    licence_data: str | None = None  # licence of the open data (facts.json, claims.csv)

    @classmethod
    def from_settings(cls, values: Mapping[str, object], where: str = "about") -> tuple[About, list[str]]:
        """The settings as About, and the problems (``key: why``; ``where`` names the settings in them)."""
        known = [f.name for f in fields(cls)]
        problems, kept = [], {}
        for key, value in values.items():
            if key not in known:
                problems.append(f"{where}.{key}: unknown setting; {_hint(str(key), known)}")
            elif value is None or value == "":
                continue
            elif not isinstance(value, str) or not value.strip():
                problems.append(f"{where}.{key}: give text, not {value!r}")
            else:
                kept[key] = " ".join(value.split())
        return cls(**kept), problems


def _hint(key: str, known: list[str]) -> str:
    near = difflib.get_close_matches(key, known, n=1, cutoff=0.5)
    return f"did you mean '{near[0]}'?" if near else f"allowed: {', '.join(known)}"


EDITION_KEYS = ("translator", "reviewer", "about")


@dataclass
class Editions:
    """The ``translations:`` settings, per language other than the default: who translates that edition's records
    and who reviews them (``credits``), and the site's About texts in that language (``about``)."""

    credits: dict[str, dict[str, str]] = field(default_factory=dict)  # lang -> {translator, reviewer}
    about: dict[str, About] = field(default_factory=dict)  # lang -> the About texts given in that language
    problems: list[str] = field(default_factory=list)  # ``key: why``, as About.from_settings

    @classmethod
    def from_settings(cls, values: Mapping[str, object], default: About) -> Editions:
        """``translations: {ar: {translator: …, reviewer: …, about: {publisher: …, …}}}``. An About text given
        in a language must exist in the default language's ``about:`` (a translation says what the default
        says, in another language; it adds nothing)."""
        out = cls()
        for lang, given in values.items():
            where = f"translations.{lang}"
            if lang == DEFAULT:
                out.problems.append(f"{where}: '{DEFAULT}' is the default language: its About texts go under "
                                    "about:, its records are the fact files themselves")
                continue
            if given is None:
                given = {}
            if not isinstance(given, Mapping):
                out.problems.append(f"{where}: give translator, reviewer and about (any of them), not {given!r}")
                continue
            credits = {}
            for key, value in given.items():
                if key not in EDITION_KEYS:
                    out.problems.append(f"{where}.{key}: unknown setting; {_hint(str(key), list(EDITION_KEYS))}")
                elif key == "about":
                    if value is None:
                        continue
                    if not isinstance(value, Mapping):
                        out.problems.append(f"{where}.about: give the About texts by name (publisher: …, "
                                            f"funding: …), not {value!r}")
                        continue
                    about, problems = About.from_settings(value, f"{where}.about")
                    out.problems += problems
                    for name in (f.name for f in fields(About)):
                        if getattr(about, name) is not None and getattr(default, name) is None:
                            out.problems.append(f"{where}.about.{name}: about: has no {name} to translate; state "
                                                f"it under about: first (in '{DEFAULT}'), or remove it here")
                    out.about[str(lang)] = about
                elif value is None or value == "":
                    continue
                elif not isinstance(value, str) or not value.strip():
                    out.problems.append(f"{where}.{key}: give text, not {value!r}")
                else:
                    credits[str(key)] = " ".join(value.split())
            out.credits[str(lang)] = credits
        return out
