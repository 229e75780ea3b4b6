"""Build the fixture sites with MkDocs (once per session) and check the HTML, JSON-LD and export."""

from __future__ import annotations

import html
import json
import os
import posixpath
import re
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest
from bs4 import BeautifulSoup
from pyld import jsonld

import factkit
from factkit.model import VERDICTS
from factkit.render.html import plain_text

REPO = Path(__file__).resolve().parents[1]
WATER = REPO / "tests" / "fixtures" / "sites" / "water"
TODAY = "2026-11-27"
BASE = "https://water.example.org/"


# a test build is not a publication: CI's variables (which make a missing report channel an error and set the
# published address) are left out unless a test sets them
CI_VARIABLES = ("FACTKIT_CI", "GITHUB_ACTIONS", "GITHUB_SERVER_URL", "GITHUB_REPOSITORY")


def build(site: Path, out: Path, **extra_env: str) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k not in CI_VARIABLES and k != "SOURCE_DATE_EPOCH"}
    env |= {"FACTKIT_TODAY": TODAY, "PYTHONPATH": str(REPO), "NO_MKDOCS_2_WARNING": "1", **extra_env}
    return subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(site / "mkdocs.yml"),
                           "-d", str(out)], capture_output=True, text=True, env=env, cwd=site, timeout=120)


def failed_build(site: Path, out: Path, **extra_env: str) -> str:
    """Build a site that must fail: non-zero exit and no traceback. Returns what the build printed."""
    result = build(site, out, **extra_env)
    output = result.stdout + result.stderr
    assert result.returncode != 0
    assert "Traceback" not in output
    return output


def copy_site(tmp: Path) -> Path:
    dest = tmp / "site-src"
    shutil.copytree(WATER, dest, symlinks=False)
    return dest


def site_configured(tmp: Path, old: str, new: str) -> tuple[Path, str]:
    """A copy of the fixture site with ``old`` replaced by ``new`` in its mkdocs.yml: (the site, the new text)."""
    site = copy_site(tmp)
    config = site / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    assert old in text
    text = text.replace(old, new, 1)
    config.write_text(text, encoding="utf-8")
    return site, text


