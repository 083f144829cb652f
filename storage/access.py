"""Who may reach what: the workspace key, its back-off, owner links and organisations.

- **Workspace key** (servers without an identity provider): generated once, strong, shown to the
  operator once; only its SHA-256 is stored (`access_settings`). A random 192-bit key needs no slow
  hash; an operator-provided key (environment) is hashed in memory and compared in constant time.
- **Back-off**: every wrong key is recorded (`access_failures`, kept 15 minutes). A session gets
  3 free tries, then waits 1, 2, 4 … seconds (at most 15 minutes) after its latest failure; the
  whole server gets 20 free tries per 15 minutes, then the same doubling for everyone. Attempts made
  while waiting are refused without being checked, so waiting cannot be skipped by guessing faster.
- **Owner links**: "Open" in the workspace reuses one link per assessment, derived as an HMAC of a
  server secret, the assessment id and its link generation. Only the token's hash is stored (like
  every resume link), so a copy of the database holds no working link. Revoking bumps the generation
  and deletes every stored hash of that assessment: all its links stop working, and one new link
  replaces them.
- **Organisations**: each assessment records the e-mail of whoever created it and the organisation
  whose workspace lists it; "" is the one workspace of a server without sign-in.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import os
import secrets
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

from sqlalchemy import Engine, delete, func, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from storage.database import DEFAULT_PATH
from storage.records import NotFoundError
from storage.schema import AccessFailureRow, AccessSettingRow, AssessmentRow, TokenRow
from storage.tokens import TOKEN_BYTES, hash_token

KEY_SETTING = "workspace_key_sha256"
KEY_BYTES = 24
LINK_SECRET_ENV = "SOC_NAVIGATOR_LINK_SECRET"
LINK_SECRET_FILE = DEFAULT_PATH.parent / "link_secret"
WINDOW = timedelta(minutes=15)
FREE_PER_SESSION = 3
FREE_OVERALL = 20
LONGEST_WAIT = WINDOW.total_seconds()


def _now() -> datetime:
    """Naive UTC, as the store writes it (SQLite and PostgreSQL then return the same values)."""
    return datetime.now(UTC).replace(tzinfo=None)


def _sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


# --- the workspace key ---------------------------------------------------------------------------

def ensure_workspace_key(engine: Engine) -> str | None:
    """Create the workspace key if there is none; returns it only to the one caller that created it.

    The caller shows it to the operator once (the server log); afterwards only its hash exists.
    """
    key = secrets.token_urlsafe(KEY_BYTES)
    try:
        with Session(engine) as session, session.begin():
            if session.get(AccessSettingRow, KEY_SETTING) is not None:
                return None
            session.add(AccessSettingRow(name=KEY_SETTING, value=_sha256(key), created_at=_now()))
    except IntegrityError:  # another process created it at the same moment
        return None
    return key


def replace_workspace_key(engine: Engine) -> str:
    """A new workspace key (the old one stops working at once), for an operator who lost it."""
    key = secrets.token_urlsafe(KEY_BYTES)
    with Session(engine) as session, session.begin():
        session.execute(delete(AccessSettingRow).where(AccessSettingRow.name == KEY_SETTING))
        session.add(AccessSettingRow(name=KEY_SETTING, value=_sha256(key), created_at=_now()))
    return key


def key_matches(engine: Engine, given: str, operator_key: str | None = None) -> bool:
    """Whether `given` is the workspace key: the operator's own key when set, else the generated one."""
    given_hash = _sha256(given)
    if operator_key:
        return hmac.compare_digest(given_hash, _sha256(operator_key))
    with Session(engine) as session:
        row = session.get(AccessSettingRow, KEY_SETTING)
        expected = row.value if row else ""
    return bool(expected) and hmac.compare_digest(given_hash, expected)


# --- back-off ------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Backoff:
    """How long a session must wait before its next key is even checked, and why."""

    wait_seconds: float
    session_failures: int
    overall_failures: int


