"""The fact checks. Each rule has a stable code, documented in RULES for editors."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from .editorial import check_records
from .model import (
    VERDICTS,
    ArticleReview,
    Citation,
    Claim,
    Entity,
    Publisher,
    Record,
    Source,
    Terms,
    Translations,
    relay_id,
)
from .problems import Problem, shorten
from .store import FactBase

if TYPE_CHECKING:
    from collections.abc import Mapping

QUOTE_WORD_LIMIT = 30

RULES: dict[str, str] = {
    # loading
    "yaml-syntax": "The file is not valid YAML.",
    "yaml-anchor": "Anchors and aliases (&a, *a) are not allowed.",
    "yaml-tag": "Custom YAML tags (!!python/…, !x) are not allowed.",
    "yaml-key": "Keys must be plain text.",
    "yaml-depth": "Nesting is deeper than fact files need.",
    "yaml-tab": "Tabs are used for indentation.",
    "yaml-bom": "The file starts with a byte-order mark.",
    "not-utf8": "The file is not UTF-8 text.",
    "file-too-large": "The file is over the size limit.",
    "empty-file": "The file holds no records.",
    "outside-facts": "A linked file points outside facts/.",
    "not-a-file": "Something under facts/ is not a regular file (a pipe, a link loop, a linked folder).",
    "unreadable": "A fact file cannot be read (permissions).",
    "no-facts": "The facts folder is missing.",
    "duplicate-key": "A key appears twice in one mapping.",
    "unknown-field": "A field name is not part of the format (typo?).",
    "missing-field": "A required field is missing.",
    "wrong-type": "A field has the wrong type (text, number, list, mapping).",
    "bad-value": "A field's value is not one of those allowed.",
    "bad-id": "An id is not lowercase letters, digits and hyphens.",
    "too-long": "A text is over its length limit.",
    "empty": "A text or list is empty.",
    "invalid": "A field fails validation.",
    # rule 1-2: citations and references
    "no-citation": "A claim has no citation.",
    "unknown-source": "A citation names a source id that does not exist.",
    "unknown-entity": "A claim names an entity id that does not exist.",
    "unknown-claim": "A reference names a claim id that does not exist.",
    "duplicate-id": "An id is used twice across the fact files.",
    "duplicate-review": "More than one article review is defined.",
    "unknown-publisher": "A source names a publisher id (publisher or relays) that does not exist.",
    "relays-self": "A source says it relays its own publisher.",
    "article-kind": "The review's article is not a source of kind reviewed-article, or another source is.",
    "kind-field": "An entity has a field its kind does not take (roles: people and organisations; terms: agreements).",
    # rule 3: links and text
    "bad-url": "A link (url, archive_url, or a Markdown link in any text) is not an absolute http(s) address.",
    "missing-url": "A source has neither url nor url_unavailable, or both.",
    "raw-html": "Text that is rendered (claims, outcomes, explanations, notes) contains raw HTML; Markdown only.",
    # rule 4: dates
    "bad-date": "A date is not a real date in the supported EDTF subset.",
    "accessed-before-published": "A source was accessed before it was published.",
    "future-date": "A date is after today.",
    "period-order": "A period ends before it starts.",
    "after-source": "A claim that had occurred is dated after a source that reports it.",
    "terms-mismatch": "An agreement's signed year + term does not equal its expiry.",
    "corrections-order": "A claim's corrections are not in date order (newest last).",
    # languages and excerpts
    "bad-language": "A source's language is not an ISO 639-1 code.",
    "missing-says": "An excerpt of a non-English source has no English paraphrase (says).",
    # rule 5: stale future tense
    "stale-scheduled": "A scheduled event's date has passed and no outcome is recorded.",
    "scheduled-undated": "A scheduled claim has no date.",
    # rule 6: quotes
    "quote-not-found": "A quote does not occur in its source's recorded excerpts.",
    # rule 7: verdicts
    "bad-verdict": "A verdict is not on the scale.",
    "accurate-unsupported": "An 'accurate' verdict rests only on the article or on flagged sources.",
    "no-review": "A claim has a verdict but no article review is defined.",
    "wording-not-in-article": "A verdict's checked wording is not in the reviewed article's recorded excerpts.",
    "unmapped-statement": "An article statement maps to no claim and gives no reason.",
    "review-not-mapped": "A claim with a verdict is not mapped from any article statement.",
    "statement-order": "Article statements are not in order (p1.s1, p1.s2, p2.s1 …), or a ref is repeated.",
    "long-starts": "A statement's 'starts' is more than its first three words.",

    # rule 8: text for readers (factkit.editorial)
    "internal-id": "Reader-facing text shows an internal id (a source-list id like S080, a statement ref like p4.s2).",
    "editor-note": "Reader-facing text holds a note to self ('seed', 'DISAGREES', 'NOT found', TODO).",
    # rule 9: warnings
    "unused-source": "A source no claim cites (warning).",
    "unused-publisher": "A publisher no source names (warning).",
    "long-quote": "A quote or excerpt is over the short-excerpt limit (warning).",
    # translations (factkit.i18n)
    "stale-translation": "A translation was made from an older English text (its from: hash differs) (warning).",
    "translation-extra": "A translation gives a text the English record does not have.",
    "duplicate-translation": "A record is translated twice into the same language.",
    "unknown-topic": "A translated topic label names a topic no claim uses.",
    "unknown-review": "A translation of the review, but no review is defined.",
}
WARNINGS = {"unused-source", "unused-publisher", "long-quote", "stale-translation"}
STARTS_WORD_LIMIT = 3
# ISO 639-1: the two-letter language codes
LANGUAGES = frozenset((
    "aa", "ab", "ae", "af", "ak", "am", "an", "ar", "as", "av", "ay", "az", "ba", "be", "bg", "bh", "bi", "bm", "bn",
    "bo", "br", "bs", "ca", "ce", "ch", "co", "cr", "cs", "cu", "cv", "cy", "da", "de", "dv", "dz", "ee", "el", "en",
    "eo", "es", "et", "eu", "fa", "ff", "fi", "fj", "fo", "fr", "fy", "ga", "gd", "gl", "gn", "gu", "gv", "ha", "he",
    "hi", "ho", "hr", "ht", "hu", "hy", "hz", "ia", "id", "ie", "ig", "ii", "ik", "io", "is", "it", "iu", "ja", "jv",
    "ka", "kg", "ki", "kj", "kk", "kl", "km", "kn", "ko", "kr", "ks", "ku", "kv", "kw", "ky", "la", "lb", "lg", "li",
    "ln", "lo", "lt", "lu", "lv", "mg", "mh", "mi", "mk", "ml", "mn", "mr", "ms", "mt", "my", "na", "nb", "nd", "ne",
    "ng", "nl", "nn", "no", "nr", "nv", "ny", "oc", "oj", "om", "or", "os", "pa", "pi", "pl", "ps", "pt", "qu", "rm",
    "rn", "ro", "ru", "rw", "sa", "sc", "sd", "se", "sg", "si", "sk", "sl", "sm", "sn", "so", "sq", "sr", "ss", "st",
    "su", "sv", "sw", "ta", "te", "tg", "th", "ti", "tk", "tl", "tn", "to", "tr", "ts", "tt", "tw", "ty", "ug", "uk",
    "ur", "uz", "ve", "vi", "vo", "wa", "wo", "xh", "yi", "yo", "za", "zh", "zu",
))
ROLE_KINDS = ("person", "organisation")
_ADDRESS_FIELDS = frozenset({"url", "archive_url"})  # checked as addresses, not as text with links

_QUOTES = str.maketrans({"‘": "'", "’": "'", "‚": "'", "‛": "'", "′": "'",
                         "“": '"', "”": '"', "„": '"', "‟": '"', "″": '"', "«": '"', "»": '"'})
_SPACE = re.compile(r"\s+")
_ODD_SPACE = re.compile(r"\s\s|[^\S ]")  # a run of spaces, or a space that is not ' '
_URL_BAD_CHAR = re.compile(r"[\s\x00-\x1f\x7f]")  # whitespace (any script) or a control character
_HTML = re.compile(r"<[A-Za-z!/?]")  # an HTML tag, comment, declaration or autolink starts like this
# a Markdown link's target: the address (with balanced parentheses, as CommonMark allows), an optional title, and
# the closing parenthesis, which a space inside the address leaves unmatched (Markdown then shows the text as typed)
_MD_LINK = re.compile(r"\]\(\s*<?([^\s<>()]*(?:\([^\s()]*\)[^\s<>()]*)*)>?"
                      r"(?:\s+(?:\"[^\"]*\"|'[^']*'|\([^)]*\)))?\s*(\))?")
_MD_REF = re.compile(r"^ {0,3}\[[^\]]+\]:\s*<?([^\s>]*)", re.MULTILINE)  # [label]: url


def normalise(text: str) -> str:
    """Text for quote matching: straight quotes, single spaces."""
    if not text.isascii():  # curly quotes are not ASCII: most quotes need no translation
        text = text.translate(_QUOTES)
    if _ODD_SPACE.search(text):
        text = _SPACE.sub(" ", text)
    return text.strip()


def is_http_url(url: str) -> bool:
    """An absolute http:// or https:// address with a host (the only links fact files may hold)."""
    if _URL_BAD_CHAR.search(url):
        return False
    try:
        parts = urlsplit(url)
        host = parts.hostname
    except ValueError:  # e.g. an unbalanced '[' in the host
        return False
    return parts.scheme in ("http", "https") and bool(host)