@pytest.fixture(scope="session")
def built(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("water") / "site"
    result = build(WATER, out)
    assert result.returncode == 0, result.stderr
    return out


@pytest.fixture(scope="session")
def facts() -> factkit.FactBase:
    base, problems = factkit.check(WATER / "facts", base_dir=WATER, on=factkit.today(TODAY))
    assert not factkit.errors(problems)
    return base


def pages(site: Path) -> dict[str, BeautifulSoup]:
    """Every built page by its URL (relative to the site root)."""
    found = {}
    for path in sorted(site.rglob("*.html")):
        rel = path.relative_to(site).as_posix()
        url = rel[: -len("index.html")] if rel.endswith("index.html") else rel
        found[url] = BeautifulSoup(path.read_text(encoding="utf-8"), "lxml")
    return found


@pytest.fixture(scope="session")
def soups(built: Path) -> dict[str, BeautifulSoup]:
    return pages(built)


def resolve(page_url: str, href: str) -> tuple[str, str]:
    """A site-internal link as (page URL, fragment)."""
    full = urljoin(BASE + page_url, href)
    parts = urlsplit(full)
    path = parts.path.lstrip("/")
    return posixpath.normpath(path) + "/" if path else "", parts.fragment


def ids(soup: BeautifulSoup) -> list[str]:
    return [el["id"] for el in soup.find_all(id=True)]


# ---- structure -------------------------------------------------------------------------------


def test_every_claim_has_its_anchor_on_the_claims_page(soups, facts) -> None:
    claim_ids = set(ids(soups["claims/"]))
    assert {f"claim-{cid}" for cid in facts.claims} <= claim_ids


def test_no_duplicate_ids_on_any_page(soups) -> None:
    for url, soup in soups.items():
        found = ids(soup)
        assert len(found) == len(set(found)), (url, sorted({i for i in found if found.count(i) > 1}))


def test_every_fragment_link_resolves(soups) -> None:
    checked = 0
    for url, soup in soups.items():
        for a in soup.select("article a[href]"):
            href = a["href"]
            if href.startswith(("http:", "https:", "mailto:")) or "#" not in href:
                continue
            page, fragment = resolve(url, href)
            assert page in soups, (url, href)
            assert soups[page].find(id=fragment) is not None, (url, href)
            checked += 1
    assert checked > 50


def test_citation_markers_are_numbered_per_page_with_a_list_of_sources_at_the_end(soups, facts) -> None:
    """Like Wikipedia: a source keeps one number down the page; each marker leads to the source's entry in
    'Sources on this page', which links back to every place it is cited and on to the source's card."""
    markers = 0
    for url, soup in soups.items():
        refs = soup.select_one("section.fk-refs")
        numbers: dict[str, int] = {}
        for cite in soup.select(".fk-cite"):
            link = cite.select_one(".fk-cite-ref")
            assert refs is not None, url
            n = int(link.get_text().strip("[]"))
            assert link["href"] == f"#fk-ref-{n}"
            entry = refs.find(id=f"fk-ref-{n}")
            assert entry is not None and link["id"] in [a["href"][1:] for a in entry.select(".fk-backs a")]
            page, fragment = resolve(url, entry.select_one("a.fk-ref-more")["href"])
            assert page == "sources/" and fragment.startswith("source-")
            source = facts.sources[fragment.removeprefix("source-")]
            assert numbers.setdefault(source.id, n) == n, (url, source.id, "two numbers for one source")
            assert entry.select_one(".fk-publisher").get_text().startswith(facts.publisher_name(source))
            tip = soup.find(id=link["aria-describedby"])
            assert tip is not None and tip["role"] == "tooltip" and tip in cite.descendants
            relayed = facts.relayed_name(source)
            assert tip.select_one(".fk-tip-publisher").get_text() == facts.publisher_name(source) + (
                f", relaying {relayed}" if relayed else "")
            title = tip.select_one(".fk-tip-title")
            assert (title.get_text() if title else None) == (f"“{source.title}”" if source.title else None)
            markers += 1
        if refs is not None:
            assert [li["id"] for li in refs.select("ol.fk-refs-list > li")] == [
                f"fk-ref-{n}" for n in range(1, len(refs.select("ol.fk-refs-list > li")) + 1)]
            assert len(set(numbers.values())) == len(numbers)
    assert markers >= 10


def test_hidden_previews_take_no_room(built) -> None:
    """A preview that is not shown is display:none (visibility:hidden would still widen the page)."""
    import re

    css = re.sub(r"/\*.*?\*/", "", (built / "assets" / "factkit.css").read_text(encoding="utf-8"), flags=re.S)
    rules: dict[str, str] = {}  # selector -> its first rule (the base one, before any @media override)
    for sels, body in re.findall(r"([^{}]+)\{([^{}]*)\}", css):
        for sel in sels.split(","):
            rules.setdefault(sel.strip(), body)
    assert "display: none" in rules[".md-typeset .fk-tip"]
    assert "display: flex" in rules[".md-typeset .fk-cite:hover .fk-tip"]
    assert "display: none" in rules[".md-typeset .fk-cite.fk-dismissed .fk-tip"]
    assert not re.search(r"(?<![\w-])visibility\s*:", css)  # the property (content-visibility is another)
    assert "fk-tip--above" in (built / "assets" / "factkit.js").read_text(encoding="utf-8")
    # the preview is placed below the marker's box, which needs a height: the engine's CSS gives it one
    # (a site that loads factkit.css alone, like this fixture, must not depend on the real site's reader.css)
    assert "line-height: 1" in rules[".md-typeset .fk-cite"]


def test_deep_links_use_text_fragments(soups) -> None:
    links = [a["href"] for a in soups[""].select("a.fk-deeplink")]
    assert links and all("#:~:text=" in href for href in links)


def test_timeline_is_chronological_and_grouped_by_year(soups, facts) -> None:
    soup = soups["timeline/"]
    order = [el["data-claim"] for el in soup.select(".fk-timeline .fk-claim")]
    dated = [c for c in facts.claims.values() if c.date is not None]
    assert order == [c.id for c in sorted(dated, key=lambda c: c.date.sort_key())]
    years = [h.get_text(strip=True).rstrip("¶") for h in soup.select("article h2")]
    assert years == sorted(set(years)) and "2019" in years
    whens = [t.get_text() for t in soup.select(".fk-when")]
    assert "July 2019" in whens and "c. 2015" in whens and "2020–2021" in whens


def test_claims_page_topics_use_the_site_labels_in_the_site_order(soups) -> None:
    """extra.factkit.topics labels (and orders) the topic headings; unlabelled topics read as their id in words."""
    heads = [(h["id"], h.get_text().rstrip("¶")) for h in soups["claims/"].select("article h2")
             if not h.find_parent(class_="fk-refs")]
    assert heads == [("topic-reservoir", "The reservoir"), ("topic-bills", "Water bills & tariffs"),
                     ("topic-contract", "Contract"), ("topic-testing", "Testing")]


def test_a_label_for_an_unknown_topic_fails_the_build(tmp_path) -> None:
    site = copy_site(tmp_path)
    config = site / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    config.write_text(text.replace("bills: ", "bils: "), encoding="utf-8")
    output = failed_build(site, tmp_path / "out")
    line = text.splitlines().index(next(x for x in text.splitlines() if "bills: " in x)) + 1
    assert f"mkdocs.yml:{line}: topics: unknown topic 'bils'; did you mean 'bills'?" in output
    assert "[unknown-topic]" in output


def test_cards_show_verdict_text_outcome_corrections_and_report_link(soups) -> None:
    soup = soups["claims/"]
    card = soup.find(id="claim-reservoir-coverage")
    assert card.select_one(".fk-verdict").get_text(strip=True).endswith("Inaccurate")
    assert "every home" in card.select_one(".fk-review q").get_text()
    assert "Contradicts" in card.select_one(".fk-stance").get_text()
    assert "21 November 2026" in card.select_one(".fk-corrections").get_text()
    report = card.select_one(".fk-report a")["href"]
    assert report == ("https://github.com/example/water-facts/issues/new?template=report-error.yml"
                      "&title=Error%20in%20claim%3A%20reservoir-coverage&claim=reservoir-coverage"
                      "&page=https%3A%2F%2Fwater.example.org%2Fclaims%2F%23claim-reservoir-coverage")
    outcome = soup.find(id="claim-tariff-review").select_one(".fk-outcome")
    assert "3 per cent" in outcome.get_text()


def test_card_evidence_is_folded_under_a_summary_that_counts_it(soups, facts) -> None:
    """Verdict, wording and explanation stay visible; the evidence list sits in a closed <details>."""
    cards = 0
    for url in ("claims/", "fact-check/", ""):
        for card in soups[url].select(".fk-card"):
            claim = facts.claims[card["data-claim"]]
            folded = card.select("details.fk-evidence-block")
            assert len(folded) == 1 and not folded[0].has_attr("open"), (url, claim.id)
            details = folded[0]
            assert details.find("summary") is details.contents[0]
            assert len(details.select(".fk-evidence > li")) == len(claim.citations)
            assert not details.select(".fk-verdict, .fk-review, .fk-card-text")
            if claim.review:
                assert card.select_one(".fk-card-head .fk-verdict") and card.select_one("dl.fk-review q")
            cards += 1
    assert cards >= 10
    summaries = {c["data-claim"]: c.select_one("summary.fk-evidence-summary").get_text()
                 for c in soups["claims/"].select(".fk-card")}
    assert summaries["reservoir-coverage"] == "Evidence: 1 source (1 contradicts)"
    assert summaries["reservoir-opened"] == "Evidence: 2 sources (1 gives context)"
    assert summaries["deal-signed"] == "Evidence: 1 source"


def test_evidence_dates_are_apart_from_the_quotes(soups, facts) -> None:
    """'Publisher, “Title” (date)' then the quote as its own element: the date never runs into the quote."""
    items = soups["claims/"].select(".fk-evidence > li")
    assert len(items) >= 8
    for li in items:
        date = li.select_one(".fk-ev-date")
        text = date.get_text()
        assert text.startswith("(") and text.endswith(")") and len(text) > 2, text
        quote = li.select_one("q.fk-ev-quote")
        if quote is not None:
            assert date not in quote.parents and quote not in date.parents
            assert not quote.get_text().startswith(text[1:-1])
    undated = [li for li in items if li.select_one(".fk-ev-date .fk-nodate")]
    assert all(li.select_one(".fk-ev-date").get_text() == "(date unknown)" for li in undated)
    reader = (REPO / "factkit" / "assets" / "reader.css").read_text(encoding="utf-8")
    assert ".fk-evidence li > time" not in reader, "the CSS workaround for run-in dates is gone"


def test_without_a_repository_every_card_links_to_the_reporting_section(tmp_path) -> None:
    site = copy_site(tmp_path)
    config = site / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    assert 'repo: "https://github.com/example/water-facts"' in text
    config.write_text(text.replace('repo: "https://github.com/example/water-facts"', 'repo: ""'), encoding="utf-8")
    result = build(site, tmp_path / "out")
    assert result.returncode == 0, result.stderr
    built = pages(tmp_path / "out")
    cards = 0
    for url, soup in built.items():
        assert "github.com" not in str(soup.select_one("article")), url
        for card in soup.select(".fk-card"):
            cards += 1
            link = card.select_one(".fk-report a")
            assert link is not None, (url, card["data-claim"])
            assert card["data-claim"] in link.get_text(), (url, card["data-claim"])
            page, fragment = resolve(url, link["href"])
            assert (page, fragment) == ("contributing/", "report-an-error")
            assert built[page].find(id=fragment) is not None
    assert cards >= 7


def test_computed_values_and_entities(soups) -> None:
    text = soups[""].select_one("article").get_text(" ", strip=True)
    for expected in ("signed 14 March 2021", "30 years", "runs to 2051", "every 10 years", "opened July 2019",
                     "(2019)", "20 months", "622 days", "checks 7 claims against 5 sources about 3 entities",
                     "2 are accurate"):
        assert expected in " ".join(text.split()), expected
    ent = soups["entities/"].find(id="entity-supply-agreement")
    assert "2051" in ent.select_one(".fk-terms").get_text()
    assert ent.select('.fk-about a[href$="#claim-deal-signed"]')


def test_entity_cards_list_their_claims_compactly(built, soups, facts) -> None:
    """Under each entity: every claim about it as text + verdict badge linking to its card, no cards, no previews;
    the list does not count as showing the claims (the completeness check relies on the full cards)."""
    soup = soups["entities/"]
    for entity in facts.entities.values():
        about = facts.claims_by_entity.get(entity.id, [])
        card = soup.find(id=f"entity-{entity.id}")
        lines = card.select(".fk-about .fk-claim-lines > li")
        assert len(lines) == len(about), entity.id
        for li, claim in zip(lines, about, strict=True):
            assert li.select_one(".fk-claim-text").get_text() == plain_text(claim.text)
            link = li.select_one("a.fk-claim-go")
            assert resolve("entities/", link["href"]) == ("claims/", f"claim-{claim.id}")
            badge = link.select_one(".fk-verdict")
            if claim.review:
                assert badge.get_text(strip=True).endswith(VERDICTS[claim.review.verdict].label)
            else:
                assert badge is None and link.get_text() == "evidence"
    assert not soup.select(".fk-about .fk-cite, .fk-about .fk-tip, .fk-about .fk-card, .fk-about .fk-evidence")
    data = json.loads((built / "data" / "facts.json").read_text(encoding="utf-8"))
    assert all(p["page"] != "entities/" for c in data["claims"] for p in c["appears"])


def test_sources_page_back_links_and_details(soups) -> None:
    src = soups["sources/"].find(id="source-forum-post")
    text = src.get_text(" ", strip=True)
    assert "Anonymous community forum post." in text and "c. 2015" in text and "German" in text
    backs = [a["href"] for a in src.select(".fk-cited-by a")]
    assert backs == ["../claims/#claim-bills-rumour"]


def test_search_finds_each_record_by_its_own_entry(built, facts) -> None:
    """One entry per claim, source and entity, at its card; the pages that list them are searched by their prose
    and headings only (a card's text is found once, at the card, not inside its whole section again)."""
    index = json.loads((built / "search" / "search_index.json").read_text(encoding="utf-8"))
    docs = index["docs"]
    located = [d["location"] for d in docs]
    assert len(located) == len(set(located))
    assert {f"claims/#claim-{cid}" for cid in facts.claims} <= set(located)
    assert {f"entities/#entity-{eid}" for eid in facts.entities} <= set(located)
    entry = {d["location"]: d for d in docs}
    for sid, source in facts.sources.items():
        found = entry[f"sources/#source-{sid}"]
        assert html.escape(facts.publisher_name(source), quote=False) in found["title"], sid
        assert all(html.escape(e.text, quote=False) in found["text"] for e in source.excerpts), sid
    listing = [d for d in docs if d["location"].split("#")[0] in ("claims/", "sources/", "entities/")
               and not re.search(r"#(claim|source|entity)-", d["location"])]
    assert {"claims/#topic-reservoir", "sources/", "entities/"} <= {d["location"] for d in listing}  # headings
    cards = [c.text for c in facts.claims.values()] + [e.text for s in facts.sources.values() for e in s.excerpts]
    assert not any(text in d["text"] for d in listing for text in cards), "a card is searched in its section too"
    furniture = ("Cite this claim", "Report an error in this claim", "Read it in the source", "Evidence: ")
    noisy = [d["location"] for d in docs if "sources-on-this-page" in d["location"]
             or any(words in d["text"] for words in furniture)]
    assert not noisy, f"citation previews, evidence, 'cite this' or a page's sources are searched: {noisy}"
    searched = " ".join(d["text"] for d in docs)
    wordings = [c.review.wording for c in facts.claims.values() if c.review]
    assert wordings and all(html.escape(w, quote=False) in searched for w in wordings), "a checked wording is not found"


def test_what_search_skips_is_cut_at_its_own_closing_tag() -> None:
    """factkit's elements marked data-search-exclude leave the searched text whole, whatever they hold (an inline
    explanation is spans in a span); a page author's marked element is left to Material."""
    from factkit.searchdocs import unsearched

    page = ('<p>Before <span class="fk-tip fk-why" data-search-exclude><span class="fk-a">✓ Accurate</span> '
            '<span class="fk-b">wording <span>nested</span></span></span> after '
            '<sup class="fk-cites" data-search-exclude>[1]</sup>.</p>'
            '<details class="fk-cite-this" data-search-exclude><details><summary>x</summary></details></details>'
            '<div data-search-exclude>the author\'s</div><ol class="fk-evidence" data-search-exclude><li>never')
    assert unsearched(page) == '<p>Before  after .</p><div data-search-exclude>the author\'s</div>'


def test_review_page_lists_statements_in_order(soups, facts) -> None:
    soup = soups["fact-check/"]
    refs = [el.get_text() for el in soup.select(".fk-statement .fk-ref")]
    assert refs == [f"Paragraph {st.ref[1:].split('.s')[0]}, sentence {st.ref.split('.s')[1]}"
                    for st in facts.review.statements]
    assert not any(st.ref in soup.select_one(".fk-statements").get_text() for st in facts.review.statements)
    assert "Not checked" in soup.select(".fk-statement")[-1].get_text()


def test_review_page_shows_each_claim_in_full_once(soups, facts) -> None:
    soup = soups["fact-check/"]
    cards = [card["data-claim"] for card in soup.select(".fk-statement .fk-card")]
    mapped = [cid for st in facts.review.statements for cid in st.claims]
    assert sorted(cards) == sorted(set(mapped)) and len(mapped) > len(cards)
    later = soup.find(id="statement-p2-s2")
    assert not later.select(".fk-card")
    seen = later.select(".fk-seen")
    assert [p["data-claim"] for p in seen] == ["bills-halve", "reservoir-coverage"]
    for p in seen:
        link = p.select_one("a.fk-claim-ref")
        claim = facts.claims[p["data-claim"]]
        assert link.get_text() == plain_text(claim.text)
        target = soup.find(id=link["href"].removeprefix("#"))
        assert "fk-card" in target["class"] and target["data-claim"] == claim.id
        assert p.select_one(".fk-verdict").get_text(strip=True).endswith(VERDICTS[claim.review.verdict].label)


def test_claim_links_list_claims_with_badges_linking_to_their_cards(soups, facts) -> None:
    soup = soups["fact-check/"]
    lists = soup.select("ul.fk-claim-links")
    assert [[li["data-claim"] for li in ul.select("li")] for ul in lists] == [
        ["bills-halve", "reservoir-coverage"], ["reservoir-opened", "reservoir-coverage"]]
    for li in lists[0].select("li"):
        claim = facts.claims[li["data-claim"]]
        link = li.select_one("a.fk-claim-ref")
        assert link.get_text() == plain_text(claim.text)
        assert resolve("fact-check/", link["href"]) == ("claims/", f"claim-{claim.id}")
        assert li.select_one(".fk-verdict").get_text(strip=True).endswith(VERDICTS[claim.review.verdict].label)
    assert not soup.select("ul.fk-claim-links .fk-card, ul.fk-claim-links [id]")


def test_claim_links_with_an_unknown_verdict_fails_the_build(tmp_path) -> None:
    site = copy_site(tmp_path)
    (site / "docs" / "oops.md").write_text('# Oops\n\n{{ claim_links(verdict="misleadng") }}\n', encoding="utf-8")
    output = failed_build(site, tmp_path / "out")
    assert ("docs/oops.md:3: claim_links(verdict='misleadng'): unknown verdict 'misleadng'; "
            "did you mean 'misleading'? [unknown-verdict]") in output


def test_coverage_and_corrections(soups) -> None:
    cov = soups["coverage/"].select_one("article").get_text(" ", strip=True)
    assert "Claims cited only to flagged sources (1)" in cov
    log = [a.get_text() for a in soups["corrections/"].select(".fk-corrections-log .fk-claim-ref")]
    assert len(log) == 2 and log[0].startswith("Templates")  # newest first


# ---- safety ----------------------------------------------------------------------------------


def test_fact_text_is_data_not_template_or_html(soups) -> None:
    text = soups[""].select_one('[data-claim="tricky-text"]').get_text()
    assert "{{ 7*7 }}" in text and "{% if x %}" in text and "{% raw %}" in text
    log = soups["corrections/"].select_one(".fk-corrections-log").get_text()
    assert "{{ 7*7 }} and {% if %} must show literally." in log
    card = soups["claims/"].find(id="claim-tricky-text")
    assert "<script>alert(1)</script> {{ 7*7 }}" in card.select_one(".fk-locator").get_text()
    assert "<img src=x onerror=alert(1)>" in card.select_one(".fk-evidence q").get_text()
    tip = soups[""].select_one('[data-claim="tricky-text"] .fk-tip-quote').get_text()
    assert tip == "<script>alert(1)</script> <img src=x onerror=alert(1)>"
    for url, soup in soups.items():
        for script in soup.select("article script"):
            assert script.get("type") == "application/ld+json", url
        for el in soup.select("article *"):
            assert not any(name.startswith("on") for name in el.attrs), (url, el)
            assert not el.get("href", "").lower().startswith("javascript:"), (url, el)
        # {{ 7*7 }} never evaluated: no "49" as a word (a commit id such as 7e42531e8849 may hold one)
        assert not re.search(r"\b49\b", soup.select_one("article").get_text()), url


def test_no_external_requests_from_pages(soups) -> None:
    for url, soup in soups.items():
        for el in soup.select("script[src], link[href], img[src]"):
            ref = el.get("src") or el.get("href")
            assert not ref.startswith(("http:", "https:", "//")) or ref.startswith(BASE), (url, ref)


# ---- machine-readable output ---------------------------------------------------------------


def _claim_reviews(soups) -> list[dict]:
    script = soups["fact-check/"].select_one('script[type="application/ld+json"]')
    return json.loads(script.string)["@graph"]


def test_claimreview_json_ld_fields(soups, facts) -> None:
    reviews = _claim_reviews(soups)
    reviewed = [c for c in facts.claims.values() if c.review]
    assert len(reviews) == len(reviewed)
    by_url = {r["url"]: r for r in reviews}
    for claim in reviewed:
        data = by_url[f"{BASE}claims/#claim-{claim.id}"]
        assert data["@type"] == "ClaimReview" and data["claimReviewed"] == claim.review.wording
        rating = data["reviewRating"]
        assert rating["@type"] == "Rating" and rating["alternateName"]
        if claim.review.verdict == "unverified":
            assert "ratingValue" not in rating
        else:
            assert rating["bestRating"] == 4 and rating["worstRating"] == 1 and 1 <= rating["ratingValue"] <= 4
        assert data["author"] == {"@type": "Organization", "name": "Eastbrook Fact Desk"}
        assert data["datePublished"] == "2026-11-22"
        item = data["itemReviewed"]
        assert item["author"]["name"] == "Eastbrook Gazette" and item["datePublished"] == "2025-09-02"
        assert item["appearance"]["url"] == "https://gazette.example.org/2025/water-new-era"
    assert by_url[f"{BASE}claims/#claim-reservoir-coverage"]["correction"][0]["@type"] == "CorrectionComment"


def test_claimreview_is_valid_json_ld(soups) -> None:
    def loader(url, options=None):
        if url.rstrip("/") not in ("https://schema.org", "http://schema.org"):
            raise AssertionError(f"no network: {url}")
        return {"contextUrl": None, "documentUrl": url, "document": {"@context": {"@vocab": "https://schema.org/"}}}

    script = soups["fact-check/"].select_one('script[type="application/ld+json"]')
    expanded = jsonld.expand(json.loads(script.string), {"documentLoader": loader})
    types = [node.get("@type") for node in expanded]
    assert types and all(t == ["https://schema.org/ClaimReview"] for t in types)
    rating = expanded[0]["https://schema.org/reviewRating"][0]
    assert rating["@type"] == ["https://schema.org/Rating"]


def test_export_is_complete(built, soups, facts) -> None:
    data = json.loads((built / "data" / "facts.json").read_text(encoding="utf-8"))
    assert {"claims", "sources", "entities"} <= set(data)
    assert len(data["claims"]) == len(facts.claims)
    assert len(data["sources"]) == len(facts.sources) and len(data["entities"]) == len(facts.entities)
    for claim in data["claims"]:
        page, _, anchor = claim["url"].partition("#")
        assert soups[page].find(id=anchor) is not None, claim["id"]
        assert any(p["page"] == page and p["anchor"] == anchor for p in claim["appears"])
    rows = (built / "data" / "claims.csv").read_text(encoding="utf-8").splitlines()
    assert len(rows) == len(facts.claims) + 1


def test_two_builds_are_byte_identical(built, tmp_path) -> None:
    again = tmp_path / "again"
    assert build(WATER, again).returncode == 0
    first = {p.relative_to(built): p.read_bytes() for p in built.rglob("*") if p.is_file()}
    second = {p.relative_to(again): p.read_bytes() for p in again.rglob("*") if p.is_file()}
    assert first.keys() == second.keys()
    assert [k for k in first if first[k] != second[k]] == []
    assert Path("sitemap.xml.gz") in first and Path("search/search_index.json") in first


# ---- failures --------------------------------------------------------------------------------


def test_unknown_claim_id_fails_naming_page_and_suggestion(tmp_path) -> None:
    site = copy_site(tmp_path)
    page = '---\ntitle: Oops\n---\n# Oops\n\n{% if true %}\n{{ claim("reservoir-opend") }}\n{% endif %}\n'
    (site / "docs" / "oops.md").write_text(page, encoding="utf-8")
    output = failed_build(site, tmp_path / "out")
    # the line in the file, front matter included, for a page Jinja renders
    assert ("docs/oops.md:7: claim('reservoir-opend'): unknown claim id 'reservoir-opend'; "
            "did you mean 'reservoir-opened'? [unknown-claim]") in output


def test_fact_error_fails_with_location_and_no_traceback(tmp_path) -> None:
    site = copy_site(tmp_path)
    path = site / "facts" / "claims.yml"
    path.write_text(path.read_text(encoding="utf-8").replace("    checked: 2026-11-20\n", "    checkd: 2026-11-20\n",
                                                            1), encoding="utf-8")
    output = failed_build(site, tmp_path / "out")
    assert "facts/claims.yml:" in output and "[unknown-field]" in output


def test_claim_on_no_page_fails_the_build(tmp_path) -> None:
    site = copy_site(tmp_path)
    (site / "docs" / "claims.md").unlink()
    config = site / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("  - Claims: claims.md\n", ""), encoding="utf-8")
    orphan = ("  - id: orphan-claim\n    text: Nobody shows this.\n    citations: [{source: council-minutes}]\n"
              "    topics: [orphan]\n    checked: 2026-11-20\n")
    with (site / "facts" / "claims.yml").open("a", encoding="utf-8") as fh:
        fh.write(orphan)
    output = failed_build(site, tmp_path / "out")
    assert "appear on no page" in output and "orphan-claim" in output and "bills-rumour" not in output


