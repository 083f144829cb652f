"""User text made safe for every export and for markdown: the one place that cleans and escapes it.

`printable` is applied to every user-typed string (organisation, assessed by, notes) before any
export is built and to every download file name: control characters (NUL, the other C0 and C1
codes, DEL) and lone surrogates are removed. Excel refuses them outright (openpyxl raises
IllegalCharacterError), PDF and CSV readers show garbage, and no one means to type them. Line
breaks and tabs survive where the text may have lines (notes).

`markdown_literal` turns text into markdown that shows exactly its characters (see ui/text.py,
which every page uses, and reports/markdown.py, which the Markdown export uses).
"""

from __future__ import annotations

import re
import unicodedata
from types import MappingProxyType

UNPRINTABLE = ("Cc", "Cs")
# The longest name and notes an export prints (the limits the app stores, storage/cleaning.py).
MAX_NAME = 200
MAX_NOTES = 5000  # control characters and lone surrogates
JOINER = "\u2060"  # WORD JOINER: invisible, and not part of any link a renderer would detect
# Every ASCII punctuation character that can start or end markdown, HTML, an entity, an icon,
# a colour or maths; the few that never do (,;?%'"/@) stay bare so an export reads naturally.
PUNCTUATION = frozenset(chr(code) for code in range(33, 127) if not chr(code).isalnum()) - set(",;?%'\"/@")
ESCAPES = MappingProxyType({ord(c): f"\\{c}" for c in PUNCTUATION})   # for str.translate
# Text made only of letters, digits, spaces and the punctuation left bare: shown as it is.
_PLAIN = re.compile(r"(?:[^\W_]|[ ,;?%'\"/])+")
# Where a GFM renderer would start an autolink: "www.", "scheme://" and "local@domain".
_AUTOLINK_STARTS = re.compile(r"(?i)(?<=www)(?=\.)|(?<=:)(?=//)|(?<=@)")


def printable(text: object, lines: bool = False) -> str:
    """`text` without control characters or surrogates; with `lines`, line breaks and tabs stay
    (Windows and old Mac line ends become plain ones), otherwise they become spaces."""
    plain = str(text)
    if plain.isprintable():   # no control character, surrogate or line break: nothing to remove
        return plain
    plain = plain.replace("\r\n", "\n").replace("\r", "\n")
    if not lines:
        plain = plain.replace("\n", " ").replace("\t", " ")
    keep = "\n\t" if lines else ""
    return "".join(c for c in plain if c in keep or unicodedata.category(c) not in UNPRINTABLE)


def shorten(text: str, limit: int | None) -> str:
    """At most `limit` characters (no limit when None); a cut is marked with an ellipsis."""
    if limit is None or len(text) <= limit:
        return text
    return text[: max(limit - 1, 0)] + "…"


def markdown_literal(text: object, limit: int | None = None) -> str:
    """Markdown that shows exactly the printable characters of `text`, line by line.

    Every markdown-significant ASCII punctuation character is backslash-escaped (CommonMark shows the character
    itself), so no link, image, HTML, entity, heading, list, table, icon, colour or maths can
    start; a WORD JOINER after `://`, `www` and `@` stops autolinks, which escaping alone does
    not; line breaks become hard breaks and an empty line a no-break space, so a note keeps its
    shape. Removing every U+2060 and every escaping backslash gives back the text.
    """
    plain = str(text)
    if (limit is None or len(plain) <= limit) and _PLAIN.fullmatch(plain):   # most question texts and names
        return plain
    shown = shorten(printable(plain, lines=True), limit)
    if "@" in shown or "//" in shown or "www" in shown.lower():   # else no autolink can start: skip the search
        shown = _AUTOLINK_STARTS.sub(JOINER, shown)
    return "  \n".join(line.translate(ESCAPES) or "\u00a0" for line in shown.split("\n"))