class Checker:
    """Runs every rule over a fact base; collects problems."""

    def __init__(self, facts: FactBase, today: dt.date) -> None:
        self.facts = facts
        self.today = today
        self.problems: list[Problem] = []
        self._excerpts: dict[str, list[str]] = {}
        # ids of records the loader reported as invalid: a reference to one is not an unknown id
        self.dropped = facts.dropped

    def add(self, record: Record, field: str, code: str, message: str) -> None:
        severity = "warning" if code in WARNINGS else "error"
        self.problems.append(Problem(record.where[0], record.line_of(field), code, message, severity))

    def run(self) -> list[Problem]:
        for publisher in self.facts.publishers.values():
            self.check_publisher(publisher)
        for source in self.facts.sources.values():
            self.check_source(source)
        for entity in self.facts.entities.values():
            self.check_entity(entity)
        self.check_claims()
        self.check_review()
        self.check_unused_sources()
        self.check_unused_publishers()
        return self.problems  # (the rules each record answers alone ran as its file was read: record_problems)

    # ---- publishers ---------------------------------------------------------------------

    def check_publisher(self, publisher: Publisher) -> None:
        for name in ("notes", "reliability", "owner"):
            self.check_text(publisher, name, getattr(publisher, name), f"publisher '{publisher.id}'")

    def check_source_publisher(self, source: Source) -> None:
        if source.publisher not in self.facts.publishers and source.publisher not in self.dropped:
            self.add(source, "publisher", "unknown-publisher",
                     self._unknown("publisher", source.publisher, self.facts.publishers)
                     + " (a publisher is a record under publishers:)")
        relayed = relay_id(source.relays)
        if relayed is None:
            return
        if relayed == source.publisher:
            self.add(source, "relays", "relays-self",
                     f"source '{source.id}' relays its own publisher '{relayed}'; name the outlet whose report "
                     "it carries, or remove relays")
        elif relayed not in self.facts.publishers and relayed not in self.dropped:
            self.add(source, "relays", "unknown-publisher",
                     self._unknown("publisher", relayed, self.facts.publishers)
                     + " (relays takes a publisher id, or the outlet's name as text, e.g. 'Reuters')")

    def check_unused_publishers(self) -> None:
        if self.dropped:  # a source the loader rejected may be the one naming it
            return
        named = {s.publisher for s in self.facts.sources.values()}
        named |= {rid for s in self.facts.sources.values() if (rid := relay_id(s.relays))}
        for pid, publisher in self.facts.publishers.items():
            if pid not in named:
                self.add(publisher, "id", "unused-publisher",
                         f"publisher '{pid}' is not named by any source (publisher or relays); "
                         "name it from a source or remove it")

    # ---- entities -----------------------------------------------------------------------

    def check_entity(self, entity: Entity) -> None:
        self.check_text(entity, "description", entity.description, f"entity '{entity.id}'")
        if entity.roles and entity.kind not in ROLE_KINDS:
            self.add(entity, "roles", "kind-field",
                     f"entity '{entity.id}' is a {entity.kind}; only people and organisations have roles: "
                     "move them to the person, or change the kind")
        if entity.terms and entity.kind != "agreement":
            self.add(entity, "terms", "kind-field",
                     f"entity '{entity.id}' is a {entity.kind}; only agreements have terms: "
                     "set kind: agreement, or move the terms to the agreement")
        for role in entity.roles:
            self.check_citations(role, role.citations)
            if role.start and role.end and role.end.latest() < role.start.earliest():
                self.add(role, "end", "period-order", f"the role '{role.title}' ends before it starts")
        if entity.terms:
            self.check_terms(entity.terms)

    # ---- sources ------------------------------------------------------------------------

    def check_source(self, source: Source) -> None:
        if (source.url is None) == (source.url_unavailable is None):
            self.add(source, "url", "missing-url",
                     f"source '{source.id}' needs exactly one of 'url' (the vetted address) or "
                     "'url_unavailable' (why no copy exists)")
        for name in ("url", "archive_url"):
            url = getattr(source, name)
            if url is not None and not is_http_url(url):
                bad = _URL_BAD_CHAR.search(url)
                why = (f"it holds {'a space' if bad.group(0).isspace() else repr(bad.group(0))} at character "
                       f"{bad.start() + 1}; copy the address exactly" if bad else "")
                self.add(source, name, "bad-url",
                         f"'{name}' of source '{source.id}' must be an http(s) address, not {url[:60]!r}"
                         + (f": {why}" if why else ""))
        if source.published and source.published.earliest() > self.today:
            self.add(source, "published", "future-date",
                     f"source '{source.id}' is published {source.published}, after today ({self.today}); fix the date")
        if source.accessed.earliest() > self.today:
            self.add(source, "accessed", "future-date",
                     f"source '{source.id}' is accessed {source.accessed}, after today ({self.today}); fix the date")
        if source.published and source.accessed.latest() < source.published.earliest():
            self.add(source, "accessed", "accessed-before-published",
                     f"source '{source.id}' was accessed ({source.accessed}) before it was published "
                     f"({source.published}); one of the dates is wrong")
        for name in ("notes", "reliability", "published_note", "url_unavailable"):
            self.check_text(source, name, getattr(source, name), f"source '{source.id}'")
        self.check_source_publisher(source)
        if source.language not in LANGUAGES:
            self.add(source, "language", "bad-language",
                     f"language {shorten(source.language)} of source '{source.id}' is not an ISO 639-1 code; "
                     "use the two-letter code, e.g. en, ar, ru")
        for excerpt in source.excerpts:
            if source.language != "en" and excerpt.says is None:
                self.add(excerpt, "text", "missing-says",
                         f"excerpt of '{source.id}' is in {source.language!r} but has no English paraphrase; "
                         "add says: with what it says in English")
            if len(excerpt.text.split()) > QUOTE_WORD_LIMIT:
                self.add(excerpt, "text", "long-quote",
                         f"excerpt of '{source.id}' is {len(excerpt.text.split())} words; keep excerpts to "
                         f"{QUOTE_WORD_LIMIT} words or fewer")

    def excerpts(self, source_id: str) -> list[str]:
        if source_id not in self._excerpts:
            source = self.facts.sources[source_id]
            self._excerpts[source_id] = [normalise(e.text) for e in source.excerpts]
        return self._excerpts[source_id]

    def check_citations(self, record: Record, citations: list[Citation]) -> None:
        for cit in citations:
            source = self.facts.sources.get(cit.source)
            if source is None:
                if cit.source not in self.dropped:
                    self.add(cit, "source", "unknown-source",
                             self._unknown("source", cit.source, self.facts.sources))
                continue
            if cit.quote is not None:
                quote = normalise(cit.quote)
                if not any(quote in text for text in self.excerpts(cit.source)):
                    self.add(cit, "quote", "quote-not-found",
                             f"the quote {shorten(cit.quote)} is not in the recorded excerpts of '{cit.source}'; "
                             "copy it exactly from an excerpt (or add the excerpt from the vetted source)")
                elif len(quote.split()) > QUOTE_WORD_LIMIT:
                    self.add(cit, "quote", "long-quote",
                             f"the quote is {len(quote.split())} words; quote {QUOTE_WORD_LIMIT} words or fewer")

    def _unknown(self, kind: str, rid: str, pool: Mapping[str, object]) -> str:
        import difflib

        near = difflib.get_close_matches(rid, list(pool), n=1, cutoff=0.6)
        hint = f"did you mean '{near[0]}'?" if near else f"add the {kind} to facts/ or fix the id"
        return f"unknown {kind} id '{rid}'; {hint}"

    # ---- entities -----------------------------------------------------------------------

    def check_terms(self, terms: Terms) -> None:
        self.check_citations(terms, terms.citations)
        if terms.signed and terms.term_years and terms.expires:
            computed = terms.signed.start.year + terms.term_years
            if computed != terms.expires.start.year:
                self.add(terms, "expires", "terms-mismatch",
                         f"signed {terms.signed} + {terms.term_years} years gives {computed}, but expires says "
                         f"{terms.expires}; fix one of the three (or drop expires: the site computes it)")

    # ---- claims -------------------------------------------------------------------------

    def check_claims(self) -> None:
        for claim in self.facts.claims.values():
            self.check_claim(claim)

    def check_claim(self, claim: Claim) -> None:
        if not claim.citations:
            self.add(claim, "citations", "no-citation",
                     f"claim '{claim.id}' has no citations; cite at least one vetted source "
                     "(or cite the article and give the verdict 'unverified')")
        self.check_citations(claim, claim.citations)
        for eid in claim.entities:
            if eid not in self.facts.entities and eid not in self.dropped:
                self.add(claim, "entities", "unknown-entity", self._unknown("entity", eid, self.facts.entities))
        for cid in claim.related:
            if cid not in self.facts.claims and cid not in self.dropped:
                self.add(claim, "related", "unknown-claim", self._unknown("claim", cid, self.facts.claims))
        what = f"claim '{claim.id}'"
        self.check_text(claim, "text", claim.text, what)
        if claim.outcome:
            self.check_text(claim.outcome, "text", claim.outcome.text, f"the outcome of {what}")
        if claim.review:
            for name in ("wording", "explanation"):
                self.check_text(claim.review, name, getattr(claim.review, name), f"the review of {what}")
        for before, corr in zip(claim.corrections, claim.corrections[1:], strict=False):
            if corr.date.latest() < before.date.earliest():
                self.add(corr, "date", "corrections-order",
                         f"a correction of {what} dated {corr.date} comes after one dated {before.date}; "
                         "list corrections oldest first, newest last")
        for corr in claim.corrections:
            for name in ("what", "why"):
                self.check_text(corr, name, getattr(corr, name), f"a correction of {what}")
            if corr.date.earliest() > self.today:
                self.add(corr, "date", "future-date", f"a correction of {what} is dated {corr.date}, after today "
                         f"({self.today}); date it the day it was made")
        self.check_claim_dates(claim)
        if claim.review:
            self.check_verdict(claim)
        if claim.outcome:
            self.check_citations(claim.outcome, claim.outcome.citations)

    def check_text(self, record: Record, field: str, text: str | None, what: str) -> None:
        """Rendered prose: no raw HTML (a '<' followed by a letter, '/', '!' or '?'). Links: check_all_links."""
        if not text:
            return
        tag = _HTML.search(text) if "<" in text else None  # `in` first: most texts have no '<' or ']'
        if tag:
            self.add(record, field, "raw-html",
                     f"the {field} of {what} contains HTML ({shorten(text[tag.start():tag.start() + 20])}); "
                     "use inline Markdown only (*emphasis*, [link](https://…)); write a lone '<' as 'less than'")

    def check_claim_dates(self, claim: Claim) -> None:
        if claim.checked.earliest() > self.today:
            self.add(claim, "checked", "future-date", f"claim '{claim.id}' is checked {claim.checked}, after today "
                     f"({self.today}); write the day it was last checked")
        if claim.status == "scheduled":
            if claim.date is None:
                self.add(claim, "status", "scheduled-undated",
                         f"claim '{claim.id}' is scheduled but has no date; add the date it was scheduled for")
            elif claim.date.latest() < self.today and claim.outcome is None:
                self.add(claim, "status", "stale-scheduled",
                         f"claim '{claim.id}' was scheduled for {claim.date.human()}, which has passed; "
                         "record its outcome (outcome: text, date, citations)")
            return
        if claim.date is None:
            return
        if claim.date.earliest() > self.today:
            self.add(claim, "date", "future-date",
                     f"claim '{claim.id}' is dated {claim.date} but says it occurred; "
                     "fix the date or set status: scheduled")
            return
        for cit in claim.citations:
            source = self.facts.sources.get(cit.source)
            if source is None or source.published is None or cit.stance != "supports":
                continue
            if claim.date.earliest() > source.published.latest():
                self.add(cit, "source", "after-source",
                         f"claim '{claim.id}' is dated {claim.date}, after '{source.id}' was published "
                         f"({source.published}); a source cannot report a later event: fix the date or the citation")

    def check_verdict(self, claim: Claim) -> None:
        review = claim.review
        if review is None:
            return
        if review.verdict not in VERDICTS:
            self.add(review, "verdict", "bad-verdict",
                     f"verdict {shorten(review.verdict)} is not on the scale; use one of: {', '.join(VERDICTS)}")
            return
        if self.facts.review is None:
            if "" not in self.dropped:  # else a review the loader rejected (reported) may be the one
                self.add(review, "verdict", "no-review",
                         f"claim '{claim.id}' has a verdict but no 'review:' names the article under review")
            return
        article = self.facts.review.article
        if article in self.facts.sources and not any(
            normalise(review.wording) in text for text in self.excerpts(article)
        ):
            self.add(review, "wording", "wording-not-in-article",
                     f"the wording {shorten(review.wording)} of claim '{claim.id}' is not in the recorded excerpts "
                     f"of the article '{article}'; quote the article exactly and add the passage to its excerpts")
        if review.verdict == "accurate":
            strong = [c for c in claim.citations
                      if c.stance == "supports" and c.source != article and c.source in self.facts.sources
                      and not self.facts.flagged(self.facts.sources[c.source])]
            if not strong and not any(c.source in self.dropped for c in claim.citations):
                self.add(review, "verdict", "accurate-unsupported",
                         f"claim '{claim.id}' is rated accurate but no unflagged source other than the article "
                         "supports it (a source is flagged by its own reliability or its publisher's); cite one, "
                         "or use 'needs-context' and say who reported it")

    # ---- the article review -------------------------------------------------------------

    def check_review(self) -> None:
        review = self.facts.review
        if review is None:
            return
        if review.article not in self.facts.sources and review.article not in self.dropped:
            self.add(review, "article", "unknown-source", self._unknown("source", review.article, self.facts.sources))
        self.check_article_kind(review)
        self.check_statement_order(review)
        if review.published.earliest() > self.today:
            self.add(review, "published", "future-date", f"the review is published {review.published}, after today "
                     f"({self.today}); fix the date")
        mapped: set[str] = set()
        for st in review.statements:
            self.check_text(st, "not_checked", st.not_checked, f"statement {st.ref}")
            if len(st.starts.split()) > STARTS_WORD_LIMIT:
                self.add(st, "starts", "long-starts",
                         f"statement {st.ref} starts {shorten(st.starts)}: give its first {STARTS_WORD_LIMIT} words "
                         "at most (the site never republishes the article)")
            if not st.claims and not st.not_checked:
                self.add(st, "ref", "unmapped-statement",
                         f"statement {st.ref} (\"{st.starts}\") maps to no claim; list its claims or say why "
                         "it is not checked (not_checked: …)")
            for cid in st.claims:
                if cid not in self.facts.claims and cid not in self.dropped:
                    self.add(st, "claims", "unknown-claim", self._unknown("claim", cid, self.facts.claims))
                mapped.add(cid)
        if review.statements:
            for claim in self.facts.claims.values():
                if claim.review and claim.id not in mapped:
                    self.add(claim.review, "verdict", "review-not-mapped",
                             f"claim '{claim.id}' has a verdict but no article statement maps to it; "
                             "add it to the statement it checks in review.statements")

    def check_article_kind(self, review: ArticleReview) -> None:
        article = self.facts.sources.get(review.article)
        if article is not None and article.kind != "reviewed-article":
            self.add(review, "article", "article-kind",
                     f"the review's article '{article.id}' has kind {article.kind!r}; give it kind: reviewed-article")
        for source in self.facts.sources.values():
            if source.kind == "reviewed-article" and source.id != review.article:
                self.add(source, "kind", "article-kind",
                         f"source '{source.id}' has kind reviewed-article but the review's article is "
                         f"'{review.article}'; give it the kind of page it is (news, official …)")

    def check_statement_order(self, review: ArticleReview) -> None:
        seen: dict[str, int] = {}
        last: tuple[int, int] | None = None
        for st in review.statements:
            para, sentence = (int(n) for n in st.ref[1:].split(".s"))
            if st.ref in seen:
                self.add(st, "ref", "statement-order",
                         f"statement {st.ref} is listed twice (first at line {seen[st.ref]}); give each sentence "
                         "its own ref, or merge the two")
            elif last is not None and (para, sentence) < last:
                self.add(st, "ref", "statement-order",
                         f"statement {st.ref} comes after p{last[0]}.s{last[1]}; list statements in the article's "
                         "order (p1.s1, p1.s2, p2.s1 …)")
            seen.setdefault(st.ref, st.line_of("ref"))
            last = max(last, (para, sentence)) if last else (para, sentence)

    def check_unused_sources(self) -> None:
        if self.dropped:  # a record the loader rejected may be the one citing it: fix the errors first
            return
        cited = set(self.facts.claims_by_source)
        for entity in self.facts.entities.values():
            for role in entity.roles:
                cited.update(c.source for c in role.citations)
            if entity.terms:
                cited.update(c.source for c in entity.terms.citations)
        if self.facts.review:
            cited.add(self.facts.review.article)
        for sid, source in self.facts.sources.items():
            if sid not in cited:
                self.add(source, "id", "unused-source",
                         f"source '{sid}' is not cited by any claim; cite it or remove it")