def test_build_report_recomputes_the_export_from_the_html_alone(built, tmp_path) -> None:
    """`factkit build-report` (for hosts that give no post-build hook) finds every claim's pages and anchors in
    the built HTML and writes the same open data as the plugin does."""
    site = tmp_path / "site"
    shutil.copytree(built, site)
    shutil.rmtree(site / "data")
    env = {**os.environ, "FACTKIT_TODAY": TODAY}
    run = subprocess.run([sys.executable, "-m", "factkit", "build-report", str(site)], cwd=WATER, env=env,
                         capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stderr
    assert (site / "data" / "facts.json").read_bytes() == (built / "data" / "facts.json").read_bytes()
    for page in site.rglob("*.html"):  # only the home page left: claims shown elsewhere are missing
        if page != site / "index.html":
            page.unlink()
    gone = subprocess.run([sys.executable, "-m", "factkit", "build-report", str(site)], cwd=WATER, env=env,
                          capture_output=True, text=True, timeout=120)
    assert gone.returncode == 1 and "appear on no page" in gone.stderr and "Traceback" not in gone.stderr


def test_a_site_without_the_factkit_plugin_fails_saying_what_to_add(tmp_path) -> None:
    """Without the plugin the pages would build with no factkit CSS, JS or templates: the build must fail
    instead, and say which line to add."""
    site = copy_site(tmp_path)
    config = site / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    start = text.index("  - factkit:")
    end = text.index("  - macros")
    config.write_text(text[:start] + text[end:].replace("  - macros", "  - macros:\n      module_name: shim", 1),
                      encoding="utf-8")
    (site / "shim.py").write_text("from factkit.hosts.macros import define_env  # noqa: F401\n", encoding="utf-8")
    output = failed_build(site, tmp_path / "out")
    assert "add the factkit plugin before macros" in output


def test_a_theme_other_than_material_fails_clearly(tmp_path) -> None:
    site = copy_site(tmp_path)
    config = site / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("name: material", "name: mkdocs", 1), encoding="utf-8")
    assert "the site needs the Material theme" in failed_build(site, tmp_path / "out")


