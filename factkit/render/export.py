"""Open-data export: every record as JSON (with where each claim appears) and claims as CSV; deterministic."""

from __future__ import annotations

import csv
import io
import json
from typing import Any

from ..model import Record
from ..store import FactBase
from .core import Renderer


def _record(obj: Record) -> dict[str, Any]:
    return obj.model_dump(mode="json", exclude_none=True)


def claim_places(r: Renderer, cid: str) -> list[dict[str, str | None]]:
    """The pages a claim appears on (site-relative), canonical first, each with its anchor if any."""
    pages = r.appearances.get(cid, {})
    return sorted(({"page": page, "anchor": anchor} for page, anchor in pages.items()),
                  key=lambda p: (p["anchor"] is None, p["page"]))


def missing_claims(r: Renderer) -> list[str]:
    """Claims in the facts that no page shows."""
    return sorted(cid for cid in r.facts.claims if not r.appearances.get(cid))


def facts_json(r: Renderer) -> str:
    facts: FactBase = r.facts
    claims = []
    for cid in sorted(facts.claims):
        data = _record(facts.claims[cid])
        places = claim_places(r, cid)
        canonical = next((p for p in places if p["anchor"]), None)
        data["url"] = f"{canonical['page']}#{canonical['anchor']}" if canonical else None
        data["appears"] = places
        claims.append(data)
    doc = {
        "claims": claims,
        "sources": [_record(facts.sources[k]) for k in sorted(facts.sources)],
        "publishers": [_record(facts.publishers[k]) for k in sorted(facts.publishers)],
        "entities": [_record(facts.entities[k]) for k in sorted(facts.entities)],
        "review": _record(facts.review) if facts.review else None,
    }
    return _json_lines(doc)


def _json_lines(doc: dict[str, Any]) -> str:
    """JSON with one record per line: easy to grep and diff, and written by the C encoder
    (``indent=`` would switch json to its pure-Python encoder, ~10x slower at 10,000 claims)."""

    def dump(value: Any) -> str:
        return json.dumps(value, ensure_ascii=False, separators=(", ", ": "))

    parts = []
    for key, value in doc.items():
        if isinstance(value, list):
            body = ",\n".join(dump(item) for item in value)
            parts.append(f"{dump(key)}: [\n{body}\n]" if value else f"{dump(key)}: []")
        else:
            parts.append(f"{dump(key)}: {dump(value)}")
    return "{\n" + ",\n".join(parts) + "\n}\n"


CSV_FIELDS = ["id", "text", "date", "status", "verdict", "wording", "topics", "entities", "sources", "checked",
              "url"]


def claims_csv(r: Renderer) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_FIELDS)
    for cid in sorted(r.facts.claims):
        c = r.facts.claims[cid]
        places = claim_places(r, cid)
        canonical = next((p for p in places if p["anchor"]), None)
        writer.writerow([
            c.id, c.text, c.date.text if c.date else "", c.status, c.review.verdict if c.review else "",
            c.review.wording if c.review else "", " ".join(c.topics), " ".join(c.entities),
            " ".join(dict.fromkeys(x.source for x in c.citations)), c.checked.text,
            f"{canonical['page']}#{canonical['anchor']}" if canonical else "",
        ])
    return out.getvalue()
