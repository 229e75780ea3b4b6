"""The JSON Schema of fact files, generated from the model (for editors' IDEs)."""

from __future__ import annotations

from typing import Any

from .model import FactFile


def fact_schema() -> dict[str, Any]:
    """JSON Schema (draft 2020-12) of one fact file."""
    schema = FactFile.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "Fact file"
    schema["description"] = "A fact file of a fact-checked explainer: sources, entities, claims, review."
    return schema
