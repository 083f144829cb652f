"""Showing user-typed text literally inside Streamlit markdown."""

from __future__ import annotations

MARKDOWN_SPECIALS = "\\`*_{}[]<>()#+-.!|~:$"


def literal(text: str) -> str:
    """Escape markdown so a name like `*Acme* [x](y)` shows exactly as typed (no links, emphasis or HTML)."""
    return "".join(f"\\{c}" if c in MARKDOWN_SPECIALS else c for c in text)