def _doubling(failures: int, free: int) -> float:
    if failures < free:
        return 0.0
    return min(2.0 ** (failures - free), LONGEST_WAIT)


def backoff(engine: Engine, session_id: str, now: datetime | None = None) -> Backoff:
    """The wait in force for `session_id` (0 when it may try now)."""
    now = now or _now()
    since = now - WINDOW
    with Session(engine) as session:
        overall, last_overall = session.execute(
            select(func.count(), func.max(AccessFailureRow.at)).where(AccessFailureRow.at >= since)).one()
        mine, last_mine = session.execute(
            select(func.count(), func.max(AccessFailureRow.at))
            .where(AccessFailureRow.at >= since, AccessFailureRow.session == _sha256(session_id))).one()
    waits = [0.0]
    if mine and last_mine is not None:
        waits.append(_doubling(mine, FREE_PER_SESSION) - (now - last_mine).total_seconds())
    # The server-wide wait holds back only sessions that have already failed: a session's first key is
    # always checked, so a room of wrong guesses can never lock the operator out (the key has 192 bits:
    # one guess per new session does not make guessing it feasible, and every guess is logged).
    if mine and overall and last_overall is not None:
        waits.append(_doubling(overall, FREE_OVERALL) - (now - last_overall).total_seconds())
    return Backoff(max(waits), mine, overall)


def record_failure(engine: Engine, session_id: str, address: str = "", now: datetime | None = None) -> None:
    """Remember one wrong key (by a hash of the session id), forgetting failures older than the window."""
    now = now or _now()
    with Session(engine) as session, session.begin():
        session.execute(delete(AccessFailureRow).where(AccessFailureRow.at < now - WINDOW))
        session.add(AccessFailureRow(session=_sha256(session_id), address=address[:64], at=now))


def forget_failures(engine: Engine, session_id: str) -> None:
    """The session gave the right key: its own count starts again (the overall count does not)."""
    with Session(engine) as session, session.begin():
        session.execute(delete(AccessFailureRow).where(AccessFailureRow.session == _sha256(session_id)))


# --- owner links ---------------------------------------------------------------------------------

def link_secret(path: Path = LINK_SECRET_FILE) -> bytes:
    """The server secret owner links are derived from: the environment's, else a 0600 file under data/.

    Several app processes sharing one PostgreSQL database must share it (set the environment
    variable); a changed secret only changes future owner links, existing ones keep working.
    """
    configured = os.environ.get(LINK_SECRET_ENV, "")
    if configured:
        return configured.encode()
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return path.read_bytes().strip()
    with os.fdopen(descriptor, "w") as file:
        file.write(secrets.token_hex(32))
    return path.read_bytes().strip()


def owner_token(secret: bytes, assessment_id: str, generation: int) -> str:
    """The owner's link token for one generation: 32 URL-safe characters, like every resume token."""
    digest = hmac.new(secret, f"{assessment_id}:{generation}".encode(), hashlib.sha256).digest()
    return base64.urlsafe_b64encode(digest[:TOKEN_BYTES]).decode().rstrip("=")


def owner_link(engine: Engine, secret: bytes, assessment_id: str) -> str:
    """The assessment's current owner link, the same every time (its hash is stored once)."""
    with Session(engine) as session, session.begin():
        generation = session.scalar(select(AssessmentRow.link_generation).where(AssessmentRow.id == assessment_id))
        if generation is None:
            raise NotFoundError(assessment_id)
        token = owner_token(secret, assessment_id, generation)
        if session.get(TokenRow, hash_token(token)) is None:
            session.add(TokenRow(token_hash=hash_token(token), assessment_id=assessment_id,
                                 created_at=_now().replace(microsecond=0)))
    return token


