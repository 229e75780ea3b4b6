"""The fact model: sources, entities, claims and the review of one article.

Records are pydantic models: types and required fields are declared once here, and the same
declarations give the JSON Schema that editors' IDEs use. Every record keeps the file and line it
came from (``where``) and the line of each of its fields (``line_of``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Annotated, Any, Literal, get_args

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    PlainSerializer,
    StringConstraints,
    WithJsonSchema,
    model_validator,
)

from . import dates

ID_PATTERN = r"^[a-z0-9][a-z0-9-]{0,79}$"


@dataclass(frozen=True)
class Verdict:
    """One step of the verdict scale: how it reads, its icon, what it means, its ClaimReview rating."""

    label: str
    icon: str
    meaning: str
    rating: int | None  # normalised 1-4 (4 = accurate) for ClaimReview; None: not rated


VERDICTS: dict[str, Verdict] = {  # the scale, in order: the only table of verdicts
    "accurate": Verdict("Accurate", "✓", "The vetted sources support the statement as worded.", 4),
    "needs-context": Verdict("Needs context", "◐", "Broadly supported, but a detail is missing, compressed or "
                             "disputed between sources.", 3),
    "misleading": Verdict("Misleading", "⚠", "Contains a true element but gives a wrong impression.", 2),
    "inaccurate": Verdict("Inaccurate", "✗", "The vetted sources contradict the statement.", 1),
    "unverified": Verdict("Unverified", "?", "No vetted source supports or refutes the statement.", None),
}
SourceKind = Literal["news", "official", "analysis", "reference", "blog", "aggregator", "reviewed-article"]
EntityKind = Literal["person", "organisation", "place", "agreement", "event"]
PublisherKind = Literal["news-agency", "broadcaster", "newspaper", "magazine", "news-site", "government",
                        "aggregator", "blog", "reference", "other"]
SOURCE_KINDS: tuple[SourceKind, ...] = get_args(SourceKind)
ENTITY_KINDS: tuple[EntityKind, ...] = get_args(EntityKind)
PUBLISHER_KINDS: tuple[PublisherKind, ...] = get_args(PublisherKind)
SINGULAR = {"publishers": "publisher", "sources": "source", "entities": "entity", "claims": "claim",
            "review": "review"}
MAX_TEXT = 2000


def _parse_date(value: Any) -> dates.EDTFDate:
    if isinstance(value, dates.EDTFDate):
        return value
    if type(value) is str:
        return dates.cached(value)
    return dates.parse(value)


Id = Annotated[str, StringConstraints(strict=True, pattern=ID_PATTERN)]
NOT_BLANK = r"\S"  # a text must hold something besides spaces (a blank text would render as nothing)
Text = Annotated[str, StringConstraints(strict=True, min_length=1, max_length=MAX_TEXT, pattern=NOT_BLANK)]
ShortText = Annotated[str, StringConstraints(strict=True, min_length=1, max_length=300, pattern=NOT_BLANK)]
Date = Annotated[
    dates.EDTFDate,
    BeforeValidator(_parse_date),
    PlainSerializer(lambda d: d.text, return_type=str),
    WithJsonSchema({
        "type": ["string", "integer"],
        "description": "EDTF subset: " + dates.SYNTAX_HELP,
        "pattern": dates.DATE_PATTERN,
    }),
]


def _one_day(value: dates.EDTFDate) -> dates.EDTFDate:
    if value.precision != "day" or value.start.approximate or value.start.uncertain:
        raise ValueError(f"'{value.text}' is not one day; write the day it was done (YYYY-MM-DD)")
    return value


# the day an editor did something (read a source, checked a claim): always known exactly
Day = Annotated[Date, AfterValidator(_one_day), WithJsonSchema(
    {"type": "string", "description": "A day, YYYY-MM-DD.", "pattern": r"^\d{4}-\d{2}-\d{2}$"})]
Url = Annotated[str, StringConstraints(strict=True, max_length=2000)]
_ID = re.compile(ID_PATTERN)


def relay_id(relays: str | None) -> str | None:
    """The publisher id a source's ``relays`` names, or None when it is a name written as text."""
    return relays if relays is not None and _ID.match(relays) else None


_NOWHERE: tuple[str, int, dict[str, int]] = ("", 0, {})


