"""Small wording helpers shared by every sentence the engine writes: no "1 months", no "0 months"."""

from __future__ import annotations


def months_text(months: float) -> str:
    """`1 month`, `1.5 months`, `4 months`."""
    return f"{months:g} month" + ("" if months == 1 else "s")


def deadline_text(deadline_months: int) -> str:
    """How a deadline reads inside a sentence: "within your 6-month deadline" or "now"."""
    if deadline_months == 0:
        return "now, as your customer asks"
    return f"within your {deadline_months}-month deadline"


def join(items: list[str]) -> str:
    """`A`, `A and B`, `A, B and C`."""
    if not items:
        return ""
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]
