""""What changed since ...": every answer (and the name, notes, mode and assessor) that differs now
from how it stood at a chosen moment, with who changed it last and when. A fragment: the snapshots are
read only once the expander is opened, the history only when the user picks a moment, and either reruns
only this part, so drawing Results costs nothing extra. A long list shows its newest changes until
the user asks for all."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import streamlit as st

from services.wording import author_name, field_title, value_text
from storage import history
from storage.health import STORE_ERRORS
from ui import persistence, state
from ui.text import bank_wording, literal, small

SINCE, OPEN, ALL = "changes:since", "changes:open", "changes:all"
SHOWN = 25   # the newest changes listed until the user asks for all of them
MOMENTS = {"hour": ("An hour ago", timedelta(hours=1)), "day": ("Yesterday at this time", timedelta(days=1)),
           "week": ("A week ago", timedelta(days=7)), "start": ("The start", None)}


@st.fragment
def what_changed() -> None:
    """An expander with the moment to compare against and the changes since; nothing before a choice."""
    assessment_id = st.session_state.get(persistence.ASSESSMENT)
    target = persistence.store()
    if not assessment_id or target is None:
        return
    box = st.expander("What changed since …", icon=":material/history:", key=OPEN, on_change="rerun")
    if not box.open:
        return
    with box:
        try:
            moments = history.snapshot_moments(target.engine, assessment_id)
            snapshots = {f"snap:{s.id}": (s.label, s.at) for s in moments}
        except STORE_ERRORS:
            snapshots = {}
        choices = [*MOMENTS, *snapshots.keys()]  # ids only: format_func shows the labels, literally
        picked = st.selectbox("Since", choices, index=None, key=SINCE, placeholder="Choose a moment or a snapshot",
                              format_func=lambda k: MOMENTS[k][0] if k in MOMENTS else
                              f"Snapshot “{snapshots[k][0]}” ({snapshots[k][1]:%d %b %Y})")  # plain text
        if picked is None:
            return
        now = datetime.now(UTC).replace(tzinfo=None)
        if picked in MOMENTS:
            span = MOMENTS[picked][1]
            since = now - span if span is not None else None
        else:
            since = snapshots[picked][1]
        every = state.opened(ALL)
        try:
            net = history.net_since(target.engine, assessment_id, since, newest=None if every else SHOWN)
        except STORE_ERRORS:
            st.error("The history cannot be read right now. Please try again in a minute.")
            return
        if not net.total:
            st.caption("Nothing has changed since then.")
            return
        hidden = net.total - len(net.changes)
        count = (f"{net.total} change{'s' if net.total != 1 else ''}, newest first (times in UTC)."
                 + (f" The {SHOWN} newest are listed; {hidden} earlier changes are not." if hidden else ""))
        wording = bank_wording()   # question texts and choice labels, escaped once per process
        st.markdown(small(count) + "\n\n" + "\n".join(   # one element: the count and the list
            f"- {wording.get(change.field) or literal(field_title(change.field), 300)}: "
            f"{wording.get(f'{change.field}={change.old}') or literal(value_text(change.field, change.old), 300)} → "
            f"**{wording.get(f'{change.field}={change.new}') or literal(value_text(change.field, change.new), 300)}**"
            f"  \n  {literal(author_name(change.by), 80)}, {change.at:%d %b %H:%M}"
            for change in net.changes))
        if net.total > SHOWN:
            st.toggle(f"Show all {net.total} changes", key=ALL)
