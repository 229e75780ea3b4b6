"""Dates at their precision: a documented subset of EDTF (Library of Congress).

Supported: ``YYYY``, ``YYYY-MM``, ``YYYY-MM-DD``, each optionally followed by ``~``
(approximate), ``?`` (uncertain) or ``%`` (both); periods ``A/B`` of two such dates, and
open-ended periods ``A/..``. Anything else is rejected with a message saying what is allowed.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass, field

MONTHS = [
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
]
# The grammar, defined once: a point, and a date = a point or a period (the JSON Schema and the diff use DATE_PATTERN)
POINT_PATTERN = r"([0-9]{4})(?:-([0-9]{2})(?:-([0-9]{2}))?)?([~?%]?)"  # ASCII digits only
DATE_PATTERN = rf"^{POINT_PATTERN}(?:/(?:{POINT_PATTERN}|\.\.))?$"
_POINT = re.compile(rf"^{POINT_PATTERN}$")

SYNTAX_HELP = (
    "write YYYY, YYYY-MM or YYYY-MM-DD, optionally ending in ~ (approximate) or ? (uncertain), "
    "or a period START/END"
)


class DateError(ValueError):
    """A date string that is not in the supported EDTF subset."""


@dataclass(frozen=True, slots=True)
class Point:
    """One date at year, month or day precision."""

    year: int
    month: int | None = None
    day: int | None = None
    approximate: bool = False
    uncertain: bool = False

    @property
    def precision(self) -> str:
        return "day" if self.day else "month" if self.month else "year"

    @property
    def month_name(self) -> str:
        """'July'; only for a point at month or day precision."""
        if self.month is None:
            raise ValueError(f"the date {self.edtf()} has no month")
        return MONTHS[self.month - 1]

    def earliest(self) -> dt.date:
        """First calendar day this point can mean."""
        return dt.date(self.year, self.month or 1, self.day or 1)

    def latest(self) -> dt.date:
        """Last calendar day this point can mean."""
        month = self.month or 12
        day = self.day or calendar.monthrange(self.year, month)[1]
        return dt.date(self.year, month, day)

    def edtf(self) -> str:
        text = f"{self.year:04d}"
        if self.month:
            text += f"-{self.month:02d}"
        if self.day:
            text += f"-{self.day:02d}"
        if self.approximate and self.uncertain:
            text += "%"
        elif self.approximate:
            text += "~"
        elif self.uncertain:
            text += "?"
        return text

    def human(self, qualify: bool = True) -> str:
        """'2019', 'July 2025', '31 July 2025', with 'c. ' or ' (?)' where qualified."""
        if self.day:
            text = f"{self.day} {self.month_name} {self.year}"
        elif self.month:
            text = f"{self.month_name} {self.year}"
        else:
            text = str(self.year)
        if qualify and self.approximate:
            text = "c. " + text
        if qualify and self.uncertain:
            text += " (?)"
        return text


@dataclass(frozen=True, slots=True)
class EDTFDate:
    """A point or a period, keeping the text as written."""

    text: str
    start: Point
    end: Point | None = None  # a period's end; None for a point
    open_end: bool = False
    # (earliest, latest), computed once: checks and sorting ask for them tens of thousands of times
    _bounds: tuple[dt.date, dt.date] = field(init=False, repr=False, compare=False, hash=False)

    def __post_init__(self) -> None:
        last = self.end.latest() if self.end is not None else self.start.latest()
        object.__setattr__(self, "_bounds", (self.start.earliest(), last))

    @property
    def is_period(self) -> bool:
        return self.end is not None or self.open_end

    @property
    def precision(self) -> str:
        return "period" if self.is_period else self.start.precision

    def earliest(self) -> dt.date:
        """First calendar day it can mean."""
        return self._bounds[0]

    def latest(self) -> dt.date:
        """Last day it can mean; for an open period, the start's latest day."""
        return self._bounds[1]

    def sort_key(self) -> tuple[dt.date, int, dt.date, str]:
        """Chronological order: by earliest day, then coarser precision first, then end."""
        rank = {"year": 0, "month": 1, "day": 2}
        return (self.earliest(), rank[self.start.precision], self.latest(), self.text)

    def human(self) -> str:
        """Shown at its precision: '2019', 'July 2025', 'c. 2015', '2015–2017', 'since 8 December 2024'."""
        if self.open_end:
            return "since " + self.start.human()
        if self.end is None:
            return self.start.human()
        return _period_human(self.start, self.end)

    def iso(self) -> str:
        """The most precise ISO 8601 form of its start (for schema.org), e.g. '2025-07'."""
        return self.start.edtf().rstrip("~?%")

    def __str__(self) -> str:
        return self.text