def test_a_misspelled_plugin_setting_fails_with_a_suggestion(tmp_path) -> None:
    site = copy_site(tmp_path)
    config = site / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    config.write_text(text.replace("      repo:", "      facts_dr: facts\n      repo:", 1), encoding="utf-8")
    output = failed_build(site, tmp_path / "out")
    line = text.splitlines().index("      repo: \"https://github.com/example/water-facts\"") + 1
    assert (f"mkdocs.yml:{line}: unknown setting 'facts_dr' of the factkit plugin; did you mean 'facts_dir'? "
            "[bad-setting]") in output


# ---- published builds: the report channel, the address, the feed ----------------------------------------------


def test_every_page_links_the_corrections_feed_which_lists_every_correction(built: Path, soups) -> None:
    for url, soup in soups.items():
        link = soup.find("link", rel="alternate", type="application/atom+xml")
        assert link is not None, f"/{url}: no feed <link>"
        assert urljoin(BASE + url, link["href"]) == BASE + "corrections.xml"
    feed = (built / "corrections.xml").read_text(encoding="utf-8")
    assert feed.count("<entry>") == 2 and f"{BASE}claims/#claim-reservoir-coverage" in feed


def test_a_published_build_without_a_report_channel_fails(tmp_path: Path) -> None:
    site = copy_site(tmp_path)
    config = site / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace(
        '      repo: "https://github.com/example/water-facts"\n', ""), encoding="utf-8")
    output = failed_build(site, tmp_path / "out", FACTKIT_CI="1")
    assert "no report channel is configured, and a published site must let readers report errors" in output
    local = build(site, tmp_path / "out-local")
    assert local.returncode == 0 and "WARNING -  factkit: no report channel is configured" in local.stderr
    text = (tmp_path / "out-local" / "claims" / "index.html").read_text(encoding="utf-8")
    assert re.search(r'href="\.\./contributing/\?claim=[a-z0-9-]+#report-an-error"', text)


