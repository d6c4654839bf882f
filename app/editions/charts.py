"""Server-side SVG charts for the edition dashboard: geometry computed here, drawn by templates/_charts.html.

Each chart comes with its numbers in words or a table on the page (the text alternative), so the
picture adds a glance and never holds information of its own.
"""

from __future__ import annotations

from datetime import date, timedelta

BAR_HEIGHT = 18
LABEL_WIDTH = 170
CHART_WIDTH = 560


def bar_chart(rows: list[tuple[str, int]], *, maximum: int | None = None) -> dict:
    """Horizontal bars: one (label, value) per row, scaled to the largest value (or `maximum`)."""
    top = max([maximum or 0] + [value for _, value in rows]) or 1
    room = CHART_WIDTH - LABEL_WIDTH - 40
    bars = [
        {
            "label": label,
            "value": value,
            "y": i * (BAR_HEIGHT + 6),
            "width": round(room * value / top, 1),
        }
        for i, (label, value) in enumerate(rows)
    ]
    return {
        "bars": bars,
        "width": CHART_WIDTH,
        "label_width": LABEL_WIDTH,
        "bar_height": BAR_HEIGHT,
        "height": max(1, len(rows)) * (BAR_HEIGHT + 6),
    }


def homework_timeline(homework_list, participants: int, *, today: date | None = None) -> dict:
    """Per assignment, the share of participants who had submitted, day by day up to its due date."""
    today = today or date.today()
    series = []
    for homework in homework_list:
        submitted = sorted(s.submitted_at.date() for s in homework.submissions)
        # From two weeks before the due date (or the first answer) to the due date (or the last answer),
        # never past today.
        start = min([homework.due_on - timedelta(days=14)] + submitted)
        end = min(max([homework.due_on] + submitted), today)
        days = [start + timedelta(days=n) for n in range((end - start).days + 1)] or [start]
        points = [(day, sum(1 for d in submitted if d <= day)) for day in days]
        series.append(
            {
                "title": homework.title,
                "due_on": homework.due_on,
                "points": [
                    (day, round(100 * n / participants) if participants else 0) for day, n in points
                ],
            }
        )
    return _place(series)


def _place(series: list[dict]) -> dict:
    """x/y pixel positions for the lines on one shared time axis (0-100 % upwards)."""
    width, height, left, bottom = CHART_WIDTH, 200, 40, 24
    days = [day for s in series for day, _ in s["points"]]
    if not days:
        return {"series": [], "width": width, "height": height}
    first, last = min(days), max(days)
    span = max((last - first).days, 1)
    for s in series:
        s["xy"] = " ".join(
            f"{left + (width - left - 10) * (day - first).days / span:.1f},{(height - bottom) * (1 - pct / 100):.1f}"
            for day, pct in s["points"]
        )
        s["final"] = s["points"][-1][1]
    return {
        "series": series,
        "width": width,
        "height": height,
        "left": left,
        "bottom": bottom,
        "first": first,
        "last": last,
    }
