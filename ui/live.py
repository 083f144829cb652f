"""Live collaboration on every page: a small fragment that asks the database every POLL_SECONDS
(ALONE_POLL_SECONDS while nobody else is on it) whether anyone changed this assessment (one indexed
read), takes their changes in and redraws the page only when something did; presence ("3 people are
here"); and the notice given when a colleague replaced this person's answer moments after they gave
it, with one click to restore theirs.

The same poll closes a tab whose link was revoked (or whose workshop ended): both move the
assessment's revision, and only then is the link read again. It also draws the sidebar's counts and
save status, which a question card's save changes without redrawing the page (ui/questions.py).
"""

from __future__ import annotations

import hashlib
import time
from collections.abc import Callable

import streamlit as st

from services.wording import author_name, field_title, value_text
from storage.health import STORE_ERRORS, diagnose
from storage.presence import REFRESH_EVERY, present, touch
from ui import auth, persistence, state, workshop_join
from ui.text import literal

POLL_SECONDS = 2          # with colleagues on the assessment, or in a workshop
ALONE_POLL_SECONDS = 5    # alone: there is only a newcomer, a revoked link or this tab's own counts to catch
STATUS_TEXT = {
    "saved": ":material/cloud_done: Saved",
    "offline": ":material/cloud_off: Not saved: the database cannot be reached. Your answers are kept in this "
               "tab and saved as soon as it is back.",
    "locked": ":material/lock: Answers are locked by the workshop facilitator.",
}
LAST_TOUCH, TOUCHED_AS, PEOPLE = "presence_touched", "presence_touched_as", "presence_people"
NAME_INPUT = "display_name_input"
XSRF_COOKIE = "_streamlit_xsrf"


def poll(more: Callable[[], None] | None = None, off_screen: Callable[[], frozenset[str]] | None = None) -> None:
    """The sidebar's counts and save status, then `more` (the Assessment page's sections): in the live
    fragment while this tab has an assessment open, drawn once otherwise. `off_screen`: the questions
    a colleague may change without the page being redrawn (none when not given)."""
    if persistence.ASSESSMENT not in st.session_state:
        _counts(more)
    elif len(st.session_state.get(PEOPLE, ())) > 1 or workshop_join.workshop() is not None:
        _live_together(more, off_screen)
    else:   # a newcomer is seen at the next presence check, and the page then polls as often as together
        _live_alone(more, off_screen)


@st.fragment(run_every=POLL_SECONDS)
def _live_together(more: Callable[[], None] | None, off_screen: Callable[[], frozenset[str]] | None) -> None:
    _live(more, off_screen)


@st.fragment(run_every=ALONE_POLL_SECONDS)
def _live_alone(more: Callable[[], None] | None, off_screen: Callable[[], frozenset[str]] | None) -> None:
    _live(more, off_screen)


def _counts(more: Callable[[], None] | None) -> None:
    """What a question card's save changes outside the card: drawn here, so the live fragment's own run
    brings it up to date without the whole page."""
    answered = len(state.answers())
    st.caption(f"{answered} answer{'s' if answered != 1 else ''} so far" if answered else "No answers yet")
    status = persistence.status()
    if status in STATUS_TEXT:
        saved_at = st.session_state.get(persistence.SAVED_AT, "")
        st.caption(STATUS_TEXT[status] + (f" at {saved_at}" if status == "saved" and saved_at else ""),
                   help="Every answer is saved the moment you give it.")
    if more is not None:
        more()


