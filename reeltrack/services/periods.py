"""Calendar periods from path parameters (year, month, ISO week, day)."""

from __future__ import annotations

import datetime as dt

from reeltrack.wire.errors import WrongParameter

INVALID_DATE = "Invalid date format."
INVALID_MONTH = "Invalid month or year."


def _int(value: str, message: str) -> int:
    try:
        return int(value)
    except (TypeError, ValueError):
        raise WrongParameter(message) from None


def year_interval(year: str, message: str = INVALID_DATE) -> tuple[dt.date, dt.date]:
    """First day of the year and first day of the next one."""
    number = _int(year, message)
    if not dt.MINYEAR <= number < dt.MAXYEAR:
        raise WrongParameter(message)
    return dt.date(number, 1, 1), dt.date(number + 1, 1, 1)


def month_interval(year: str, month: str, message: str = INVALID_DATE) -> tuple[dt.date, dt.date]:
    try:
        start = dt.date(_int(year, message), _int(month, message), 1)
        end = dt.date(start.year + start.month // 12, start.month % 12 + 1, 1)
    except (ValueError, OverflowError):
        raise WrongParameter(message) from None
    return start, end


def week_interval(year: str, week: str, message: str = INVALID_DATE) -> tuple[dt.date, dt.date]:
    try:
        start = dt.date.fromisocalendar(_int(year, message), _int(week, message), 1)
        return start, start + dt.timedelta(days=7)
    except (ValueError, OverflowError):
        raise WrongParameter(message) from None


def day_interval(
    year: str, month: str, day: str, message: str = INVALID_DATE
) -> tuple[dt.date, dt.date]:
    try:
        start = dt.date(_int(year, message), _int(month, message), _int(day, message))
        return start, start + dt.timedelta(days=1)
    except (ValueError, OverflowError):
        raise WrongParameter(message) from None


def parse_day(value: str, message: str = INVALID_DATE) -> dt.date:
    """A YYYY-MM-DD date (a datetime's date part is accepted, as the database casts it)."""
    try:
        return dt.date.fromisoformat(value)
    except (TypeError, ValueError):
        pass
    try:
        return dt.datetime.fromisoformat(value).date()
    except (TypeError, ValueError):
        raise WrongParameter(message) from None