class Record(BaseModel):
    """Base of every fact record: strict fields, no extras, and its place in a file.

    The position is kept in a slot of its own, so it is never serialised, validated or compared, and costs
    none of pydantic's per-model set-up of private attributes (about 0.15 s of a 10,000-claim check).
    """

    __slots__ = ("_pos",)  # (file, line, line of each key); unset for a record made in code
    # defer_build: validators are built on first validation, so a warm (cached) check never builds them
    model_config = ConfigDict(extra="forbid", frozen=False, validate_default=False, defer_build=True)

    @model_validator(mode="wrap")
    @classmethod
    def _keep_position(cls, data: Any, handler: Any) -> Any:
        obj = handler(data)
        file = getattr(data, "file", None)
        if file is not None:  # read from a fact file (LMap): keep where
            object.__setattr__(obj, "_pos", (file, data.line, data.key_lines))
        return obj

    @property
    def where(self) -> tuple[str, int]:
        """(file, line) where the record starts."""
        pos = getattr(self, "_pos", _NOWHERE)
        return pos[0], pos[1]

    def line_of(self, field_name: str) -> int:
        """Line of a field, or of the record when the field is absent."""
        pos = getattr(self, "_pos", _NOWHERE)
        return pos[2].get(field_name, pos[1])


class Excerpt(Record):
    text: Text = Field(description="A verbatim passage read from the source (<= 30 words).")
    says: Text | None = Field(None, description="English paraphrase when the passage is not in English.")


class Citation(Record):
    source: Id = Field(description="Id of a source in facts/.")
    quote: Text | None = Field(None, description="Short verbatim quote; must occur in the source's excerpts.")
    locator: ShortText | None = Field(None, description="Where in the source, e.g. 'para 3'.")
    stance: Literal["supports", "contradicts", "context"] = "supports"


class Publisher(Record):
    id: Id
    name: ShortText = Field(description="The name shown for its pages, e.g. 'TASS'.")
    kind: PublisherKind
    owner: ShortText | None = Field(None, description="Who owns or controls it, e.g. 'Russian state'.")
    country: Annotated[str, StringConstraints(strict=True, pattern=r"^[A-Z]{2}$")] | None = Field(
        None, description="Where it is based: an ISO 3166-1 alpha-2 code in capitals, e.g. RU.")
    reliability: Text | None = Field(None, description="A caution flag for every page it publishes or that relays "
                                     "it: state media, aggregator, blog, low trust.")
    notes: Text | None = None


class Source(Record):
    id: Id
    title: ShortText | None = Field(description="The page's headline, or null when the page showed none.")
    publisher: Id = Field(description="Id of the publisher (publishers:) whose page this is.")
    relays: ShortText | None = Field(None, description="The outlet whose report the page carries: a publisher id, "
                                     "or its name as text (e.g. 'Reuters').")
    url: Url | None = None
    url_unavailable: Text | None = Field(None, description="Why there is no address (only when none exists).")
    published: Date | None = Field(description="Publication date at its precision, or null when unknown.")
    published_from: Literal["page_metadata", "page_text", "url", "unknown"] = "unknown"
    published_note: Text | None = None
    accessed: Day
    language: Annotated[str, StringConstraints(strict=True, pattern=r"^[a-z]{2,3}$")]
    kind: SourceKind
    reliability: Text | None = Field(None, description="A caution flag for this page only (its publisher's flag "
                                     "applies anyway).")
    archive_url: Url | None = None
    notes: Text | None = None
    excerpts: list[Excerpt] = Field(default_factory=list)


class Role(Record):
    title: ShortText
    start: Date | None = None
    end: Date | None = None
    citations: list[Citation] = Field(min_length=1)


class Terms(Record):
    signed: Date | None = None
    term_years: Annotated[int, Field(strict=True, ge=1, le=999)] | None = None
    expires: Date | None = None
    renewal: Text | None = None
    renewal_years: Annotated[int, Field(strict=True, ge=1, le=999)] | None = None
    citations: list[Citation] = Field(min_length=1)


class Entity(Record):
    id: Id
    name: ShortText
    kind: EntityKind
    description: Text
    aliases: list[ShortText] = Field(default_factory=list)
    roles: list[Role] = Field(default_factory=list)
    terms: Terms | None = None


class Outcome(Record):
    text: Text
    date: Date | None = None
    citations: list[Citation] = Field(min_length=1)


