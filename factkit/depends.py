"""What a page read from the facts, and what an edit changed: the live preview rebuilds only the pages whose reads
meet the changes.

A page's reads are keys: ``claim:<id>`` when it looked a claim up, ``claim:*`` when it went through every claim's
record (an unfiltered list), ``claim:ids`` when it only counted them or went through their ids, and likewise
``source:``, ``entity:``, ``publisher:``; ``topic:<id>``,
``entity-claims:<id>``, ``source-claims:<id>`` and ``verdict:<v>`` when it asked the indexes which claims have a
topic, are about an entity, cite a source or carry a verdict; ``review`` for the article review. ``changes``
gives the keys an edit touched, in the same terms: a changed claim touches its own key, ``claim:*``, and the index
keys of its topics, entities, sources and verdict before and after the edit (and those indexes' ``:*``, and
``:ids`` when it joined or left one); a claim added or removed also ``claim:ids``.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Any, TypeVar

if TYPE_CHECKING:
    from _collections_abc import dict_items, dict_keys, dict_values

    from .model import Claim
    from .store import FactBase

V = TypeVar("V")


class Reads:
    """The keys read while a page renders (``keys`` is None while nothing is recorded)."""

    def __init__(self) -> None:
        self.keys: set[str] | None = None


class Tracked(dict[str, V]):
    """A table of the fact base that notes, while a page renders, which of its entries the page looked up and
    whether it went through all of them."""

    __slots__ = ("_kind", "_reads")

    def __init__(self, kind: str, reads: Reads) -> None:
        super().__init__()
        self._kind = kind
        self._reads = reads

    def _one(self, key: object) -> None:
        if self._reads.keys is not None:
            self._reads.keys.add(f"{self._kind}:{key}")

    def _all(self, what: str = "*") -> None:
        if self._reads.keys is not None:
            self._reads.keys.add(f"{self._kind}:{what}")

    def __getitem__(self, key: str) -> V:
        self._one(key)
        return super().__getitem__(key)

    def get(self, key: str, default: Any = None) -> Any:
        self._one(key)
        return super().get(key, default)

    def __contains__(self, key: object) -> bool:
        self._one(key)
        return super().__contains__(key)

    def __iter__(self) -> Iterator[str]:
        self._all("ids")  # a record then looked up by its id is read as such
        return super().__iter__()

    def __len__(self) -> int:
        self._all("ids")
        return super().__len__()

    def keys(self) -> dict_keys[str, V]:
        self._all("ids")
        return super().keys()

    def values(self) -> dict_values[str, V]:
        self._all()
        return super().values()

    def items(self) -> dict_items[str, V]:
        self._all()
        return super().items()


def _claim_keys(claim: Claim) -> set[str]:
    """The index keys a claim is found under."""
    keys = {f"topic:{t}" for t in claim.topics} | {f"entity-claims:{e}" for e in claim.entities}
    keys |= {f"source-claims:{c.source}" for c in claim.citations + (claim.outcome.citations if claim.outcome else [])}
    if claim.review:
        keys.add(f"verdict:{claim.review.verdict}")
    return keys


def changes(old: FactBase, new: FactBase) -> set[str] | None:
    """The keys an edit touched between two loads of the same site; None when it touched what pages do not read
    record by record (translations, records dropped as invalid), so every page must be built again."""
    if old.dropped != new.dropped or _dumps(old.translations) != _dumps(new.translations):
        return None
    touched: set[str] = set()
    for kind in ("publishers", "sources", "entities", "claims"):
        before: dict[str, Any] = dict.copy(getattr(old, kind))
        after: dict[str, Any] = dict.copy(getattr(new, kind))
        name = kind[:-1] if kind != "entities" else "entity"
        for rid in before.keys() | after.keys():
            a, b = before.get(rid), after.get(rid)
            if a is b or (a is not None and b is not None and a.model_dump() == b.model_dump()):
                continue
            touched |= {f"{name}:{rid}", f"{name}:*"} | ({f"{name}:ids"} if a is None or b is None else set())
            if kind == "claims":  # the indexes it is in, before and after; the indexes' ids when that changed
                was, now = (_claim_keys(c) if c is not None else set() for c in (a, b))
                touched |= was | now | {f"{k.split(':')[0]}:*" for k in was | now}
                touched |= {f"{k.split(':')[0]}:ids" for k in was ^ now}
    if _dumps([old.raw_review]) != _dumps([new.raw_review]):
        touched.add("review")
    return touched


def _dumps(records: list[Any]) -> list[Any]:
    return [r.model_dump() if r is not None else None for r in records]
