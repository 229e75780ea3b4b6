"""The fact base: every record by id, and the indexes that queries use (built once)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
from functools import cached_property

from .model import ArticleReview, Claim, Entity, Record, Source
from .problems import Problem


class FactBase:
    """All valid records of a site, indexed by id, entity, source and topic."""

    def __init__(self) -> None:
        self.sources: dict[str, Source] = {}
        self.entities: dict[str, Entity] = {}
        self.claims: dict[str, Claim] = {}
        self.review: ArticleReview | None = None
        self._ids: dict[str, tuple[str, Record]] = {}

    def add(self, kind: str, record: Record, problems: list[Problem]) -> None:
        """Add a record; an id already used anywhere is a located problem."""
        rid = record.id  # type: ignore[attr-defined]
        if rid in self._ids:
            other_kind, other = self._ids[rid]
            path, line = other.where
            problems.append(Problem(record.where[0], record.line_of("id"), "duplicate-id",
                                    f"the id '{rid}' is already used by a {other_kind[:-1]} at {path}:{line}; "
                                    "ids must be unique across all fact files: rename one"))
            return
        self._ids[rid] = (kind, record)
        getattr(self, kind)[rid] = record

    def add_review(self, review: ArticleReview, problems: list[Problem]) -> None:
        if self.review is not None:
            path, line = self.review.where
            problems.append(Problem(review.where[0], review.where[1], "duplicate-review",
                                    f"a review is already defined at {path}:{line}; a site reviews one article"))
            return
        self.review = review

    def kind_of(self, rid: str) -> str | None:
        found = self._ids.get(rid)
        return found[0] if found else None

    @property
    def all_ids(self) -> list[str]:
        return list(self._ids)

    # ---- indexes (built on first use, once) ---------------------------------------------

    def _index(self, keys: Callable[[Claim], Iterable[str]]) -> dict[str, list[Claim]]:
        """Claims grouped by each key a claim has (each claim once per key, in fact-file order)."""
        index: dict[str, list[Claim]] = defaultdict(list)
        for claim in self.claims.values():
            for key in dict.fromkeys(keys(claim)):
                index[key].append(claim)
        return index

    @cached_property
    def claims_by_entity(self) -> dict[str, list[Claim]]:
        return self._index(lambda c: c.entities)

    @cached_property
    def claims_by_source(self) -> dict[str, list[Claim]]:
        """Claims citing a source, in their citations or in their outcome's."""
        return self._index(lambda c: [x.source for x in c.citations + (c.outcome.citations if c.outcome else [])])

    @cached_property
    def claims_by_topic(self) -> dict[str, list[Claim]]:
        return self._index(lambda c: c.topics)

    @cached_property
    def claims_by_verdict(self) -> dict[str, list[Claim]]:
        return self._index(lambda c: [c.review.verdict] if c.review else [])

    @cached_property
    def timeline(self) -> list[Claim]:
        """Every dated claim in true chronological order."""
        dated = [c for c in self.claims.values() if c.date is not None]
        return sorted(dated, key=lambda c: (c.date.sort_key(), c.id))

    def reviewed_article(self) -> Source | None:
        return self.sources.get(self.review.article) if self.review else None