def test_a_bad_report_address_fails_at_its_line(tmp_path: Path) -> None:
    site, text = site_configured(tmp_path, '      repo: "https://github.com/example/water-facts"\n',
                                 "      report:\n        email: corrections\n")
    output = failed_build(site, tmp_path / "out")
    line = text[: text.index("email: corrections")].count("\n") + 1
    assert f"mkdocs.yml:{line}: report.email: 'corrections' is not an email address" in output


def test_in_github_actions_the_pages_address_replaces_a_local_site_url(tmp_path: Path) -> None:
    site = copy_site(tmp_path)
    config = site / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace(
        "site_url: https://water.example.org/", "site_url: http://127.0.0.1:8000/").replace(
        '      repo: "https://github.com/example/water-facts"\n', ""), encoding="utf-8")
    env = {"GITHUB_ACTIONS": "true", "GITHUB_SERVER_URL": "https://github.com", "GITHUB_REPOSITORY": "Town/water"}
    result = build(site, tmp_path / "out", **env)
    assert result.returncode == 0, result.stderr
    out = tmp_path / "out"
    published = "https://town.github.io/water/"
    soup = BeautifulSoup((out / "claims" / "index.html").read_text(encoding="utf-8"), "lxml")
    assert soup.find("link", rel="canonical")["href"] == published + "claims/"
    assert soup.find("meta", property="og:url")["content"] == published + "claims/"
    report = soup.select_one(".fk-report a")["href"]
    assert report.startswith("https://github.com/Town/water/issues/new?template=report-error.yml&")
    sitemap = (out / "sitemap.xml").read_text(encoding="utf-8")
    assert published + "claims/" in sitemap and "127.0.0.1" not in sitemap
    assert not [p for p in out.rglob("*.html") if "127.0.0.1:8000" in p.read_text(encoding="utf-8")]
    local = build(site, tmp_path / "out-local")
    assert "WARNING -  factkit: site_url is the local address http://127.0.0.1:8000/" in local.stderr
    assert failed_build(site, tmp_path / "out-ci", FACTKIT_CI="1").count("site_url is the local address") == 1


