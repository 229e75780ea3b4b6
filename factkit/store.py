"""The fact base: every record by id, the indexes, and the queries pages make (each argument checked)."""

from __future__ import annotations

import difflib
from collections import defaultdict
from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from .depends import Reads, Tracked
from .model import (
    ENTITY_KINDS,
    SINGULAR,
    VERDICTS,
    ArticleReview,
    Claim,
    Entity,
    Publisher,
    Record,
    Source,
    Translations,
    relay_id,
)
from .problems import Problem

if TYPE_CHECKING:
    import datetime as dt


class FactLookupError(LookupError):
    """A page asked for something the facts do not have: an unknown id, topic, verdict or kind."""

    def __init__(self, message: str, code: str) -> None:
        super().__init__(message)
        self.code = code


def lookup(kind: str, value: object, known: Collection[str]) -> str:
    """``value`` when it is one of ``known``; otherwise a FactLookupError naming the nearest one."""
    if isinstance(value, str) and value in known:  # a table: one look-up, not a scan
        return value
    pool = list(known)
    near = difflib.get_close_matches(str(value), pool, n=1, cutoff=0.5)
    hint = f"did you mean '{near[0]}'?" if near else (
        f"allowed: {', '.join(pool)}" if len(pool) <= 12 else f"no {kind} is close to it")
    raise FactLookupError(f"unknown {kind} {value!r}; {hint}", "unknown-" + kind.removesuffix(" id").replace(" ", "-"))


@dataclass
class FileResult:
    """What one fact file contributes: its valid records in file order, the ids of the records it
    could not read (references to them are not reported again), and its own problems."""

    records: list[tuple[str, Record]] = field(default_factory=list)  # kind: publishers … review
    dropped: set[str] = field(default_factory=set)
    problems: list[Problem] = field(default_factory=list)


@dataclass
class _Indexes:
    by_entity: dict[str, list[Claim]]
    by_source: dict[str, list[Claim]]
    by_topic: dict[str, list[Claim]]
    by_verdict: dict[str, list[Claim]]
    timeline: list[Claim]
    order: dict[str, int]  # claim id -> its place in the timeline


def _index(claims: Iterable[Claim], keys: Callable[[Claim], Iterable[str]], kind: str,
           reads: Reads) -> dict[str, list[Claim]]:
    """Claims grouped by each key a claim has (each claim once per key, in fact-file order)."""
    index: dict[str, list[Claim]] = defaultdict(list)
    for claim in claims:
        for key in dict.fromkeys(keys(claim)):
            index[key].append(claim)
    table: dict[str, list[Claim]] = Tracked(kind, reads)
    dict.update(table, index)
    return table


def _timeline_key(claim: Claim) -> tuple[tuple[dt.date, int, dt.date, str], str]:
    """Timeline order of a dated claim: its date, then its id."""
    if claim.date is None:
        raise ValueError(f"claim '{claim.id}' has no date")
    return claim.date.sort_key(), claim.id


