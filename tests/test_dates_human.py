"""EDTFDate.human() for periods: the parts both ends share are written once."""

from __future__ import annotations

import pytest

from factkit.dates import parse


@pytest.mark.parametrize(("text", "shown"), [
    ("2025-09-15/2025-09-20", "15–20 September 2025"),
    ("2025-07/2025-09", "July–September 2025"),
    ("2015/2017", "2015–2017"),
    ("2015-09-30/2024-12-08", "30 September 2015 – 8 December 2024"),
    ("2025-07-13/2025-08-02", "13 July – 2 August 2025"),
    ("2024-11/2025-02", "November 2024 – February 2025"),
    ("2024-12-31/2025-01-01", "31 December 2024 – 1 January 2025"),
    ("2025-05-13/2025-05-13", "13 May 2025"),
    ("2025/2025", "2025"),
    # mixed precision or qualified ends: both written in full
    ("2015/2024-12-08", "2015 – 8 December 2024"),
    ("2025-07/2025-07-31", "July 2025 – 31 July 2025"),
    ("2015~/2017", "c. 2015 – 2017"),
    ("2025-09-15?/2025-09-20", "15 September 2025 (?) – 20 September 2025"),
])
def test_period_human(text: str, shown: str) -> None:
    assert parse(text).human() == shown


@pytest.mark.parametrize(("text", "shown"), [
    ("2019", "2019"), ("2025-07", "July 2025"), ("2025-07-31", "31 July 2025"), ("2015~", "c. 2015"),
    ("2024-12-08/..", "since 8 December 2024"),
])
def test_points_and_open_periods_unchanged(text: str, shown: str) -> None:
    assert parse(text).human() == shown
