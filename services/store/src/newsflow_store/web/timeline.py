"""Quotes per day as bars the page draws in SVG on the server (no script): pure geometry.

The chart covers the days from the first quote day to the newest, at least
MIN_DAYS so that a bar or two do not fill it and at most DAYS so that a busy
actor's recent weeks stay readable; the page says how many quotes fall before it.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date, datetime, timedelta

DAYS = 60
MIN_DAYS = 14
WIDTH, HEIGHT = 600, 120
AXIS = 16  # room under the bars for the first and last dates


@dataclass(frozen=True)
class Bar:
    day: date
    count: int
    x: float
    y: float
    width: float
    height: float


@dataclass(frozen=True)
class Timeline:
    bars: list[Bar]  # one per day with quotes
    first_day: date
    last_day: date
    most: int
    shown: int  # quotes inside the chart
    earlier: int  # quotes on days before it
    width: int = WIDTH
    height: int = HEIGHT
    axis: int = AXIS


def timeline(moments: list[datetime], *, most_days: int = DAYS) -> Timeline | None:
    """Bars for the quote days; None when no quote is dated."""
    if not moments:
        return None
    per_day = Counter(moment.date() for moment in moments)
    last_day = max(per_day)
    days = min(most_days, max(MIN_DAYS, (last_day - min(per_day)).days + 1))
    first_day = last_day - timedelta(days=days - 1)
    inside = {day: count for day, count in per_day.items() if day >= first_day}
    most = max(inside.values())
    slot = WIDTH / days
    plot = HEIGHT - AXIS
    bars = []
    for day, count in sorted(inside.items()):
        height = max(2.0, plot * count / most)
        bars.append(Bar(day, count, x=round((day - first_day).days * slot + slot * 0.1, 2), y=round(plot - height, 2),
                        width=round(slot * 0.8, 2), height=round(height, 2)))
    shown = sum(inside.values())
    return Timeline(bars, first_day, last_day, most, shown, earlier=len(moments) - shown)
