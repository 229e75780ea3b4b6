"""The macros pages call, defined once for every host: names, arguments and what they render.

Each macro is a plain function of the renderer and its arguments. Arguments are declared with a
kind (``ClaimId``, ``Topic``, ``Verdict``...) and ``bind`` checks every call against the declaration
before the macro runs: a misspelled argument name, an unknown id, topic, verdict or entity kind is
a ``MacroError`` with a suggestion, never an empty result. The macro reference (``factkit macros``,
docs/macros.md) is generated from these declarations and docstrings.
"""

from __future__ import annotations

import difflib
import functools
import inspect
from collections.abc import Callable, Collection
from typing import Annotated, Any, get_args, get_origin, get_type_hints

from . import feed, i18n
from .model import ENTITY_KINDS, VERDICTS
from .pagescan import macro_calls
from .problems import Problem
from .render import Renderer, compute, entities, pages, reporting, review
from .render import about as rabout
from .render import claims as rclaims
from .render.html import esc, tag
from .store import FactBase, FactLookupError, lookup


class MacroError(ValueError):
    """A call a page makes cannot be answered: ``code`` names the kind of mistake."""

    def __init__(self, message: str, code: str) -> None:
        super().__init__(message)
        self.code = code


ClaimId = Annotated[str, "claim id"]
SourceId = Annotated[str, "source id"]
EntityId = Annotated[str, "entity id"]
Topic = Annotated[str, "topic"]
Verdict = Annotated[str, "verdict"]
Verdicts = Annotated[str | list[str], "verdicts"]  # one verdict, or a list grouped in that order
EntityKind = Annotated[str, "entity kind"]
PublisherId = Annotated[str, "publisher id"]

ALLOWED: dict[str, list[str]] = {"verdict": list(VERDICTS), "verdicts": list(VERDICTS),
                               "entity kind": [str(k) for k in ENTITY_KINDS]}

MACROS: dict[str, Callable[..., Any]] = {}


def macro(fn: Callable[..., Any]) -> Callable[..., Any]:
    MACROS[fn.__name__.rstrip("_")] = fn
    return fn


def kinds(fn: Callable[..., Any]) -> dict[str, str]:
    """Each argument's kind ('claim id', 'topic', ..., or 'text'/'number')."""
    found = {}
    for name, hint in get_type_hints(fn, include_extras=True).items():
        if name in ("r", "return"):
            continue
        while get_origin(hint) is not Annotated and get_args(hint):  # X | None
            hint = next(a for a in get_args(hint) if a is not type(None))
        found[name] = get_args(hint)[1] if get_origin(hint) is Annotated else "number" if hint is int else "text"
    return found


def _check(r: Renderer, kind: str, value: Any) -> None:
    facts = r.facts
    checks: dict[str, Callable[[Any], object]] = {
        "claim id": facts.claim, "source id": facts.source, "entity id": facts.entity, "topic": facts.topic,
        "verdict": facts.verdict, "entity kind": facts.entity_kind,
        "publisher id": lambda v: lookup("publisher", v, facts.publishers),
        "verdicts": lambda v: [facts.verdict(x) for x in (v if isinstance(v, list) else [v])],
    }
    if kind in checks:
        checks[kind](value)
    elif kind == "number" and (not isinstance(value, int) or isinstance(value, bool)):
        raise MacroError(f"expected a whole number, got {value!r}", "bad-argument")


