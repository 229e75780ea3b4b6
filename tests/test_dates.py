"""Dates at their precision: the EDTF subset of FACTS_FORMAT.md (parsing, bounds, order, errors)."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from factkit import dates


@pytest.mark.parametrize(
    ("written", "precision", "earliest", "latest", "approximate", "uncertain"),
    [
        ("2019", "year", "2019-01-01", "2019-12-31", False, False),
        (2019, "year", "2019-01-01", "2019-12-31", False, False),
        ("2025-07", "month", "2025-07-01", "2025-07-31", False, False),
        ("2024-02", "month", "2024-02-01", "2024-02-29", False, False),
        ("2025-07-31", "day", "2025-07-31", "2025-07-31", False, False),
        ("2015~", "year", "2015-01-01", "2015-12-31", True, False),
        ("2015-09~", "month", "2015-09-01", "2015-09-30", True, False),
        ("2025-07?", "month", "2025-07-01", "2025-07-31", False, True),
        ("2020%", "year", "2020-01-01", "2020-12-31", True, True),
        ("2015/2017", "period", "2015-01-01", "2017-12-31", False, False),
        ("2024-12/2025-07", "period", "2024-12-01", "2025-07-31", False, False),
        ("2024-12-08/..", "period", "2024-12-08", "2024-12-08", False, False),
        (" 2025-07 ", "month", "2025-07-01", "2025-07-31", False, False),
    ],
)
def test_parse_keeps_precision(written, precision, earliest, latest, approximate, uncertain) -> None:
    d = dates.parse(written)
    assert d.text == str(written).strip()
    assert d.precision == precision
    assert (d.earliest().isoformat(), d.latest().isoformat()) == (earliest, latest)
    assert (d.start.approximate, d.start.uncertain) == (approximate, uncertain)
    assert d.is_period == (precision == "period")


def test_open_period() -> None:
    d = dates.parse("2024-12-08/..")
    assert d.open_end and d.end is None
    assert d.iso() == "2024-12-08"


@pytest.mark.parametrize(
    ("written", "says"),
    [
        ("2025-02-30", "February 2025 has 28 days"),
        ("2023-02-29", "February 2023 has 28 days"),
        ("2025-04-31", "April 2025 has 30 days"),
        ("2025-13", "month 13, which does not exist"),
        ("2025-00", "month 0, which does not exist"),
        ("2025-07-00", "July 2025 has 31 days"),
        ("0000", "year 0000"),
        ("0000-02-29", "year 0000"),
        ("2025/2024", "ends before it starts"),
        ("2025-07-31/2025-07-30", "ends before it starts"),
        ("../2025", "not a date I can read"),
        ("2025-7-1", "not a date I can read"),
        ("31/07/2025", "written with slashes; write the day as YYYY-MM-DD: 2025-07-31"),
        ("07/31/2025", "YYYY-MM-DD: 2025-07-31"),
        ("03/07/2025", "YYYY-MM-DD: 2025-07-03 or 2025-03-07"),  # which is the day is not guessed
        ("2025-07-31/2025-13-01", "in the period '2025-07-31/2025-13-01' (START/END): '2025-13-01' has month 13"),
        ("2025-07-31T10:00:00Z", "not a date I can read"),
        ("July 2025", "not a date I can read"),
        ("25", "not a date I can read"),
        (12, "not a date I can read"),
        ("", "not a date I can read"),
        ("٢٠٢٥", "not a date I can read"),  # Arabic-Indic digits: ASCII only
        ("2025~~", "not a date I can read"),
        ("2025/2026/2027", "not a date I can read"),
        (True, "got true/false"),
        (2025.5, "got a decimal number"),
        (None, "got nothing"),
        ([2025], "got a list"),
        ({"year": 2025}, "got a mapping"),
    ],
)
def test_parse_rejects_with_a_reason(written, says: str) -> None:
    with pytest.raises(dates.DateError) as err:
        dates.parse(written)
    assert says in str(err.value)
    if "not a date I can read" in says:
        assert "YYYY-MM-DD" in str(err.value)  # says what is allowed


def test_human_forms() -> None:
    assert dates.parse("2019").human() == "2019"
    assert dates.parse("2025-07").human() == "July 2025"
    assert dates.parse("2025-07-31").human() == "31 July 2025"
    assert dates.parse("2015~").human() == "c. 2015"
    assert dates.parse("2025-07?").human() == "July 2025 (?)"
    assert dates.parse("2024-12-08/..").human() == "since 8 December 2024"


def test_chronological_order_coarser_first() -> None:
    written = ["2025-07-31", "2025", "2025-07", "2024-12/2025-07", "2024~", "2025-07-01"]
    ordered = sorted((dates.parse(w) for w in written), key=lambda d: d.sort_key())
    assert [d.text for d in ordered] == ["2024~", "2024-12/2025-07", "2025", "2025-07", "2025-07-01", "2025-07-31"]


def test_months_between() -> None:
    a, b = dt.date(2024, 12, 8), dt.date(2025, 7, 31)
    assert dates.months_between(a, b) == 7
    assert dates.months_between(b, a) == -7
    assert dates.months_between(dt.date(2025, 1, 31), dt.date(2025, 2, 28)) == 0


@given(st.dates(min_value=dt.date(1, 1, 1), max_value=dt.date(9999, 12, 31)), st.sampled_from(["", "~", "?", "%"]))
def test_every_real_day_parses_at_every_precision(day: dt.date, qualifier: str) -> None:
    for text in (f"{day.year:04d}", f"{day.year:04d}-{day.month:02d}", day.isoformat()):
        d = dates.parse(text + qualifier)
        assert d.earliest() <= day <= d.latest()
        assert d.start.edtf() == text + qualifier
    assert dates.from_date(day).earliest() == day


@given(st.dates(), st.dates())
def test_periods_parse_iff_in_order(a: dt.date, b: dt.date) -> None:
    text = f"{a.isoformat()}/{b.isoformat()}"
    if b < a:
        with pytest.raises(dates.DateError):
            dates.parse(text)
    else:
        d = dates.parse(text)
        assert (d.earliest(), d.latest()) == (a, b)


@given(st.text(max_size=30))
def test_any_text_parses_or_raises_a_date_error(text: str) -> None:
    try:
        d = dates.parse(text)
    except dates.DateError:
        return
    assert d.earliest() <= d.latest() or d.open_end
