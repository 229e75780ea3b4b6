"""The site's macros: facts are loaded and checked once per build, then queried by pages.

A fact error stops the build with the same ``path:line: message [code]`` report as
``python -m factkit check``; an unknown id in a page stops it naming the page and the nearest id.
Neither prints a traceback (PluginError is reported by MkDocs as a plain message).
"""

from __future__ import annotations

import functools
import logging
import os
from collections.abc import Callable
from pathlib import Path

from mkdocs.exceptions import PluginError

import factkit
import factkit.cache
from factkit.model import VERDICTS
from factkit.render import FactLookupError, Renderer, compute, entities, export, pages, review
from factkit.render import claims as rclaims

from . import calls
from .homes import find_homes

log = logging.getLogger("mkdocs.plugins.factkit")
STATE: dict = {}


def _renderer() -> Renderer:
    return STATE["renderer"]


def _facts_epoch(facts: factkit.FactBase) -> int | None:
    """The latest date in the facts, as a timestamp: used for the sitemap so builds are repeatable."""
    import datetime as dt

    days = [c.checked.latest() for c in facts.claims.values()]
    days += [s.accessed.latest() for s in facts.sources.values()]
    if facts.review:
        days.append(facts.review.published.latest())
    if not days:
        return None
    return int(dt.datetime.combine(max(days), dt.time(), dt.UTC).timestamp())


def define_env(env) -> None:
    conf = env.conf.get("extra", {}).get("factkit", {})
    root = Path(env.conf["config_file_path"]).parent
    # the cache (.factkit-cache/, signed, see factkit.cache) re-reads only the fact files that changed
    facts, problems = factkit.check(root / conf.get("facts_dir", "facts"), base_dir=root,
                                    cache_dir=root / factkit.cache.CACHE_DIR)
    if factkit.errors(problems):
        raise PluginError("The facts have errors; the site was not built:\n" + factkit.report(problems))
    for problem in problems:
        log.info(str(problem))
    epoch = _facts_epoch(facts)
    if epoch is not None and "SOURCE_DATE_EPOCH" not in os.environ:
        os.environ["SOURCE_DATE_EPOCH"] = str(epoch)
    STATE.clear()
    STATE.update(renderer=Renderer(facts, find_homes(env.conf), _topic_labels(conf, facts)), errors=[], env=env)
    _register(env)


def _topic_labels(conf: dict, facts: factkit.FactBase) -> dict[str, str]:
    """``extra.factkit.topics`` in mkdocs.yml: topic id -> display label (e.g. ``fall-of-assad: Fall of Assad``).
    A key that is no topic of any claim, or a label that is not text, stops the build (a typo would otherwise
    fall back to the default label unnoticed)."""
    labels = conf.get("topics") or {}
    if not isinstance(labels, dict):
        raise PluginError("extra.factkit.topics in mkdocs.yml must map topic ids to labels, e.g. "
                          "{fall-of-assad: \"Fall of Assad\"}")
    known = set(facts.claims_by_topic) | {"other"}
    problems = []
    for topic, label in labels.items():
        if not isinstance(label, str) or not label.strip():
            problems.append(f"topic '{topic}': the label must be text, not {label!r}")
        elif topic not in known:
            try:
                Renderer._lookup("topic", topic, dict.fromkeys(known))
            except FactLookupError as exc:
                problems.append(str(exc))
    if problems:
        raise PluginError("extra.factkit.topics in mkdocs.yml:\n" + "\n".join(problems))
    return {str(k): v.strip() for k, v in labels.items()}


def _timeline_order(facts: factkit.FactBase) -> dict:
    """Claim -> its place in the whole timeline (built once per build)."""
    order = facts.__dict__.get("_timeline_order")
    if order is None:
        order = facts.__dict__["_timeline_order"] = {c.id: i for i, c in enumerate(facts.timeline)}
    return order


def _page_name(env) -> str:
    try:
        return env.page.file.src_uri
    except AttributeError:
        return "(no page)"


def _macro(env, fn: Callable) -> None:
    """Register a macro; a lookup error is collected and reported for its page (no traceback)."""

    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        try:
            return fn(*args, **kwargs)
        except (FactLookupError, ValueError) as exc:
            call = ", ".join([repr(a) for a in args] + [f"{k}={v!r}" for k, v in kwargs.items()])
            STATE["errors"].append(f"{_page_name(env)}: {fn.__name__}({call}): {exc}")
            return ""

    env.macro(wrapper, fn.__name__)
    STATE.setdefault("macro_names", set()).add(fn.__name__)