def test_each_build_in_one_process_dates_the_sitemap_from_its_own_facts(tmp_path) -> None:
    """As under `mkdocs serve`: the sitemap's date follows the facts of each build, not the first build's."""
    site = copy_site(tmp_path)
    script = textwrap.dedent(f"""
        import logging, re, pathlib
        from mkdocs.commands.build import build
        from mkdocs.config import load_config
        logging.disable(logging.CRITICAL)
        site = pathlib.Path({str(site)!r})
        dates = []
        for day in ("2026-11-20", "2026-11-25"):
            claims = site / "facts" / "claims.yml"
            claims.write_text(re.sub(r"checked: 2026-11-2[05]", "checked: " + day, claims.read_text()))
            build(load_config(str(site / "mkdocs.yml"), site_dir=str(site / "out")))
            sitemap = (site / "out" / "sitemap.xml").read_text()
            dates.append(sorted(set(re.findall(r"<lastmod>(.*?)</lastmod>", sitemap))))
        print(dates)
    """)
    env = {k: v for k, v in os.environ.items() if k not in CI_VARIABLES and k != "SOURCE_DATE_EPOCH"}
    run = subprocess.run([sys.executable, "-c", script], cwd=site, capture_output=True, text=True, timeout=300,
                         env={**env, "FACTKIT_TODAY": TODAY, "NO_MKDOCS_2_WARNING": "1"})
    assert run.returncode == 0, run.stderr
    first, second = eval(run.stdout.strip().splitlines()[-1])
    assert first != second and second == ["2026-11-25"], (first, second)


