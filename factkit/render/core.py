"""The renderer's state: the fact base, where the generated pages live, and the current page."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from ..i18n import DEFAULT, Catalog, t
from ..model import Claim, Entity, Source
from ..publish import About
from ..store import FactBase, FactLookupError
from .links import relative_url

__all__ = ["FactLookupError", "Homes", "Renderer", "site_path"]


def site_path(url: str) -> str:
    """A page's site-relative URL as pages see it: the home page is '' (a host may say './')."""
    return "" if url in (".", "./") else url


@dataclass
class Homes:
    """Site-relative URLs of the generated pages (None when the site has no such page)."""

    sources: dict[str | None, str] = field(default_factory=dict)  # publisher id (None = every other) -> page
    claims: dict[str | None, str] = field(default_factory=dict)  # first topic (None = every other) -> page
    review: str | None = None
    entities: dict[str | None, str] = field(default_factory=dict)  # entity kind (None = all) -> page
    site_url: str = ""
    repo: str = ""
    site_name: str = ""  # the site's name, for "Cite this claim"
    commit: str = ""  # the commit the site is built from ('' when unknown), for versioned citations
    report: str | None = None  # the page section on reporting errors, e.g. 'contributing/#report-an-error'
    about: str | None = None  # the page calling about()
    corrections: str | None = None  # the page calling corrections_log()
    channels: list[Any] = field(default_factory=list)  # factkit.publish.Channel: how readers report errors

    @property
    def channel(self) -> Any:
        """The channel "report an error" links use (None when the site has none)."""
        return self.channels[0] if self.channels else None

    @property
    def listings(self) -> set[str]:
        """The pages that list claims, sources or entities: each record has its own search entry there
        (factkit.searchdocs), so the host indexes only the page's prose and headings."""
        return {*self.claims.values(), *self.sources.values(), *self.entities.values()}

    def entity_page(self, kind: str) -> str | None:
        return self.entities.get(kind, self.entities.get(None))

    def claim_page(self, claim: Claim) -> str | None:
        """The page listing ``claim`` (its permanent home): the one for its first topic, else the one for all
        the others."""
        topic = claim.topics[0] if claim.topics else None
        return self.claims.get(topic, self.claims.get(None)) if topic is not None else self.claims.get(None)

    def source_page(self, source: Source) -> str | None:
        return self.sources.get(source.publisher, self.sources.get(None))