class Review(Record):
    # any text is read so that a verdict off the scale is a located 'bad-verdict' from the checks;
    # the JSON Schema lists the scale so editors' IDEs complete and flag it
    verdict: Annotated[str, StringConstraints(strict=True)] = Field(json_schema_extra={"enum": list(VERDICTS)})
    wording: Text = Field(description="The article's words that are checked (short).")
    explanation: Text


class Correction(Record):
    date: Date
    what: Text
    why: Text


class Claim(Record):
    id: Id
    text: Text = Field(description="The claim in the site's own words; inline Markdown, no HTML.")
    date: Date | None = None
    status: Literal["occurred", "scheduled"] = "occurred"
    outcome: Outcome | None = None
    citations: list[Citation]
    entities: list[Id] = Field(default_factory=list)
    topics: list[Id] = Field(default_factory=list)
    checked: Day
    related: list[Id] = Field(default_factory=list)
    review: Review | None = None
    corrections: list[Correction] = Field(default_factory=list)


class Statement(Record):
    ref: Annotated[str, StringConstraints(strict=True, pattern=r"^p\d+\.s\d+$")]
    starts: ShortText
    claims: list[Id] = Field(default_factory=list)
    not_checked: Text | None = None


class ArticleReview(Record):
    article: Id
    reviewer: ShortText
    published: Date
    statements: list[Statement] = Field(default_factory=list)


# ---- translations: the human text of records in another language (factkit.i18n) -------------------

Lang = Annotated[str, StringConstraints(strict=True, pattern=r"^[a-z]{2,3}$")]
TrHash = Annotated[str, StringConstraints(strict=True, pattern=r"^[0-9a-f]{8}$")]
_FROM = Field(None, alias="from", description="The hash of the English text this was translated from "
              "(python -m factkit translations --confirm ID LANG writes it).")


class Translated(Record):
    """Base of a translation of one record: its id and the hash of the English it was made from."""

    model_config = ConfigDict(extra="forbid", defer_build=True, populate_by_name=True)
    from_: TrHash | None = _FROM


class CorrectionText(Record):
    what: Text | None = None
    why: Text | None = None


class ClaimText(Translated):
    id: Id
    text: Text | None = Field(None, description="The claim in this language.")
    explanation: Text | None = Field(None, description="The verdict's explanation (review.explanation).")
    outcome: Text | None = Field(None, description="The outcome's text (outcome.text).")
    corrections: list[CorrectionText] = Field(default_factory=list, description="In the claim's order.")


class EntityText(Translated):
    id: Id
    name: ShortText | None = Field(None, description="The name as written in this language (one of its aliases).")
    description: Text | None = None
    roles: list[ShortText | None] = Field(default_factory=list, description="Role titles, in the entity's order.")
    renewal: Text | None = Field(None, description="The agreement's renewal (terms.renewal).")


class SourceText(Translated):
    id: Id
    says: list[Text | None] = Field(default_factory=list,
                                    description="Paraphrase of each excerpt in this language, in order (null: none).")
    notes: Text | None = None
    reliability: Text | None = None
    published_note: Text | None = None
    url_unavailable: Text | None = None


class PublisherText(Translated):
    id: Id
    reliability: Text | None = None
    notes: Text | None = None


class ReviewText(Translated):
    reviewer: ShortText | None = None
    not_checked: dict[str, Text] = Field(default_factory=dict, description="Statement ref -> reason, translated.")


class Translations(Record):
    """One language's text for records of the site (any number of files per language)."""

    lang: Lang = Field(description="ISO 639-1 code of the language, e.g. ar, ru.")
    claims: list[ClaimText] = Field(default_factory=list)
    entities: list[EntityText] = Field(default_factory=list)
    sources: list[SourceText] = Field(default_factory=list)
    publishers: list[PublisherText] = Field(default_factory=list)
    review: ReviewText | None = None
    topics: dict[str, ShortText] = Field(default_factory=dict, description="Topic id -> heading in this language.")


class FactFile(Record):
    """The top level of one fact file (used for the JSON Schema and top-level key checks)."""

    publishers: list[Publisher] = Field(default_factory=list)
    sources: list[Source] = Field(default_factory=list)
    entities: list[Entity] = Field(default_factory=list)
    claims: list[Claim] = Field(default_factory=list)
    review: ArticleReview | None = None
    translations: Translations | None = None


KINDS: dict[str, type[Record]] = {"publishers": Publisher, "sources": Source, "entities": Entity, "claims": Claim}