def record_problems(records: Iterable[Record]) -> list[Problem]:
    """The rules a record answers on its own: the Markdown links in every one of its texts (titles, excerpts,
    locators, names … not only claims) and text that is not for readers (factkit.editorial). The loader runs them
    as it reads a file, so a check that keeps unchanged files' results (factkit.watch) runs them for saved files
    only."""
    own = [record for record in records if not isinstance(record, Translations)]  # checked with their English
    problems: list[Problem] = []
    for record in own:
        _check_links(record, _name(record), problems)
    return problems + check_records(own)


def _name(record: Record) -> str:
    if isinstance(record, ArticleReview):
        return "the review"
    return f"{type(record).__name__.lower()} '{getattr(record, 'id', '')}'"


def _check_links(record: Record, what: str, problems: list[Problem]) -> None:
    for name, value in vars(record).items():  # the record's fields (pydantic keeps them in its __dict__)
        if isinstance(value, str):
            if name not in _ADDRESS_FIELDS:
                _check_link_text(record, name, value, what, problems)
        elif isinstance(value, Record):
            _check_links(value, what, problems)
        elif isinstance(value, list):
            for item in value:
                if isinstance(item, str):
                    _check_link_text(record, name, item, what, problems)
                elif isinstance(item, Record):
                    _check_links(item, what, problems)


def _check_link_text(record: Record, field: str, text: str, what: str, problems: list[Problem]) -> None:
    if "]" not in text:  # most texts hold no link: skip the regular expressions
        return
    for url, closed in [*_MD_LINK.findall(text), *((url, ")") for url in _MD_REF.findall(text))]:
        if not closed:
            message = (f"the {field} of {what} has a link Markdown cannot read (]({shorten(url + ' …', 40)[1:-1]}); "
                       "write [text](https://address), with no space inside the address")
        elif not is_http_url(url):
            message = f"the {field} of {what} links to {shorten(url)}; only http:// and https:// links are allowed"
        else:
            continue
        problems.append(Problem(record.where[0], record.line_of(field), "bad-url", message))


def run_checks(facts: FactBase, today: dt.date) -> list[Problem]:
    """Every rule over the fact base."""
    checker = Checker(facts, today)
    problems = list(checker.run())
    if facts.translations:
        from .i18n import check_translations

        before = len(checker.problems)
        problems += check_translations(facts, checker.check_text)
        problems += checker.problems[before:]  # the text rules on translated text
    return problems
