"""Resume-link tokens: unguessable, shown once in the URL, stored only as a hash.

A leaked database therefore never yields working links, and a malformed token is rejected
before it reaches the database.
"""

from __future__ import annotations

import hashlib
import re
import secrets

TOKEN_BYTES = 24
TOKEN_PATTERN = re.compile(r"^[A-Za-z0-9_-]{32}$")  # token_urlsafe(24) is 32 characters


def new_token() -> str:
    return secrets.token_urlsafe(TOKEN_BYTES)


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode("ascii")).hexdigest()


def looks_like_token(value: object) -> bool:
    """Whether `value` has a token's shape (checked before any database look-up)."""
    return isinstance(value, str) and bool(TOKEN_PATTERN.match(value))