def _register(env) -> None:
    r = _renderer()
    facts = r.facts

    def claim(id: str) -> str:
        return rclaims.claim_inline(r, r.claim(id))

    def claim_card(id: str) -> str:
        return rclaims.claim_card(r, r.claim(id))

    def select(topic: str | None, entity: str | None) -> list:
        """Claims about a topic and/or an entity (an unknown entity fails), in fact-file order.
        From the indexes, never a scan of every claim: a page costs what it shows, not the fact base."""
        if entity is not None:
            r.entity(entity)
        if topic is None:
            return list(facts.claims.values()) if entity is None else list(facts.claims_by_entity.get(entity, []))
        chosen = facts.claims_by_topic.get(topic, [])
        if entity is not None:
            ids = {c.id for c in facts.claims_by_entity.get(entity, [])}
            chosen = [c for c in chosen if c.id in ids]
        return list(chosen)

    def claims(topic: str | None = None, entity: str | None = None, verdict: str | None = None) -> str:
        chosen = select(topic, entity)
        if verdict is not None:
            chosen = [c for c in chosen if c.review and c.review.verdict == verdict]
        return rclaims.claim_cards(r, chosen)

    def claim_links(verdict: str | list[str] | None = None, topic: str | None = None,
                    entity: str | None = None) -> str:
        """Claims as a short list of links with badges; ``verdict`` may list several (grouped in that order)."""
        if topic is not None:
            r._lookup("topic", topic, facts.claims_by_topic)
        chosen = select(topic, entity)
        if verdict is not None:
            wanted = [verdict] if isinstance(verdict, str) else list(verdict)
            for v in wanted:
                r._lookup("verdict", v, VERDICTS)
            chosen = [c for v in wanted for c in chosen if c.review and c.review.verdict == v]
        return pages.claim_links(r, chosen)

    def entity(id: str) -> str:
        return entities.entity_link(r, r.entity(id))

    def entity_card(id: str) -> str:
        return entities.entity_card(r, r.entity(id))

    def entities_(kind: str | None = None) -> str:
        return entities.entity_list(r, kind)

    def timeline(topic: str | None = None, entity: str | None = None) -> str:
        chosen = facts.timeline
        if topic is not None or entity is not None:
            order = _timeline_order(facts)
            chosen = sorted((c for c in select(topic, entity) if c.date is not None), key=lambda c: order[c.id])
        return pages.timeline(r, chosen)

    def date_of(claim_id: str) -> str:
        c = r.claim(claim_id)
        if c.date is None:
            raise ValueError(f"claim '{claim_id}' has no date")
        return c.date.human()

    def year_of(claim_id: str) -> int:
        c = r.claim(claim_id)
        if c.date is None:
            raise ValueError(f"claim '{claim_id}' has no date")
        return c.date.start.year

    def months_between(claim_a: str, claim_b: str) -> int:
        return compute.months_between(r.claim(claim_a), r.claim(claim_b))

    def days_between(claim_a: str, claim_b: str) -> int:
        return compute.days_between(r.claim(claim_a), r.claim(claim_b))

    def signed(entity_id: str) -> str:
        terms = compute.terms_of(r.entity(entity_id))
        if terms.signed is None:
            raise ValueError(f"entity '{entity_id}' has no signing date")
        return terms.signed.human()

    def term_years(entity_id: str) -> int:
        terms = compute.terms_of(r.entity(entity_id))
        if terms.term_years is None:
            raise ValueError(f"entity '{entity_id}' has no term_years")
        return terms.term_years

    def expiry(entity_id: str) -> str:
        return compute.expiry_text(r.entity(entity_id))

    def renewal_years(entity_id: str) -> int:
        terms = compute.terms_of(r.entity(entity_id))
        if terms.renewal_years is None:
            raise ValueError(f"entity '{entity_id}' has no renewal_years")
        return terms.renewal_years

    def claim_count() -> int:
        return len(facts.claims)

    def source_count() -> int:
        return len(facts.sources)

    def entity_count() -> int:
        return len(facts.entities)

    def verdict_count(verdict: str) -> int:
        if verdict not in VERDICTS:
            r._lookup("verdict", verdict, VERDICTS)
        return compute.verdict_count(facts, verdict)

    def sources_list() -> str:
        return pages.sources_list(r)

    def claims_index() -> str:
        return pages.claims_index(r)

    def article_review() -> str:
        return review.article_review(r)

    def article_source() -> str:
        return review.article_source(r)

    def coverage() -> str:
        return pages.coverage(r)

    def corrections_log() -> str:
        return pages.corrections_log(r)

    def verdict_scale() -> str:
        return pages.verdict_scale()

    entities_.__name__ = "entities"
    for fn in (claim, claim_card, claims, claim_links, entity, entity_card, entities_, timeline, date_of, year_of,
               months_between, days_between, signed, term_years, expiry, renewal_years, claim_count,
               source_count, entity_count, verdict_count, sources_list, claims_index, article_review,
               article_source, coverage, corrections_log, verdict_scale):
        _macro(env, fn)


def on_pre_page_macros(env) -> None:
    if "renderer" in STATE:
        _renderer().begin_page(env.page.url)
        if calls.enabled(env):  # plain macro calls are made here: no Jinja compile for the page
            ours = {name: fn for name, fn in env.macros.items() if name in STATE["macro_names"]}
            expanded = calls.expand(env.markdown, ours)
            if expanded is not None:
                env.markdown = expanded
                calls.skip_jinja(env)


def on_post_page_macros(env) -> None:
    errors = STATE.get("errors")
    if errors:
        message = "\n".join(errors)
        errors.clear()
        raise PluginError("A page refers to facts that do not exist:\n" + message)


def on_post_build(env) -> None:
    """Write the open-data export; fail when a claim in facts/ appears on no page."""
    if "renderer" not in STATE:
        return
    r = _renderer()
    missing = export.missing_claims(r)
    if missing:
        raise PluginError("These claims appear on no page (add them to a page, e.g. with claims_index()): "
                          + ", ".join(missing))
    out = Path(env.conf["site_dir"]) / "data"
    out.mkdir(parents=True, exist_ok=True)
    (out / "facts.json").write_text(export.facts_json(r), encoding="utf-8")
    (out / "claims.csv").write_text(export.claims_csv(r), encoding="utf-8")