def test_a_large_site_splits_its_claims_and_sources_over_pages(tmp_path: Path) -> None:
    """claims_index(topic=...) and sources_list(publisher=...) pages are the homes of their part of the list; the calls
    without it list the rest; every permalink, preview link and search entry leads to the record's own page."""
    site = tmp_path / "split"
    shutil.copytree(WATER, site)
    docs = site / "docs"
    (docs / "claims-bills.md").write_text("# Bills\n\n{{ claims_index(topic='bills') }}\n", encoding="utf-8")
    (docs / "sources-official.md").write_text(
        "# The water company\n\n{{ sources_list(publisher='riverside-water-co') }}\n", encoding="utf-8")
    config = site / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace(
        "  - Sources: sources.md\n", "  - Sources: sources.md\n  - Bills: claims-bills.md\n"
                                     "  - Official sources: sources-official.md\n"), encoding="utf-8")
    out = tmp_path / "out"
    result = build(site, out)
    assert result.returncode == 0, result.stdout + result.stderr
    facts, _ = factkit.check(site / "facts", base_dir=site, on=factkit.today(TODAY))
    bills = {c.id for c in facts.claims.values() if c.topics[:1] == ["bills"]}
    official = {s.id for s in facts.sources.values() if s.publisher == "riverside-water-co"}
    assert bills and official and len(bills) < len(facts.claims) and len(official) < len(facts.sources)
    html = {p: (out / p / "index.html").read_text(encoding="utf-8")
            for p in ("claims", "claims-bills", "sources", "sources-official", "")}
    homes = {cid: [p for p, text in html.items() if f'id="claim-{cid}"' in text] for cid in facts.claims}
    assert all(homes[cid] == (["claims-bills"] if cid in bills else ["claims"]) for cid in facts.claims), homes
    sources = {sid: [p for p, text in html.items() if f'id="source-{sid}"' in text] for sid in facts.sources}
    assert all(sources[sid] == (["sources-official"] if sid in official else ["sources"]) for sid in facts.sources)
    pages = "".join(html.values())
    for cid in bills:
        assert f'claims/#claim-{cid}"' not in pages and f'claims-bills/#claim-{cid}"' in pages
    for sid in official:
        assert f'sources/#source-{sid}"' not in pages and f'sources-official/#source-{sid}"' in pages
    index = json.loads((out / "search" / "search_index.json").read_text(encoding="utf-8"))
    located = {d["location"] for d in index["docs"]}
    assert all(f"claims-bills/#claim-{cid}" in located for cid in bills)


TWO_BUILDS = """
import sys
from pathlib import Path
from mkdocs.commands.build import build
from mkdocs.config import load_config
partial = Path("overrides/partials/copyright.html")
for marker in sys.argv[1:]:
    partial.write_text("<small>" + marker + "</small>", encoding="utf-8")
    config = load_config("mkdocs.yml")
    config.plugins.on_startup(command="serve", dirty=False)
    build(config)
    print(marker, marker in Path("site/index.html").read_text(encoding="utf-8"))
"""


def test_a_template_edited_between_two_builds_in_one_process_is_used_by_the_second(tmp_path: Path) -> None:
    """Theme templates are compiled once per process (``mkdocs serve`` rebuilds in one): a template saved between
    two builds must be compiled again, not taken from what the first build compiled."""
    site = copy_site(tmp_path)
    config = site / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("  name: material\n",
                                                                 "  name: material\n  custom_dir: overrides\n"),
                      encoding="utf-8")
    (site / "overrides" / "partials").mkdir(parents=True)
    env = {k: v for k, v in os.environ.items() if k not in CI_VARIABLES}
    env |= {"FACTKIT_TODAY": TODAY, "PYTHONPATH": str(REPO), "NO_MKDOCS_2_WARNING": "1"}
    result = subprocess.run([sys.executable, "-c", TWO_BUILDS, "first-footer", "second-footer"], cwd=site,
                            env=env, capture_output=True, text=True, timeout=120)
    assert result.stdout.split() == ["first-footer", "True", "second-footer", "True"], result.stderr


def test_a_misspelled_macro_name_fails_at_its_line_and_what_a_page_sets_itself_does_not(tmp_path) -> None:
    """An unknown name in a page (a misspelled macro) is the page author's error at its line, with a suggestion,
    not mkdocs-macros' traceback; names the page sets ({% set %}, {% for %}), its front matter and Jinja's own
    are known, and a page mkdocs-macros does not render is not checked."""
    site = copy_site(tmp_path)
    (site / "docs" / "oops.md").write_text(
        "---\nnote: hello\n---\n# Oops\n\n{% set n = claim_count() %}{% for i in range(2) %}{{ loop.index }}"
        "{% endfor %} {{ n }} {{ note }} {{ page.title }}\n\nWe hold {{ clam_count() }} claims.\n", encoding="utf-8")
    (site / "docs" / "raw.md").write_text("---\nrender_macros: false\n---\n# Raw\n\nWrite {{ anything }}.\n",
                                          encoding="utf-8")
    output = failed_build(site, tmp_path / "out")
    assert ("docs/oops.md:8: 'clam_count' is not a macro or variable of this site; did you mean 'claim_count'? "
            "[unknown-macro]") in output
    assert output.count("[unknown-macro]") == 1
    (site / "docs" / "oops.md").write_text("# Oops\n\n{% set n = claim_count() %}{{ n }} claims.\n",
                                           encoding="utf-8")
    result = build(site, tmp_path / "out2")
    assert result.returncode == 0, result.stdout + result.stderr


