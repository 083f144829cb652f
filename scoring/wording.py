"""Small wording helpers shared by every sentence the engine writes: no "1 months", no "0 months"."""

from __future__ import annotations


def months_text(months: float) -> str:
    """`1 month`, `1.5 months`, `4 months`."""
    return f"{months:g} month" + ("" if months == 1 else "s")


def join(items: list[str]) -> str:
    """`A`, `A and B`, `A, B and C`."""
    if not items:
        return ""
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]