def bind(r: Renderer, name: str, args: tuple[Any, ...], kwargs: dict[str, Any]) -> Any:
    """Call macro ``name`` after checking its arguments; raises MacroError."""
    fn = MACROS[name]
    signature = inspect.signature(fn)
    params = [p for p in signature.parameters if p != "r"]
    for key in kwargs:
        if key not in params:
            near = difflib.get_close_matches(key, params, n=1, cutoff=0.5)
            hint = f"did you mean '{near[0]}'?" if near else (
                f"its arguments are: {', '.join(params)}" if params else "it takes no arguments")
            raise MacroError(f"unknown argument '{key}'; {hint}", "unknown-argument")
    try:
        bound = signature.bind(r, *args, **kwargs)
    except TypeError as exc:
        raise MacroError(f"{exc}; its arguments are: {', '.join(params) or 'none'}", "bad-argument") from None
    declared = kinds(fn)
    for key, value in bound.arguments.items():
        if key != "r" and value is not None:
            try:
                _check(r, declared[key], value)
            except FactLookupError as exc:
                raise MacroError(str(exc), exc.code) from None
    try:
        return fn(*bound.args, **bound.kwargs)
    except FactLookupError as exc:
        raise MacroError(str(exc), exc.code) from None


def written(name: str, args: tuple[Any, ...], kwargs: dict[str, Any]) -> str:
    """A call as a problem names it: ``claim('x', kind='y')``."""
    return f"{name}({', '.join([repr(a) for a in args] + [f'{k}={v!r}' for k, v in kwargs.items()])})"


def unknown_ids(facts: FactBase, pages: list[tuple[str, str]]) -> list[Problem]:
    """The calls in ``pages`` ((path, Markdown)) whose literal claim, source or entity id no fact file has, at their
    line: said with the facts' errors while the facts cannot be loaded (pages are then not rendered), so that
    deleting a record shows every page it leaves behind at once. An id of a record the loader rejected is not
    unknown."""
    tables: dict[str, tuple[str, Collection[str]]] = {
        "claim id": ("claim", facts.claims), "source id": ("source", facts.sources),
        "entity id": ("entity", facts.entities)}
    found = []
    for path, text in pages:
        for call in macro_calls(text):
            if call.name not in MACROS or all(v in facts.claims or v in facts.sources or v in facts.entities
                                              for v in call.literals()):
                continue  # (most calls: looked at no further)
            signature, declared = _declared(call.name)
            try:
                bound = signature.bind(None, *call.args, **call.kwargs)
            except TypeError:
                continue  # said when the page is rendered
            for key, value in bound.arguments.items():
                kind, table = tables.get(declared.get(key, ""), ("", ()))
                if kind and isinstance(value, str) and value not in table and value not in facts.dropped:
                    try:
                        lookup(kind, value, table)
                    except FactLookupError as exc:
                        found.append(Problem(path, call.line, exc.code,
                                             f"{written(call.name, call.args, call.kwargs)}: {exc}"))
    return found


@functools.cache
def _declared(name: str) -> tuple[inspect.Signature, dict[str, str]]:
    """Macro ``name``'s signature and its arguments' kinds."""
    return inspect.signature(MACROS[name]), kinds(MACROS[name])


def _dated(r: Renderer, cid: str) -> Any:
    claim = r.facts.claim(cid)
    if claim.date is None:
        raise MacroError(f"claim '{cid}' has no date; give it one or use another claim", "no-date")
    return claim.date


def _terms(r: Renderer, eid: str, field: str) -> Any:
    terms = r.facts.entity(eid).terms
    value = getattr(terms, field) if terms is not None else None
    if value is None:
        raise MacroError(f"entity '{eid}' has no {field} in its terms; add it to facts/", "no-value")
    return value


# ---- one record ------------------------------------------------------------------------------


@macro
def claim(r: Renderer, id: ClaimId) -> str:
    """A claim as a sentence in prose, with its citation markers, verdict badge and permalink.
    Example: claim("example-opening")"""
    return rclaims.claim_inline(r, r.facts.claim(id))


@macro
def claim_card(r: Renderer, id: ClaimId) -> str:
    """A claim as a card: verdict, the wording checked, why, the evidence, corrections.
    Example: claim_card("example-opening")"""
    return rclaims.claim_card(r, r.facts.claim(id))


