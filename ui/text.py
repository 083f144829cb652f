"""The one way user text (names, notes, answers, snapshot labels, file contents) reaches the page.

Streamlit renders most text as GitHub-flavoured markdown: `[x](url)`, `![x](url)`, HTML entities,
`:material/…:` icons, `:red[…]` colours, `$…$` maths, headings; and it turns a bare `https://…`,
`www.…` or `name@host` into a live link even when every markdown character is escaped. Every
page passes user text through `literal` (tests/test_architecture.py checks it), which shows the
characters as typed, without control characters, cut to `limit` characters.
"""

from __future__ import annotations

from reports.usertext import markdown_literal

MAX_SHOWN = 2000


def literal(text: object, limit: int = MAX_SHOWN) -> str:
    """`text` as markdown that shows exactly these characters: no link, image, HTML, icon or heading."""
    return markdown_literal(text, limit)


MAX_ITEM = 200
MAX_ITEMS = 20


def literal_list(items: list[str], limit: int = MAX_ITEM, most: int = MAX_ITEMS) -> str:
    """A markdown bullet list of user-derived lines (e.g. import problems): each shown literally and cut
    to `limit` characters, at most `most` of them and a last line saying how many were left out."""
    lines = [f"- {literal(item, limit)}" for item in items[:most]]
    if len(items) > most:
        lines.append(f"- … and {len(items) - most:,} more")
    return "\n".join(lines)
