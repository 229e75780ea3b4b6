"""Where a build is published and how readers reach the editors (factkit.publish): env -> channel, env -> URL."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import pytest

from factkit.publish import (
    NO_CHANNEL_ERROR,
    NO_CHANNEL_WARNING,
    About,
    Channel,
    Editions,
    github_pages_url,
    is_local,
    resolve,
    resolve_channels,
    resolve_site_url,
)

GITHUB = {"GITHUB_ACTIONS": "true", "GITHUB_SERVER_URL": "https://github.com", "GITHUB_REPOSITORY": "Owner/explainer"}
LOCAL = "http://127.0.0.1:8000/"


# ---- the report channel ------------------------------------------------------------------------------------


def test_configured_channels_in_order_of_preference() -> None:
    channels, problems = resolve_channels(
        {"email": "corrections@newsroom.org", "form": "https://forms.newsroom.org/report", "issues":
         "https://github.com/newsroom/facts"}, "", {})
    assert problems == []
    assert [c.kind for c in channels] == ["issues", "form", "email"]
    assert all(c.origin == "settings" for c in channels)


def test_github_actions_repository_is_the_default_channel() -> None:
    channels, problems = resolve_channels({}, "", GITHUB)
    assert problems == [] and channels == [Channel("issues", "https://github.com/Owner/explainer", "github-actions")]


def test_a_configured_channel_wins_over_the_github_default() -> None:
    channels, _ = resolve_channels({"email": "desk@newsroom.org"}, "", GITHUB)
    assert channels == [Channel("email", "desk@newsroom.org")]


@pytest.mark.parametrize("env", [
    {},
    {"GITHUB_ACTIONS": "false", "GITHUB_SERVER_URL": "https://github.com", "GITHUB_REPOSITORY": "o/r"},
    {"GITHUB_ACTIONS": "true", "GITHUB_SERVER_URL": "https://github.com"},  # no repository
    {"GITHUB_ACTIONS": "true", "GITHUB_SERVER_URL": "javascript:alert(1)", "GITHUB_REPOSITORY": "o/r"},
    {"GITHUB_ACTIONS": "true", "GITHUB_SERVER_URL": "https://github.com", "GITHUB_REPOSITORY": "o/r\"><x"},
])
def test_no_channel_is_made_up(env: dict) -> None:
    assert resolve_channels({}, "", env) == ([], [])


def test_repo_is_the_older_name_of_report_issues() -> None:
    channels, problems = resolve_channels({}, "https://github.com/newsroom/facts", {})
    assert problems == [] and channels == [Channel("issues", "https://github.com/newsroom/facts")]
    _, problems = resolve_channels({"issues": "https://github.com/a/b"}, "https://github.com/c/d", {})
    assert problems and problems[0].startswith("repo:")


@pytest.mark.parametrize(("report", "why"), [
    ({"issues": "javascript:alert(1)"}, "not an http"),
    ({"form": "ftp://forms.newsroom.org/x"}, "not an http"),
    ({"form": "http://localhost:8000/report"}, "local address"),
    ({"email": "corrections"}, "not an email"),
    ({"email": "mailto:desk@newsroom.org"}, "without 'mailto:'"),
    ({"email": "desk@example.org"}, "reserved"),
    ({"issues": "https://tracker.example.com/new"}, "reserved"),
    ({"email": 42}, "not 42"),
    ({"phone": "+44 20 0000 0000"}, "unknown channel; allowed: issues, form, email"),
    ({"isues": "https://github.com/newsroom/facts"}, "unknown channel; did you mean 'issues'?"),
])
def test_bad_channels_are_reported_never_used(report: dict, why: str) -> None:
    channels, problems = resolve_channels(report, "", GITHUB)
    assert channels == [] and len(problems) == 1 and why in problems[0], problems


def test_github_issue_form_is_prefilled_with_claim_and_permalink() -> None:
    url = Channel("issues", "https://github.com/o/r").url("visit-date", "https://o.github.io/r/claims/#claim-visit-date")
    parts = urlsplit(url)
    assert parts.path == "/o/r/issues/new"
    assert parse_qs(parts.query) == {"template": ["report-error.yml"], "title": ["Error in claim: visit-date"],
                                     "claim": ["visit-date"], "page": ["https://o.github.io/r/claims/#claim-visit-date"]}
    assert Channel("issues", "https://github.com/o/r").url() == "https://github.com/o/r/issues/new?template=report-error.yml"


def test_email_and_form_urls() -> None:
    mail = Channel("email", "desk@newsroom.org").url("visit-date", "https://n.org/claims/#claim-visit-date")
    parts = urlsplit(mail)
    assert parts.scheme == "mailto" and parts.path == "desk@newsroom.org"
    query = parse_qs(parts.query)
    assert query["subject"] == ["Error in claim: visit-date"]
    assert "https://n.org/claims/#claim-visit-date" in query["body"][0]
    form = Channel("form", "https://forms.n.org/r?claim={claim}&url={permalink}")
    assert form.url("a b", "https://n.org/x#y") == "https://forms.n.org/r?claim=a%20b&url=https%3A%2F%2Fn.org%2Fx%23y"
    assert Channel("form", "https://forms.n.org/r").url("x", "y") == "https://forms.n.org/r"
    tracker = Channel("issues", "https://gitlab.com/n/facts/-/issues/new")
    assert not tracker.is_github_repo and tracker.url("x") == "https://gitlab.com/n/facts/-/issues/new"


def test_missing_channel_warns_locally_fails_in_ci_and_is_quiet_when_serving() -> None:
    local = resolve("https://n.org/", {}, "", {})
    assert local.errors == [] and local.warnings == [NO_CHANNEL_WARNING] and local.channel is None
    for env in ({"FACTKIT_CI": "1"}, {"GITHUB_ACTIONS": "true"}):  # GitHub Actions without a repository
        ci = resolve("https://n.org/", {}, "", env)
        assert ci.published and ci.errors == [NO_CHANNEL_ERROR]
    serving = resolve(LOCAL, {}, "", {"FACTKIT_CI": "1"}, serving=True)
    assert serving.errors == [] and serving.warnings == [] and serving.site_url == LOCAL
    gh = resolve("", {}, "", {**GITHUB, "FACTKIT_CI": "1"})
    assert gh.errors == [] and gh.channel == Channel("issues", "https://github.com/Owner/explainer", "github-actions")


# ---- the published address ------------------------------------------------------------------------------------


@pytest.mark.parametrize(("repository", "url"), [
    ("Owner/explainer", "https://owner.github.io/explainer/"),
    ("owner/owner.github.io", "https://owner.github.io/"),
    ("Owner/Owner.github.io", "https://owner.github.io/"),
])
def test_github_pages_url(repository: str, url: str) -> None:
    assert github_pages_url(repository) == url


@pytest.mark.parametrize(("site_url", "env", "serving", "expect"), [
    ("", GITHUB, False, "https://owner.github.io/explainer/"),
    (LOCAL, GITHUB, False, "https://owner.github.io/explainer/"),
    ("http://localhost:8000/", GITHUB, False, "https://owner.github.io/explainer/"),
    ("https://facts.newsroom.org/", GITHUB, False, "https://facts.newsroom.org/"),
    ("https://facts.newsroom.org/", {}, False, "https://facts.newsroom.org/"),
    ("", {}, False, ""),
    (LOCAL, GITHUB, True, LOCAL),  # mkdocs serve keeps its own address
])
def test_site_url_resolution(site_url: str, env: dict, serving: bool, expect: str) -> None:
    url, warnings, errors = resolve_site_url(site_url, env, serving)
    assert (url, errors) == (expect, [])
    assert warnings == []


def test_local_site_url_warns_in_a_local_build_and_fails_a_published_one() -> None:
    url, warnings, errors = resolve_site_url(LOCAL, {})
    assert url == LOCAL and errors == [] and "local address" in warnings[0]
    url, warnings, errors = resolve_site_url(LOCAL, {"FACTKIT_CI": "1"})
    assert url == "" and warnings == [] and "set it to the address the site is published at" in errors[0]
    # GitHub Enterprise: the Pages address is not known, so it is not guessed
    url, _, errors = resolve_site_url("", {**GITHUB, "GITHUB_SERVER_URL": "https://git.corp.internal"})
    assert url == "" and "site_url" in errors[0]


@pytest.mark.parametrize(("url", "local"), [
    ("http://127.0.0.1:8000/", True), ("http://localhost/", True), ("http://[::1]:8000/", True),
    ("http://0.0.0.0:8000/", True), ("http://app.localhost/", True), ("http://127.8.9.1/", True),
    ("https://owner.github.io/r/", False), ("https://10.0.0.1/", False), ("https://localhost.newsroom.org/", False),
])
def test_is_local(url: str, local: bool) -> None:
    assert is_local(url) is local


# ---- the editions' settings (translations: LANG: {translator, reviewer, about}) ------------------------------


def test_an_edition_gives_its_credits_and_about_texts() -> None:
    default = About(publisher="Eastbrook Facts", funding="Paid for by its readers.")
    found = Editions.from_settings({"ar": {"translator": "المحررون", "reviewer": None,
                                           "about": {"publisher": "حقائق  إيستبروك"}}, "ru": None}, default)
    assert found.problems == []
    assert found.credits == {"ar": {"translator": "المحررون"}, "ru": {}}
    assert found.about == {"ar": About(publisher="حقائق إيستبروك")}  # spaces collapsed, as in about:


@pytest.mark.parametrize(("given", "problem"), [
    ({"ar": {"translater": "x"}}, "translations.ar.translater: unknown setting; did you mean 'translator'?"),
    ({"ar": {"about": {"publsher": "x"}}}, "translations.ar.about.publsher: unknown setting; did you mean "
                                           "'publisher'?"),
    ({"ar": {"abuot": {"publisher": "x"}}}, "translations.ar.abuot: unknown setting; did you mean 'about'?"),
    ({"ar": {"about": {"checked_by": "x"}}}, "translations.ar.about.checked_by: about: has no checked_by to "
                                             "translate; state it under about: first"),
    ({"ar": {"about": {"funding": 3}}}, "translations.ar.about.funding: give text, not 3"),
    ({"ar": {"about": "x"}}, "translations.ar.about: give the About texts by name"),
    ({"ar": "the editors"}, "translations.ar: give translator, reviewer and about"),
    ({"ar": {"reviewer": ["a"]}}, "translations.ar.reviewer: give text, not ['a']"),
    ({"en": {"about": {"publisher": "x"}}}, "translations.en: 'en' is the default language"),
])
def test_edition_settings_that_cannot_be_used_are_reported(given: dict, problem: str) -> None:
    found = Editions.from_settings(given, About(publisher="Eastbrook Facts"))
    assert len(found.problems) == 1 and found.problems[0].startswith(problem), found.problems


@pytest.mark.parametrize(("lang", "subject", "what"), [
    ("en", "Error in claim: visit-date", "What is wrong:"),
    ("ar", "خطأ في الادعاء: visit-date", "ما الخطأ:"),
    ("ru", "Ошибка в утверждении: visit-date", "Что не так:"),
])
def test_an_email_report_is_prefilled_in_the_readers_language(lang: str, subject: str, what: str) -> None:
    url = Channel("email", "desk@newsroom.org").url("visit-date", "https://s.org/ar/claims/#claim-visit-date", lang)
    query = parse_qs(urlsplit(url).query)
    assert query["subject"] == [subject]
    body = query["body"][0].split("\n")
    assert body[0].endswith(": visit-date") and body[1].endswith(": https://s.org/ar/claims/#claim-visit-date")
    assert what in body
    # the repository's issue form keeps its own title, whatever the edition
    issues = Channel("issues", "https://github.com/o/r")
    assert issues.url("visit-date", None, lang) == issues.url("visit-date")