class FactBase:
    """All valid records of a site, indexed by id, entity, source, topic and verdict.

    ``dropped`` holds the ids of records that failed validation: they were reported where they
    stand, so references to them are not reported a second time."""

    def __init__(self) -> None:
        self.reads = Reads()  # what the page being rendered looks up (factkit.depends; the live preview's rebuilds)
        self.publishers: dict[str, Publisher] = Tracked("publisher", self.reads)
        self.sources: dict[str, Source] = Tracked("source", self.reads)
        self.entities: dict[str, Entity] = Tracked("entity", self.reads)
        self.claims: dict[str, Claim] = Tracked("claim", self.reads)
        self.raw_review: ArticleReview | None = None  # the review, read without noting it (``review`` notes it)
        self.translations: list[Translations] = []  # every file's translations, in file order (factkit.i18n)
        self.dropped: set[str] = set()
        self._ids: dict[str, tuple[str, Record]] = {}
        self._indexes: _Indexes | None = None

    def add_file(self, result: FileResult, problems: list[Problem]) -> None:
        """Add one file's records (a duplicate id is a located problem) and its problems."""
        problems.extend(result.problems)
        self.dropped |= result.dropped
        for kind, record in result.records:
            if isinstance(record, ArticleReview):
                self._add_review(record, problems)
            elif isinstance(record, Translations):
                self.translations.append(record)
            else:
                self._add(kind, record, problems)
        self._indexes = None

    def _add(self, kind: str, record: Record, problems: list[Problem]) -> None:
        rid: str = getattr(record, "id")  # noqa: B009 - every kind but the review has an id
        if rid in self._ids:
            other_kind, other = self._ids[rid]
            path, line = other.where
            problems.append(Problem(record.where[0], record.line_of("id"), "duplicate-id",
                                    f"the id '{rid}' is already used by the {SINGULAR[other_kind]} at {path}:{line}; "
                                    "ids must be unique across all fact files: rename one"))
            if other_kind != kind:  # this record is left out: what names it is not also reported as unknown
                self.dropped.add(rid)
            return
        self._ids[rid] = (kind, record)
        table: dict[str, Record] = getattr(self, kind)
        table[rid] = record

    def _add_review(self, review: ArticleReview, problems: list[Problem]) -> None:
        if self.raw_review is not None:
            path, line = self.raw_review.where
            problems.append(Problem(review.where[0], review.where[1], "duplicate-review",
                                    f"a review is already defined at {path}:{line}; a site reviews one article"))
            return
        self.raw_review = review

    @property
    def review(self) -> ArticleReview | None:
        if self.reads.keys is not None:
            self.reads.keys.add("review")
        return self.raw_review

    def kind_of(self, rid: str) -> str | None:
        if self.reads.keys is not None:
            self.reads.keys |= {f"claim:{rid}", f"source:{rid}", f"entity:{rid}", f"publisher:{rid}"}
        found = self._ids.get(rid)
        return found[0] if found else None

    @property
    def all_ids(self) -> list[str]:
        return list(self._ids)

    # ---- indexes (built on first use) -----------------------------------------------------

    def _built(self) -> _Indexes:
        if self._indexes is None:
            claims = dict.values(self.claims)  # building the indexes is no page's read
            dated = sorted((c for c in claims if c.date is not None), key=_timeline_key)
            reads = self.reads
            self._indexes = _Indexes(
                by_entity=_index(claims, lambda c: c.entities, "entity-claims", reads),
                by_source=_index(claims, lambda c: [x.source for x in c.citations
                                                    + (c.outcome.citations if c.outcome else [])], "source-claims",
                                 reads),
                by_topic=_index(claims, lambda c: c.topics, "topic", reads),
                by_verdict=_index(claims, lambda c: [c.review.verdict] if c.review else [], "verdict", reads),
                timeline=dated, order={c.id: i for i, c in enumerate(dated)})
        return self._indexes

    @property
    def claims_by_entity(self) -> dict[str, list[Claim]]:
        return self._built().by_entity

    @property
    def claims_by_source(self) -> dict[str, list[Claim]]:
        """Claims citing a source, in their citations or in their outcome's."""
        return self._built().by_source

    @property
    def claims_by_topic(self) -> dict[str, list[Claim]]:
        return self._built().by_topic

    @property
    def claims_by_verdict(self) -> dict[str, list[Claim]]:
        return self._built().by_verdict

    @property
    def timeline(self) -> list[Claim]:
        """Every dated claim in true chronological order."""
        if self.reads.keys is not None:
            self.reads.keys.add("claim:*")
        return self._built().timeline

    # ---- publishers ------------------------------------------------------------------------

    def publisher_name(self, source: Source) -> str:
        """The name of a source's publisher (its id when the publisher is unknown)."""
        publisher = self.publishers.get(source.publisher)
        return publisher.name if publisher else source.publisher

    def relayed_name(self, source: Source) -> str | None:
        """The outlet a source relays, by name: its publisher record's name, or the text given."""
        if source.relays is None:
            return None
        rid = relay_id(source.relays)
        relayed = self.publishers.get(rid) if rid else None
        return relayed.name if relayed else source.relays

    def flags(self, source: Source) -> list[str]:
        """A source's caution flags: its own, its publisher's, and that of the publisher it relays (each once)."""
        found = [source.reliability] if source.reliability else []
        for pid in (source.publisher, relay_id(source.relays)):
            publisher = self.publishers.get(pid) if pid else None
            if publisher and publisher.reliability and publisher.reliability not in found:
                found.append(publisher.reliability)
        return found

    def flagged(self, source: Source) -> bool:
        """Whether a source carries a caution flag (its own or a publisher's): it cannot alone back 'accurate'."""
        return bool(self.flags(source))

    def reviewed_article(self) -> Source | None:
        review = self.review
        return self.sources.get(review.article) if review else None

    # ---- queries with checked arguments (what pages ask for) -------------------------------

    def claim(self, cid: object) -> Claim:
        return self.claims[self._one("claim id", cid, self.claims)]

    def source(self, sid: object) -> Source:
        return self.sources[self._one("source id", sid, self.sources)]

    def entity(self, eid: object) -> Entity:
        return self.entities[self._one("entity id", eid, self.entities)]

    def _one(self, kind: str, rid: object, known: Collection[str]) -> str:
        """``lookup``, saying so when the id is another kind of record's (an entity's id given for a claim)."""
        try:
            return lookup(kind, rid, known)
        except FactLookupError as exc:
            other = next((name for name, records in (("claim", self.claims), ("source", self.sources),
                                                     ("entity", self.entities)) if rid in records), None) \
                if isinstance(rid, str) else None  # a list given as an id is unhashable: lookup's message says it
            if other is not None:
                raise FactLookupError(f"{rid!r} is the id of {'an' if other == 'entity' else 'a'} {other}, not of "
                                      f"a {kind.removesuffix(' id')}; give a {kind}", exc.code) from None
            raise

    def topic(self, topic: object) -> str:
        return lookup("topic", topic, self.claims_by_topic)

    @staticmethod
    def verdict(verdict: object) -> str:
        return lookup("verdict", verdict, VERDICTS)

    @staticmethod
    def entity_kind(kind: object) -> str:
        return lookup("entity kind", kind, ENTITY_KINDS)

    def select(self, topic: str | None = None, entity: str | None = None,
               verdict: str | Sequence[str] | None = None) -> list[Claim]:
        """Claims about a topic and/or an entity, in fact-file order; ``verdict`` keeps the claims with
        that verdict (several: grouped in that order). Every argument is checked. From the indexes,
        never a scan of every claim: a page costs what it shows, not the fact base."""
        chosen: list[Claim] = list(self.claims.values()) if topic is None and entity is None else []
        if topic is not None:
            chosen = self.claims_by_topic[self.topic(topic)]
        if entity is not None:
            about = self.claims_by_entity.get(self.entity(entity).id, [])
            ids = {c.id for c in about}
            chosen = about if topic is None else [c for c in chosen if c.id in ids]
        if verdict is not None:
            wanted = [verdict] if isinstance(verdict, str) else list(verdict)
            by_verdict: Mapping[str, list[Claim]] = self.claims_by_verdict
            if topic is None and entity is None:
                return [c for v in wanted for c in by_verdict.get(self.verdict(v), [])]
            keep = [self.verdict(v) for v in wanted]
            chosen = [c for v in keep for c in chosen if c.review and c.review.verdict == v]
        return list(chosen)

    def in_time_order(self, claims: Iterable[Claim]) -> list[Claim]:
        """The dated ones of ``claims`` in timeline order."""
        order = self._built().order
        return sorted((c for c in claims if c.id in order), key=lambda c: order[c.id])