def _period_human(start: Point, end: Point) -> str:
    """A period with the parts both ends share written once: '15–20 September 2025', 'July–September 2025',
    '15 July – 20 September 2025', '2015–2017'. Qualified or mixed-precision ends are written in full.
    The en dash is spaced when either side contains a space, not counting the shared month/year."""
    left, right = start.human(), end.human()
    plain = not (start.approximate or start.uncertain or end.approximate or end.uncertain)
    shared = False
    if plain and start.precision == end.precision:
        if start == end:
            return left
        if start.year == end.year and start.precision != "year":
            shared = True
            if start.precision == "month":
                left = start.month_name
            elif start.month == end.month:
                left = str(start.day)
            else:
                left = f"{start.day} {start.month_name}"
    sep = " – " if " " in left or (" " in right and not shared) else "–"
    return f"{left}{sep}{right}"


_SLASHED = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4})$")


def _point(text: str) -> Point:
    match = _POINT.match(text)
    if not match:
        raise DateError(f"'{text}' is not a date I can read; {SYNTAX_HELP}")
    year, month, day, qual = match.groups()
    y = int(year)
    m = int(month) if month else None
    d = int(day) if day else None
    if y < 1:
        raise DateError(f"'{text}' has year 0000; write a real year")
    if m is not None:  # the pattern gives a day only with a month
        if not 1 <= m <= 12:
            raise DateError(f"'{text}' has month {m}, which does not exist; months run 01 to 12")
        if d is not None:
            last = calendar.monthrange(y, m)[1]
            if not 1 <= d <= last:
                raise DateError(
                    f"'{text}' is not a real calendar date: {MONTHS[m - 1]} {y} has {last} days"
                )
    return Point(y, m, d, approximate=qual in "~%" and qual != "", uncertain=qual in "?%" and qual != "")


def parse(value: object) -> EDTFDate:
    """Parse a date as written in a fact file (a string or a bare YAML integer year)."""
    if isinstance(value, bool) or not isinstance(value, (str, int)):
        got = {"bool": "true/false", "float": "a decimal number", "NoneType": "nothing", "LList": "a list",
               "LMap": "a mapping", "list": "a list", "dict": "a mapping"}.get(type(value).__name__, "something else")
        raise DateError(f"expected a date, got {got}; {SYNTAX_HELP}")
    text = str(value).strip()
    slashed = _SLASHED.match(text)
    if slashed:  # 31/07/2025 or 07/31/2025: said how to write it, never guessed
        a, b, year = int(slashed[1]), int(slashed[2]), slashed[3]
        options = [f"{year}-{m:02d}-{d:02d}" for d, m in ((a, b), (b, a)) if m <= 12]
        raise DateError(f"'{text}' is written with slashes; write the day as YYYY-MM-DD: "
                        + (" or ".join(dict.fromkeys(options)) if options else f"{year}-MM-DD"))
    if "/" in text:
        left, _, right = text.partition("/")
        try:
            start = _point(left)
            end = None if right == ".." else _point(right)
        except DateError as exc:
            raise DateError(f"in the period '{text}' (START/END): {exc}") from None
        if end is None:
            return EDTFDate(text, start, None, open_end=True)
        if end.latest() < start.earliest():
            raise DateError(f"the period '{text}' ends before it starts; write START/END in order")
        return EDTFDate(text, start, end)
    return EDTFDate(text, _point(text))


def from_date(day: dt.date) -> EDTFDate:
    """An EDTF day from a calendar date."""
    text = day.isoformat()
    return EDTFDate(text, Point(day.year, day.month, day.day))


def months_between(a: dt.date, b: dt.date) -> int:
    """Whole calendar months from a to b (negative when b is before a)."""
    sign = 1
    if b < a:
        a, b, sign = b, a, -1
    months = (b.year - a.year) * 12 + (b.month - a.month)
    if b.day < a.day:
        months -= 1
    return sign * months


_MEMO: dict[str, EDTFDate] = {}


def cached(text: str) -> EDTFDate:
    """``parse`` for text, memoised: fact files repeat the same dates (checked, accessed) thousands
    of times, and an EDTFDate is immutable, so equal texts share one object. Errors are not kept."""
    found = _MEMO.get(text)
    if found is None:
        found = parse(text)
        if len(_MEMO) < 100_000:
            _MEMO[text] = found
    return found
