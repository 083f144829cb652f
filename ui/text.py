"""The one way user text (names, notes, answers, snapshot labels, file contents) reaches the page.

Streamlit renders most text as GitHub-flavoured markdown: `[x](url)`, `![x](url)`, HTML entities,
`:material/…:` icons, `:red[…]` colours, `$…$` maths, headings; and it turns a bare `https://…`,
`www.…` or `name@host` into a live link even when every markdown character is escaped. Every
page passes user text through `literal` (tests/test_architecture.py checks it), which shows the
characters as typed, without control characters, cut to `limit` characters.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

import streamlit as st

from questions import default_bank
from reports.usertext import markdown_literal
from services.wording import field_title, value_text

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


def small(text: str) -> str:
    """Our own text (never a user's: that goes through `literal`) in a caption's small grey type, inside
    a larger markdown element, so one element carries what a caption would add as another (each element
    is a message a click waits for). Backslashes, dollar signs and brackets are shown as they are."""
    escaped = text.replace("\\", "\\\\").replace("$", "\\$").replace("[", "\\[").replace("]", "\\]")
    return f":small[:gray[{escaped}]]"


@st.cache_resource(show_spinner=False)
def bank_wording() -> Mapping[str, str]:
    """Each question's text (by id) and each choice's label (by "id=value") as `literal` shows them,
    escaped once per process: a long list of changes would otherwise escape them for every line."""
    bank = default_bank()
    shown = {q.id: literal(field_title(q.id), 300) for q in bank.questions}
    return MappingProxyType(shown | {f"{q.id}={option.value}": literal(value_text(q.id, option.value), 300)
                                     for q in bank.questions for option in q.options})