def _live(more: Callable[[], None] | None, off_screen: Callable[[], frozenset[str]] | None) -> None:
    """Drawn in every run of a page (the whole page's runs call it too) and every few seconds on its own.

    Redraws the page when colleagues changed something, when presence or this participant's sections
    changed, or when the link that opened this tab stopped working. After a question card saved an answer,
    or a colleague answered only questions `off_screen` names, just the counts here are behind, and this
    fragment's own run brings them up to date."""
    if persistence.ASSESSMENT in st.session_state:
        took_in = persistence.sync()
        if took_in and not (off_screen is not None and persistence.took_in_only(off_screen())):
            st.rerun()
        if _presence() or (persistence.link_to_check() and auth.drop_revoked_link()):
            st.rerun()
    _counts(more)
    if persistence.ASSESSMENT not in st.session_state:
        return
    people = st.session_state.get(PEOPLE, ())
    if len(people) > 1:
        names = ", ".join(author_name(name) for name in people)
        st.caption(f":material/group: {len(people)} people are here", help=literal(names, 2000))
    if not st.session_state.get(persistence.DISPLAY_NAME) and not persistence.author().name:
        st.text_input("Your name, shown to colleagues", key=NAME_INPUT, max_chars=80,
                      placeholder="e.g. Sam (IT lead)", on_change=_name_given)


def _name_given() -> None:
    st.session_state[persistence.DISPLAY_NAME] = " ".join(str(st.session_state.get(NAME_INPUT, "")).split())[:80]


def _presence() -> bool:
    """Say this tab is here and learn who else is (and, for a participant, which sections are theirs),
    at most every REFRESH_EVERY; True when the page must redraw because either changed (a tab that
    finds colleagues on arrival redraws once, to poll as often as together)."""
    now, me = time.monotonic(), persistence.author()
    assessment_id = st.session_state[persistence.ASSESSMENT]
    seen_as = (assessment_id, me.name, str(st.session_state.get(state.SECTION, "")))
    if now - st.session_state.get(LAST_TOUCH, 0.0) < REFRESH_EVERY.total_seconds() and \
            st.session_state.get(TOUCHED_AS) == seen_as:
        return False
    st.session_state[LAST_TOUCH], st.session_state[TOUCHED_AS] = now, seen_as
    target = persistence.store()
    if target is None:
        return False
    before = st.session_state.get(PEOPLE)
    try:
        touch(target.engine, assessment_id, _browser_id() or me.id, me.name, seen_as[2])
        st.session_state[PEOPLE] = tuple(p.name for p in present(target.engine, assessment_id))
    except STORE_ERRORS as exc:
        st.session_state[PEOPLE] = ()
        persistence.log.warning("Presence could not be updated: %s", diagnose(exc).detail)
    moved = workshop_join.refresh()
    together = len(st.session_state[PEOPLE]) > 1
    return moved or (before is not None and before != st.session_state[PEOPLE]) or together != (len(before or ()) > 1)


def _browser_id() -> str:
    """One id per browser, stable across reloads (from the XSRF cookie Streamlit sets once per browser), so
    a reload replaces this person's presence instead of counting them twice; "" when there is none."""
    cookie = st.context.cookies.get(XSRF_COOKIE, "")
    if not isinstance(cookie, str) or not cookie:
        return ""
    return "browser:" + hashlib.sha256(cookie.encode()).hexdigest()[:24]


def notices() -> None:
    """A colleague replaced an answer this person gave moments ago: say which, to what, by whom."""
    for notice in persistence.overridden():
        with st.container(border=True, key=f"overridden-{notice.field}"):
            st.warning(f"**{literal(author_name(notice.by.name), 80)}** changed "
                       f"“{literal(field_title(notice.field), 300)}” to "
                       f"“{literal(value_text(notice.field, notice.theirs), 300)}” just after you answered "
                       f"“{literal(value_text(notice.field, notice.mine), 300)}”. Their answer is the one saved now.",
                       icon=":material/group:")
            restore, keep = st.columns(2)
            restore.button("Restore my answer", key=f"restore-{notice.field}", width="stretch",
                           on_click=persistence.restore_mine, args=(notice.field,))
            keep.button("Keep theirs", key=f"keep-{notice.field}", width="stretch",
                        on_click=persistence.dismiss, args=(notice.field,))
