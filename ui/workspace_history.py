"""An assessment's history, in its workspace row: who changed which answer, when, from what to what;
and any earlier value of a question put back.

A restore is a new change by whoever restores it, never a rewrite of the history, so the history
still shows what happened and a colleague's tab takes the restored value in like any other change.
When the assessment is open in this very tab, the restore goes through the tab's own save
(`persistence.put_back`) so its screen shows the value at once. The popover loads the history only
while it is open: a page of 25 rows costs no history query until someone asks for one.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from typing import NamedTuple

import streamlit as st
from streamlit.delta_generator import DeltaGenerator

from reports.usertext import shorten
from services import collaboration
from services.wording import author_name, field_title, value_text
from storage import AssessmentRecord, Change, LockedError, NotFoundError, Store
from storage.history import history
from storage.records import ASSESSOR_FIELD, MODE_FIELD, NAME_FIELD, NOTES_FIELD, Value
from ui import persistence
from ui.text import literal

STEP = 50  # changes shown at first, and added by each "Show more"
SHOWN, RESTORED = "workspace:history-shown", "workspace:restored"
RECORD_ATTRIBUTES = {NAME_FIELD: "client_name", NOTES_FIELD: "notes", MODE_FIELD: "mode", ASSESSOR_FIELD: "assessor"}
OUTCOMES = {
    "locked": "Nothing was restored: the workshop facilitator has locked this assessment's answers.",
    "deleted": "Nothing was restored: this assessment was deleted meanwhile.",
    "refused": "Nothing was restored: that answer is not one the current questions allow.",
    "pending": "Restored in this tab. The database cannot be reached right now; it is saved as soon as it answers.",
}


class Restored(NamedTuple):
    """What the last restore did, shown once in that assessment's History."""

    assessment_id: str
    field: str
    value: Value | None
    outcome: str  # "done" or one of OUTCOMES


def current_value(record: AssessmentRecord, field: str) -> Value | None:
    """The field's value now (an empty name, notes or assessor is no value, as the store keeps it)."""
    if field in RECORD_ATTRIBUTES:
        return getattr(record, RECORD_ATTRIBUTES[field]) or None
    return record.answers.get(field)


def earlier_values(changes: Iterable[Change], record: AssessmentRecord) -> dict[str, list[Value | None]]:
    """Per field, most recently changed first: each distinct value it had, newest first, other than
    the one it has now (None, "no answer", included: restoring it clears the answer)."""
    found: dict[str, list[Value | None]] = {}
    for change in changes:  # newest first
        for value in (change.new, change.old):
            values = found.setdefault(change.field, [])
            if value != current_value(record, change.field) and value not in values:
                values.append(value)
    return {field: values for field, values in found.items() if values}


def _more(assessment_id: str) -> None:
    shown = st.session_state.setdefault(SHOWN, {})
    shown[assessment_id] = shown.get(assessment_id, STEP) + STEP


def _restore(store: Store, assessment_id: str, field: str, value: Value | None) -> None:
    """Button callback: save `value` for `field` as a new change by this tab's author."""
    st.session_state[RESTORED] = Restored(assessment_id, field, value, _restored(store, assessment_id, field, value))


def _restored(store: Store, assessment_id: str, field: str, value: Value | None) -> str:
    kept, refused = collaboration.checked({field: value})
    if refused:
        return "refused"
    if st.session_state.get(persistence.ASSESSMENT) == assessment_id:  # this tab shows it at once
        persistence.put_back(field, value)
        status = persistence.status()
        return "done" if status == "saved" else status if status in OUTCOMES else "pending"
    try:
        collaboration.save(store, assessment_id, kept, persistence.author())
    except LockedError:
        return "locked"
    except NotFoundError:
        return "deleted"
    return "done"


def popover(bar: DeltaGenerator, store: Store, record: AssessmentRecord) -> None:
    """The row's "History" popover, in the row's button bar; its content is drawn only while open."""
    found = bar.popover("History", icon=":material/history:", key=f"history-{record.id}", on_change="rerun")
    if not found.open:
        return
    with found:
        changes = history(store.engine, record.id)
        if not changes:
            st.caption("No change has been recorded for this assessment yet.")
            return
        shown = int(st.session_state.get(SHOWN, {}).get(record.id, STEP))
        st.markdown("**Recent changes**, newest first")
        st.markdown("\n".join(
            f"- {change.at:%d %b %Y %H:%M} · **{literal(author_name(change.author.name), 80)}** · "
            f"“{literal(field_title(change.field), 300)}”: {literal(value_text(change.field, change.old), 300)} → "
            f"**{literal(value_text(change.field, change.new), 300)}**" for change in changes[:shown]))
        if len(changes) > shown:
            st.button(f"Show more ({len(changes) - shown:,} older)", key=f"history-more-{record.id}",
                      on_click=_more, args=(record.id,))
        restore(store, record, changes)


def restore(store: Store, record: AssessmentRecord, changes: tuple[Change, ...]) -> None:
    """Pick a question and one of its earlier values, and put that value back."""
    st.markdown("**Restore an earlier answer**")
    notice = st.session_state.get(RESTORED)
    if isinstance(notice, Restored) and notice.assessment_id == record.id:
        st.session_state.pop(RESTORED)
        if notice.outcome == "done":
            st.success(f"Restored {literal(field_title(notice.field), 300)} to "
                       f"{literal(value_text(notice.field, notice.value), 300)}, as a new change by you.")
        else:
            st.error(OUTCOMES[notice.outcome])
    earlier = earlier_values(changes, record)
    if not earlier:
        st.caption("No answer has had another value yet, so there is nothing to go back to.")
        return
    if record.locked:
        st.info("The workshop facilitator has locked this assessment's answers, so none can be restored "
                "until they are unlocked.", icon=":material/lock:")
    field = _pick(f"restore-field-{record.id}", list(earlier), field_title)
    options = [json.dumps(value) for value in earlier[field]]
    chosen = _pick(f"restore-value-{record.id}-{field}", options,
                   lambda option: shorten(value_text(field, json.loads(option)), 150), "Earlier answer")
    st.button("Restore this answer", key=f"restore-{record.id}", icon=":material/restore:", disabled=record.locked,
              on_click=_restore, args=(store, record.id, field, json.loads(chosen)))


def _pick(key: str, options: list[str], shown: Callable[[str], str], label: str = "Question") -> str:
    """A selectbox whose kept choice falls back to the first option once it is no longer offered
    (a restore changes which earlier values there are)."""
    if st.session_state.get(key) not in options:
        st.session_state[key] = options[0]
    return str(st.selectbox(label, options, format_func=shown, key=key))