def revoke_links(engine: Engine, secret: bytes, assessment_id: str) -> str:
    """Stop every link of the assessment (owner and participant links alike) and issue one new link.

    The revision moves too, so open tabs notice at their next "anything new?" read and check their link."""
    with Session(engine) as session, session.begin():
        result = session.execute(update(AssessmentRow).where(AssessmentRow.id == assessment_id)
                                 .values(link_generation=AssessmentRow.link_generation + 1,
                                         revision=AssessmentRow.revision + 1))
        if result.rowcount == 0:  # type: ignore[attr-defined]
            raise NotFoundError(assessment_id)
        session.execute(delete(TokenRow).where(TokenRow.assessment_id == assessment_id))
        generation = session.scalar(select(AssessmentRow.link_generation).where(AssessmentRow.id == assessment_id))
        token = owner_token(secret, assessment_id, int(generation or 0))
        session.add(TokenRow(token_hash=hash_token(token), assessment_id=assessment_id,
                             created_at=_now().replace(microsecond=0)))
    return token


def link_count(engine: Engine, assessment_id: str) -> int:
    """How many links open the assessment now."""
    with Session(engine) as session:
        return int(session.scalar(select(func.count()).select_from(TokenRow)
                                  .where(TokenRow.assessment_id == assessment_id)) or 0)


def link_opens(engine: Engine, token: str, assessment_id: str) -> bool:
    """Whether `token` still opens `assessment_id` (false once revoked or deleted)."""
    with Session(engine) as session:
        row = session.get(TokenRow, hash_token(token))
        return row is not None and row.assessment_id == assessment_id


# --- organisations -------------------------------------------------------------------------------

def org_of(engine: Engine, assessment_id: str) -> str | None:
    """The organisation whose workspace lists the assessment ("" none), or None if it does not exist."""
    with Session(engine) as session:
        return session.scalar(select(AssessmentRow.org).where(AssessmentRow.id == assessment_id))


def claim(engine: Engine, assessment_id: str, owner_email: str, org: str) -> bool:
    """Put an assessment nobody's organisation owns yet into `org`'s workspace; never takes one over."""
    with Session(engine) as session, session.begin():
        result = session.execute(update(AssessmentRow)
                                 .where(AssessmentRow.id == assessment_id, AssessmentRow.org == "")
                                 .values(owner_email=owner_email[:254], org=org[:254]))
        return bool(result.rowcount)  # type: ignore[attr-defined]


def parse_allow_list(entries: str | list[str] | tuple[str, ...]) -> tuple[str, ...]:
    """Allow-list entries, lower-cased: e-mail domains ("example.com") or addresses ("ann@example.org").

    Accepts one comma- or space-separated string (an environment variable) or a list (secrets.toml).
    """
    items = entries.replace(",", " ").split() if isinstance(entries, str) else [str(e) for e in entries]
    return tuple(dict.fromkeys(item.strip().lower().lstrip("@") for item in items if item.strip()))


def org_for_email(email: object, allowed: tuple[str, ...]) -> str | None:
    """The organisation a signed-in e-mail belongs to, or None when the allow-list does not admit it.

    A listed domain admits every address at exactly that domain (not its subdomains), and the domain is
    the organisation: colleagues share one workspace. A listed address admits that person alone, as an
    organisation of one (two individually listed addresses never see each other's work).
    """
    if not isinstance(email, str) or email.count("@") != 1:
        return None
    address = email.strip().lower()
    local, domain = address.split("@")
    if not local or not domain:
        return None
    if address in allowed:
        return address
    if domain in allowed:
        return domain
    return None


def main(argv: list[str] | None = None) -> int:
    """`python -m storage.access new-key`: replace a lost workspace key and print the new one once."""
    import sys

    from storage import open_store

    args = sys.argv[1:] if argv is None else argv
    if args != ["new-key"]:
        print("usage: python -m storage.access new-key", file=sys.stderr)
        return 2
    store = open_store()
    print(replace_workspace_key(store.engine))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
