"""What a name or a note may contain before it is stored, and how many characters were removed.

Control characters (NUL and the other C0/C1 codes) and lone surrogates are never stored: PostgreSQL
refuses NUL in text, UTF-8 cannot encode a lone surrogate, and neither is something a person meant to
type. They are removed here, once, and the count is returned so the caller can say so instead of
showing "Saved" over text that silently changed. Notes keep their line breaks and tabs.
"""

from __future__ import annotations

import unicodedata

MAX_NAME = 200
MAX_NOTES = 5000
UNSTORABLE = ("Cc", "Cs")  # control characters, surrogates


def strip_controls(text: str, keep: str = "") -> tuple[str, int]:
    """`text` without control characters or surrogates (except those in `keep`), and how many went."""
    kept = "".join(c for c in text if c in keep or unicodedata.category(c) not in UNSTORABLE)
    return kept, len(text) - len(kept)


# Bidirectional embeddings, overrides and isolates reorder what follows them (a name could show as
# another client's); the plain left-to-right and right-to-left marks that real names need stay.
BIDI_CONTROLS = dict.fromkeys(map(ord, "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"))


def clean_name(name: str) -> tuple[str, int]:
    """Control characters and bidirectional overrides removed, whitespace folded, at most 200
    characters; may be empty."""
    text, removed = strip_controls(name.replace("\t", " ").replace("\n", " ").replace("\r", " "))
    unbidi = text.translate(BIDI_CONTROLS)
    return " ".join(unbidi.split())[:MAX_NAME], removed + len(text) - len(unbidi)


def clean_notes(notes: str) -> tuple[str, int]:
    """Line breaks and tabs kept (Windows line ends become plain ones), other controls removed, 5,000 max."""
    text, removed = strip_controls(notes.replace("\r\n", "\n").replace("\r", "\n"), keep="\n\t")
    return text[:MAX_NOTES], removed