class Renderer:
    """Renders facts for one build; tracks the current page and where each claim appears."""

    def __init__(self, facts: FactBase, homes: Homes, topics: dict[str, str] | None = None,
                 credits: dict[str, dict[str, str]] | None = None) -> None:
        self.facts = facts
        self.lang = DEFAULT  # the language of the page being rendered (its edition)
        self.edition = ""  # the URL prefix of that edition: '' for the default language, 'ar/' for Arabic
        self.local = ""  # the page's URL within its edition (the same in every edition)
        self.prose_lang = DEFAULT  # the language of the page's own text (English on a page not translated yet)
        self.credits = dict(credits or {})  # lang -> {translator, reviewer} (the site's setting)
        self.homes = homes
        self.topics = dict(topics or {})  # topic id -> display label (the site's setting; ids stay topic-agnostic)
        self.page = ""  # site-relative URL of the page being rendered
        self.appearances: dict[str, dict[str, str | None]] = defaultdict(dict)  # claim -> page -> anchor
        self._ids: set[str] = set()
        self._counter = 0
        self.cited: dict[str, list[str]] = {}  # this page: source id -> element ids citing it (numbered in order)
        self._numbers: dict[str, int] = {}
        self.badged = 0  # this page: claims shown with a verdict badge, and without one
        self.unbadged = 0
        self.memo: dict[tuple[object, ...], str] = {}  # rendered fragments that depend only on this build's facts
        self.site_name = ""
        self.site_names: dict[str, str] = {}  # lang -> the site's name in that edition (the host's setting)
        self.about = About()  # the site's statement about itself (settings: about)
        self.about_in: dict[str, About] = {}  # lang -> its About texts in that language (settings: translations)

    # ---- page state -------------------------------------------------------------------

    def begin_page(self, url: str, lang: str | None = None, prose_lang: str | None = None) -> None:
        self.page = site_path(url)
        self.lang = lang or DEFAULT
        self.prose_lang = prose_lang or self.lang
        self.edition = "" if self.lang == DEFAULT else f"{self.lang}/"
        self.local = self.page[len(self.edition):] if self.edition and self.page.startswith(self.edition) else self.page
        self._ids = set()
        self._counter = 0
        self.cited = {}
        self._numbers = {}
        self.badged = self.unbadged = 0

    def next_id(self, prefix: str) -> str:
        """A page-unique element id, e.g. for a tooltip."""
        self._counter += 1
        return f"{prefix}-{self._counter}"

    def cite(self, sid: str) -> tuple[int, str]:
        """A new citation of a source on this page: (the source's number on the page, the citing element's id).
        A source keeps the number it got when first cited here."""
        if sid not in self.cited:
            self.cited[sid] = []
            self._numbers[sid] = len(self.cited)
        n, uses = self._numbers[sid], self.cited[sid]
        uses.append(f"fk-cite-{n}-{len(uses) + 1}")
        return n, uses[-1]

    def cite_number(self, sid: str) -> int | None:
        """The source's number on this page, if it is cited here."""
        return self._numbers.get(sid)

    def claim_anchor(self, claim: Claim) -> str | None:
        """'claim-<id>' when this page is the claim's canonical home and it has not been placed yet."""
        if self.local != self.homes.claim_page(claim):
            return None
        return self._place(f"claim-{claim.id}")

    def entity_anchor(self, entity: Entity) -> str | None:
        if self.local != self.homes.entity_page(entity.kind):
            return None
        return self._place(f"entity-{entity.id}")

    def source_anchor(self, source: Source) -> str | None:
        if self.local != self.homes.source_page(source):
            return None
        return self._place(f"source-{source.id}")

    def _place(self, anchor: str) -> str | None:
        if anchor in self._ids:
            return None
        self._ids.add(anchor)
        return anchor

    def appear(self, claim: Claim, anchor: str | None = None) -> None:
        """Record that a claim is shown on the current page (for the export and the completeness check); the
        editions other than the default one have the same pages, so only the default edition is recorded."""
        if self.lang != DEFAULT:
            return
        pages = self.appearances[claim.id]
        if anchor or self.page not in pages:
            pages[self.page] = anchor or pages.get(self.page)

    def topic_label(self, topic: str) -> str:
        """The site's label for a topic, else its id with hyphens as spaces and the first letter upper-cased
        ('fall-of-assad' -> 'Fall of assad'; set 'Fall of Assad' in the site's settings)."""
        translated = Catalog.of(self.facts).topics.get(self.lang, {}).get(topic) if self.lang != DEFAULT else None
        if translated:
            return translated
        label = self.topics.get(topic)
        if not label:
            words = topic.replace("-", " ")
            label = words[:1].upper() + words[1:]
        return label if self.lang == DEFAULT else f"{label} ({t(self.lang, 'untranslated')})"

    # ---- links ------------------------------------------------------------------------

    def href(self, target: str) -> str:
        return relative_url(target, self.page)

    def home(self, target: str) -> str:
        """A link to a page of the site, in the edition being rendered."""
        return self.href(self.edition + target)

    def source_href(self, sid: str) -> str | None:
        source = self.facts.sources.get(sid)
        page = self.homes.source_page(source) if source is not None else None
        return self.home(f"{page}#source-{sid}") if page is not None else None

    def claim_href(self, cid: str) -> str | None:
        claim = self.facts.claims.get(cid)
        page = self.homes.claim_page(claim) if claim is not None else None
        return self.home(f"{page}#claim-{cid}") if page is not None else None

    def claim_url(self, claim: Claim) -> str | None:
        """The claim's permalink as an absolute URL (None without site_url or without a page listing it)."""
        page = self.homes.claim_page(claim)
        return self.absolute(f"{page}#claim-{claim.id}") if page is not None else None

    def entity_href(self, entity: Entity) -> str | None:
        page = self.homes.entity_page(entity.kind)
        return self.home(f"{page}#entity-{entity.id}") if page is not None else None

    def absolute(self, target: str) -> str | None:
        """Absolute URL of a site-relative target, when site_url is set."""
        if not self.homes.site_url:
            return None
        return self.homes.site_url.rstrip("/") + "/" + self.edition + target
