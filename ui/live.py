"""Live collaboration on every page: a small fragment that asks the database every POLL_SECONDS
whether anyone changed this assessment (one indexed read), takes their changes in and redraws the
page only when something did; presence ("3 people are here"); and the notice given when a colleague
replaced this person's answer moments after they gave it, with one click to restore theirs.

The same poll closes a tab whose link was revoked (or whose workshop ended): both move the
assessment's revision, and only then is the link read again. And it lets the page catch up after a
question card saved an answer without redrawing the page (ui/questions.py).
"""

from __future__ import annotations

import hashlib
import time

import streamlit as st

from services.wording import author_name, field_title, value_text
from storage.health import STORE_ERRORS, diagnose
from storage.presence import REFRESH_EVERY, present, touch
from ui import auth, persistence, state, workshop_join
from ui.text import literal

POLL_SECONDS = 2
LAST_TOUCH, TOUCHED_AS, PEOPLE = "presence_touched", "presence_touched_as", "presence_people"
NAME_INPUT = "display_name_input"
XSRF_COOKIE = "_streamlit_xsrf"


def poll() -> None:
    """Draw the live fragment (in the sidebar) while this tab has an assessment open."""
    if persistence.ASSESSMENT in st.session_state:
        _live()


@st.fragment(run_every=POLL_SECONDS)
def _live() -> None:
    """Drawn in every run of a page (the whole page's runs call it too) and every POLL_SECONDS on its own.

    Redraws the page when colleagues changed something, when presence or this participant's sections
    changed, when the link that opened this tab stopped working, or when a question card saved an answer
    since the page last ran (its progress bar and the sidebar's counts catch up here)."""
    if persistence.ASSESSMENT not in st.session_state:
        return
    stale = st.session_state.pop(persistence.STALE, False)
    if persistence.sync() or _presence() or (persistence.link_to_check() and auth.drop_revoked_link()) or stale:
        st.rerun()
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
    at most every REFRESH_EVERY; True when the page must redraw because either changed."""
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
    return moved or (before is not None and before != st.session_state[PEOPLE])


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