@macro
def entity(r: Renderer, id: EntityId) -> str:
    """A person's, organisation's, place's or agreement's name, linked to its card.
    Example: entity("example-mayor")"""
    return entities.entity_link(r, r.facts.entity(id))


@macro
def entity_card(r: Renderer, id: EntityId) -> str:
    """An entity's card: description, aliases, roles, terms.
    Example: entity_card("example-mayor")"""
    return entities.entity_card(r, r.facts.entity(id))


# ---- lists -----------------------------------------------------------------------------------


@macro
def claims(r: Renderer, topic: Topic | None = None, entity: EntityId | None = None,
           verdict: Verdicts | None = None) -> str:
    """Cards of the claims about a topic and/or an entity, with a verdict (or several), in fact-file order.
    Example: claims(topic="budget")"""
    return rclaims.claim_cards(r, r.facts.select(topic, entity, verdict))


@macro
def claim_links(r: Renderer, verdict: Verdicts | None = None, topic: Topic | None = None,
                entity: EntityId | None = None) -> str:
    """A compact list of claims, each linked to its card; several verdicts are grouped in that order.
    Example: claim_links(verdict=["inaccurate", "misleading"])"""
    return pages.claim_links(r, r.facts.select(topic, entity, verdict))


@macro
def entities_(r: Renderer, kind: EntityKind | None = None) -> str:
    """Cards of every entity (or of one kind), each with the claims about it; their permanent home.
    Example: entities(kind="person")"""
    return entities.entity_list(r, kind)


@macro
def timeline(r: Renderer, topic: Topic | None = None, entity: EntityId | None = None) -> str:
    """Every dated claim (or those about a topic and/or an entity) in date order, grouped by year.
    Example: timeline(topic="budget")"""
    if topic is None and entity is None:
        return pages.timeline(r, r.facts.timeline)
    return pages.timeline(r, r.facts.in_time_order(r.facts.select(topic, entity)))


@macro
def sources_list(r: Renderer, publisher: PublisherId | None = None) -> str:
    """Every source with its publisher, date, reliability flag and excerpts; their permanent home. A large site can
    split the list: a page per publisher with ``sources_list(publisher=...)``, and ``sources_list()`` lists the
    sources of every other publisher.
    Example: sources_list()"""
    return pages.sources_list(r, publisher)


@macro
def claims_index(r: Renderer, topic: Topic | None = None) -> str:
    """Every claim's card, grouped by topic; their permanent home (the ¶ links point here). A large site can split
    the list: a page per topic with ``claims_index(topic=...)`` lists the claims whose first topic it is, and
    ``claims_index()`` lists the rest, after links to the topics' pages; a permalink to a claim from before its
    topic got a page (``claims/#claim-x``) leads to it there.
    Example: claims_index()"""
    return pages.claims_index(r, topic)


@macro
def article_review(r: Renderer) -> str:
    """The reviewed article statement by statement, each with its verdicts.
    Example: article_review()"""
    return review.article_review(r)


@macro
def article_source(r: Renderer) -> str:
    """The reviewed article: headline, publisher, date and address (or why there is none).
    Example: article_source()"""
    return review.article_source(r)


@macro
def coverage(r: Renderer) -> str:
    """How many claims rest on one source, on flagged sources only, or on the article alone.
    Example: coverage()"""
    return pages.coverage(r)


@macro
def corrections_log(r: Renderer) -> str:
    """Every correction, newest first, each linked to its claim.
    Example: corrections_log()"""
    return pages.corrections_log(r)


@macro
def verdict_scale(r: Renderer) -> str:
    """The verdict scale as a table: each verdict, its badge and what it means.
    Example: verdict_scale()"""
    return pages.verdict_scale(r.lang)


# ---- values for prose ------------------------------------------------------------------------


@macro
def date_of(r: Renderer, claim_id: ClaimId) -> str:
    """A claim's date, written at its precision ('31 July 2025', 'July 2025').
    Example: date_of("example-opening")"""
    return i18n.human_date(_dated(r, claim_id), r.lang)