def test_a_macro_without_brackets_and_an_expression_that_fails_are_errors_at_their_lines(tmp_path) -> None:
    """``{{ claim_count }}`` would publish '<function claim_count at 0x…>'; ``{{ claim_count.text }}`` or
    ``{{ claim_count() + "x" }}`` made mkdocs-macros print a traceback with no page line: each is the page author's
    error at its line (front matter counted), with no traceback, and what the page sets itself is left alone."""
    site = copy_site(tmp_path)
    (site / "docs" / "oops.md").write_text(
        "---\ntitle: Oops\n---\n# Oops\n\n{% set total = claim_count %}{{ total() }} and {{ title }}.\n\n"
        "We hold {{ claim_count }} claims.\n\nIts text: {{ claim_count.text }}.\n\n{{ claim_count() + 'x' }}\n",
        encoding="utf-8")
    output = failed_build(site, tmp_path / "out")
    assert ("docs/oops.md:8: 'claim_count' is a macro written without its brackets, so the page would show "
            "'<function claim_count>'; call it: {{ claim_count() }} [macro-not-called]") in output
    assert "docs/oops.md:10: the page's macros failed here (UndefinedError: " in output
    assert output.count("[macro-not-called]") == 1 and output.count("[template-error]") == 1
    assert "Traceback" not in output and "<function" not in output.replace("'<function claim_count>'", "")
    (site / "docs" / "oops.md").write_text("# Oops\n\n{{ claim_count() + 'x' }}\n", encoding="utf-8")
    output = failed_build(site, tmp_path / "out2")
    assert "docs/oops.md:3: the page's macros failed here (TypeError: " in output and "[template-error]" in output
    assert "Traceback" not in output


def test_a_misspelled_front_matter_key_fails_at_its_line_and_a_pages_own_key_does_not(tmp_path) -> None:
    """'descripton:' would drop the page's description silently; 'budget_year:' is the page's own variable."""
    site = copy_site(tmp_path)
    (site / "docs" / "oops.md").write_text("---\ntitle: Oops\nbudget_year: 2026\ndescripton: A page.\n---\n"
                                           "# Oops\n\nThe {{ budget_year }} budget.\n", encoding="utf-8")
    output = failed_build(site, tmp_path / "out")
    assert ("docs/oops.md:4: the front matter's 'descripton' is read by nothing; did you mean 'description'? "
            "[unknown-front-matter]") in output
    assert output.count("[unknown-front-matter]") == 1


def test_the_settings_errors_come_in_the_files_order(tmp_path) -> None:
    site, _ = site_configured(tmp_path, "  - factkit:\n", "  - factkit:\n      about: {fundng: x}\n"
                              "      report: {isues: 'https://github.com/a/b'}\n")
    output = failed_build(site, tmp_path / "out")
    found = re.findall(r"^mkdocs\.yml:(\d+): (\S+)", output, re.MULTILINE)
    assert [name for _, name in found] == ["about.fundng:", "report.isues:"], output
    assert [int(line) for line, _ in found] == sorted(int(line) for line, _ in found)
    assert "did you mean 'issues'?" in output


def test_a_factkit_setting_of_the_wrong_kind_says_what_it_must_be(tmp_path) -> None:
    site = copy_site(tmp_path)
    config = site / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    config.write_text(text.replace('      topics: {reservoir: "The reservoir", bills: "Water bills & tariffs"}\n',
                                   "      topics: [reservoir, bills]\n"), encoding="utf-8")
    output = failed_build(site, tmp_path / "out")
    assert "option 'topics': must be a mapping (indented 'key: value' lines), not a list" in output
    assert "<class" not in output


def test_a_bad_factkit_today_fails_the_build_with_a_message_not_a_traceback(tmp_path) -> None:
    output = failed_build(copy_site(tmp_path), tmp_path / "out", FACTKIT_TODAY="2026-13-01")
    assert "FACTKIT_TODAY is '2026-13-01', which is not a day" in output and "YYYY-MM-DD" in output


def test_the_theme_listing_leaves_out_dot_folders_and_mkdocs_copies_the_same_theme_files(tmp_path: Path) -> None:
    """The adapter lists the theme without its dot folders (Material's 14,356 icons): MkDocs must pick the same
    static files to copy from Material as with its own loader, and a template in a dot folder still loads."""
    from jinja2 import Environment
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import Files
    from mkdocs.theme import Theme

    from factkit.hosts.mkdocs import _listing_less

    (tmp_path / "docs").mkdir()
    (tmp_path / "mkdocs.yml").write_text("site_name: t\n", encoding="utf-8")
    config = MkDocsConfig(config_file_path=str(tmp_path / "mkdocs.yml"))
    config.load_dict({"site_name": "t", "docs_dir": str(tmp_path / "docs"), "site_dir": str(tmp_path / "site")})
    assert config.validate() == ([], [])
    theme = Theme("material")
    config.theme = theme
    plain_env = theme.get_env()
    _listing_less(theme)
    env = theme.get_env()
    assert type(env.loader).__name__ == "_ThemeLoader"
    listed = env.list_templates()
    assert len(listed) < len(plain_env.list_templates()) / 10  # the icons are not listed
    assert not any(part.startswith(".") for name in listed for part in name.split("/")[:-1])
    assert "<svg" in env.get_template(".icons/material/home.svg").render()

    def copied(environment: Environment) -> list[str]:
        files = Files([])
        files.add_files_from_theme(environment, config)
        return sorted(f.src_uri for f in files)

    assert copied(env) == copied(plain_env)
    assert any(name.startswith("assets/stylesheets/main.") for name in copied(env))