@macro
def year_of(r: Renderer, claim_id: ClaimId) -> int:
    """The year of a claim's date.
    Example: year_of("example-opening")"""
    return int(_dated(r, claim_id).start.year)


@macro
def months_between(r: Renderer, claim_a: ClaimId, claim_b: ClaimId) -> int:
    """Whole months from one claim's date to another's.
    Example: months_between("example-opening", "example-closing")"""
    _dated(r, claim_a), _dated(r, claim_b)
    return compute.months_between(r.facts.claim(claim_a), r.facts.claim(claim_b))


@macro
def days_between(r: Renderer, claim_a: ClaimId, claim_b: ClaimId) -> int:
    """Days from one claim's date to another's.
    Example: days_between("example-opening", "example-closing")"""
    _dated(r, claim_a), _dated(r, claim_b)
    return compute.days_between(r.facts.claim(claim_a), r.facts.claim(claim_b))


@macro
def signed(r: Renderer, entity_id: EntityId) -> str:
    """When an agreement was signed, at its precision.
    Example: signed("example-lease")"""
    return i18n.human_date(_terms(r, entity_id, "signed"), r.lang)


@macro
def term_years(r: Renderer, entity_id: EntityId) -> int:
    """An agreement's term in years.
    Example: term_years("example-lease")"""
    return int(_terms(r, entity_id, "term_years"))


@macro
def renewal_years(r: Renderer, entity_id: EntityId) -> int:
    """The length of an agreement's automatic renewals, in years.
    Example: renewal_years("example-lease")"""
    return int(_terms(r, entity_id, "renewal_years"))


@macro
def expiry(r: Renderer, entity_id: EntityId) -> str:
    """When an agreement expires: signed + term, or its stated expiry.
    Example: expiry("example-lease")"""
    _terms(r, entity_id, "citations")
    return compute.expiry_text(r.facts.entity(entity_id), r.lang)


@macro
def report_url(r: Renderer) -> str:
    """Where readers send a report about no claim in particular (the report channel), or '' when there is none.
    Example: report_url()"""
    return reporting.report_url(r)


@macro
def report_channels(r: Renderer) -> str:
    """Every way readers can send a report (issue tracker, form, email), or a plain note that there is none yet.
    Example: report_channels()"""
    return reporting.report_channels(r)


@macro
def about(r: Renderer) -> str:
    """What the site says about itself: publisher, who checks, contact, funding, licences, last update, corrections.
    Example: about()"""
    return rabout.about(r)


@macro
def corrections_feed(r: Renderer, label: str | None = None) -> str:
    """A link to the Atom feed of every correction and verdict change, the page's edition's (in its language);
    the label defaults to 'corrections feed (Atom)' in the page's language.
    Example: corrections_feed()"""
    return tag("a", esc(label or i18n.t(r.lang, "feed-label")), href=r.href(feed.feed_path(r.lang)),
               type=feed.FEED_TYPE)


@macro
def claim_count(r: Renderer) -> int:
    """How many claims the site holds.
    Example: claim_count()"""
    return len(r.facts.claims)


@macro
def source_count(r: Renderer) -> int:
    """How many sources the site holds.
    Example: source_count()"""
    return len(r.facts.sources)


@macro
def entity_count(r: Renderer) -> int:
    """How many entities the site holds.
    Example: entity_count()"""
    return len(r.facts.entities)


@macro
def verdict_count(r: Renderer, verdict: Verdict) -> int:
    """How many claims have a verdict.
    Example: verdict_count("accurate")"""
    return compute.verdict_count(r.facts, verdict)


@macro
def num(r: Renderer, value: int) -> str:
    """A whole number written as the page's language writes it (in a translated page: num(claim_count())).
    Example: num(1234)"""
    return i18n.number(value, r.lang)
