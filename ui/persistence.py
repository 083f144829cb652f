"""Autosave and live merging: the bridge between a browser session and the store (opened in
ui/store_access.py; links in the address bar: ui/links.py).

Per-session facts (which assessment, the revision last taken in, the changes not yet saved) live in
`st.session_state`.

A save sends only the fields this tab changed (answers, mode, client name, notes, assessor), so
colleagues answering other questions never collide; then the tab takes in what others changed
(services/collaboration.py), and `sync` does the same for the live poll (ui/live.py). Every answer is
checked against the bank before it is written, and nothing typed leaves the tab until it is saved.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import UTC, datetime

import streamlit as st
from streamlit.runtime.scriptrunner import get_script_run_ctx

from questions import default_bank
from scoring.answers import split_valid
from scoring.steps import shown, visible_by_section
from scoring.summary import summarise
from services import collaboration
from services.collaboration import MyWrite, Overridden
from storage import AssessmentRecord, Author, LockedError, NotFoundError, Store
from storage.cleaning import clean_name, clean_notes
from storage.health import diagnose
from storage.records import ASSESSOR_FIELD, MODE_FIELD, NAME_FIELD, NOTES_FIELD, Value
from ui import assessed, auth, state
from ui.creation_limits import may_create
from ui.store_access import (  # noqa: F401 - used by pages
    PROBLEM,
    SAVED_AT,
    STATUS,
    STORE_ERRORS,
    log,
    problem,
    set_status,
    status,
    store,
    store_failed,
)

ASSESSMENT, TOKEN, REVISION = "assessment_id", "token", "revision"
LINK_PROBLEM = "link_problem"
REFUSED, CLEANED, JUST_TRIED, TOOK_IN = "refused_answers", "cleaned_text", "save_just_tried", "save_took_in"
CLIENT_NAME, NOTES, ASSESSOR = "client_name", "notes", "assessor"
NAME_INPUT, NOTES_INPUT, ASSESSOR_INPUT = "client_name_input", "notes_input", "assessor_input"
# Live merging: changes typed here and not yet saved, this tab's own recent writes (to tell it when a
# colleague replaces one), the notices owed, who this tab is, and the mode as last saved.
UNSAVED_CHANGES, MY_WRITES, OVERRIDDEN = "unsaved_changes", "my_writes", "overridden"
PARTICIPANT, DISPLAY_NAME, SAVED_MODE, LOCKED = "participant_id", "display_name", "saved_mode", "locked"
# Where each non-question field lives in this session, and the widget that shows it.
META = {NAME_FIELD: (CLIENT_NAME, NAME_INPUT), NOTES_FIELD: (NOTES, NOTES_INPUT),
        ASSESSOR_FIELD: (ASSESSOR, ASSESSOR_INPUT)}
LINK_PARAM = "a"
# A workshop participant's tab is bound through the join link (`?w=<token>`), never a resume link.
JOIN_PARAM, LINK_KIND = "w", "link_kind"
# The wizard's section travels in the resume link (`?a=<token>&s=<section id>`), so reopening the link
# returns to it without a column in the database; this tab also remembers it per assessment it opened.
SECTION_PARAM = "s"
SECTIONS_SEEN = "sections_by_assessment"
NEW_REFUSED = "new_assessment_refused"
MODES = ("quick", "full")
# Statuses whose save is still owed to the database: retried on the next run (and every few seconds).
PENDING = ("offline", "busy", "limited")
# Statuses in which the tab holds something the database does not: leaving the assessment would lose it.
UNSAVED = (*PENDING, "deleted")
# A question card saved an answer and redrew only itself: the progress bar and the sidebar's counts
# catch up at the live fragment's next poll (ui/live.py), or at the next run of the whole page.
STALE = "page_stale"
# The assessment's revision moved by more than this tab's own saves: check that its link still opens it.
CHECK_LINK = "check_link"
TAKEN = "taken_in"   # the last take-in: (fields shown, whether anything else changed: a lock, a notice, a deletion)


def client_name() -> str:
    return st.session_state.get(CLIENT_NAME, "")


def notes() -> str:
    return st.session_state.get(NOTES, "")


def assessor() -> str:
    """Who prepared the assessment, printed on its reports."""
    return st.session_state.get(ASSESSOR, "")


def author() -> Author:
    """This tab as the author of its changes: an id of its own and the name its person gave."""
    participant = st.session_state.setdefault(PARTICIPANT, uuid.uuid4().hex)
    return Author(id=participant, name=st.session_state.get(DISPLAY_NAME, "") or auth.signed_in_name())


def locked() -> bool:
    """Whether the workshop facilitator has locked this assessment's answers."""
    return bool(st.session_state.get(LOCKED, False))


def text_widget(field: str) -> str:
    """The key of the text widget showing `field` (a name, notes or the assessor), filled with the
    saved text unless the person is editing it: set through session state, so the browser shows a
    colleague's change too, which a widget's `value=` would not once drawn."""
    key, widget = META[field]
    if widget not in st.session_state:
        st.session_state[widget] = st.session_state.get(key, "")
    return widget


def _owe(field: str, value: Value | None) -> None:
    """Note a change this tab made, to be sent with the next save."""
    st.session_state.setdefault(UNSAVED_CHANGES, {})[field] = value


def participant() -> bool:
    """Whether this tab joined a workshop (through its join link) rather than opening a resume link."""
    return st.session_state.get(LINK_KIND) == JOIN_PARAM


def bind(record: AssessmentRecord, token: str, section: str | None = None, kind: str = LINK_PARAM) -> None:
    """Make this session edit `record`, reached through `token`, at `section` (the link's), else the
    section this tab was last on in it, else the first; a section not shown for its answers counts as none."""
    st.session_state[ASSESSMENT] = record.id
    st.session_state[TOKEN] = token
    st.session_state[REVISION] = record.revision
    st.session_state[state.MODE] = st.session_state[SAVED_MODE] = record.mode
    st.session_state[LOCKED] = record.locked
    for key in (UNSAVED_CHANGES, MY_WRITES, OVERRIDDEN):
        st.session_state.pop(key, None)
    _load(record)
    seen = st.session_state.get(SECTIONS_SEEN, {}).get(record.id)
    state.go_to_section(opening_section(record.answers, record.mode, section, seen))
    st.session_state[LINK_KIND] = kind
    for param in (LINK_PARAM, JOIN_PARAM):
        if param != kind and param in st.query_params:
            del st.query_params[param]
    st.query_params[kind] = token
    keep_section_in_link()
    set_status("saved")


def opening_section(answers: dict[str, str | int], mode: str, *wanted: str | None) -> str:
    """The first of `wanted` that the wizard shows for these answers and mode, else its first section."""
    bank = default_bank()
    grouped = visible_by_section(bank, answers, quick=mode == "quick")
    visible = [s.id for s in bank.sections if s.id in grouped]
    return next((w for w in wanted if w in visible), visible[0] if visible else bank.sections[0].id)


def keep_section_in_link() -> None:
    """Keep the link's `s` on the wizard's section (and remember it for this assessment in this tab);
    no `s` without an assessment."""
    section = st.session_state.get(state.SECTION)
    if st.session_state.get(TOKEN) and section:
        if st.query_params.get(SECTION_PARAM) != section:
            st.query_params[SECTION_PARAM] = section
        st.session_state.setdefault(SECTIONS_SEEN, {})[st.session_state[ASSESSMENT]] = section
    elif SECTION_PARAM in st.query_params and LINK_PARAM not in st.query_params \
            and JOIN_PARAM not in st.query_params:
        del st.query_params[SECTION_PARAM]


def _load(record: AssessmentRecord) -> None:
    """Show `record`'s answers, name and notes, and let every widget re-read them."""
    st.session_state[CLIENT_NAME] = record.client_name
    st.session_state[NOTES] = record.notes
    st.session_state[ASSESSOR] = record.assessor
    for widget in (NOTES_INPUT, ASSESSOR_INPUT):
        st.session_state.pop(widget, None)
    load_answers(record.answers)


def load_answers(answers: dict[str, str | int]) -> None:
    """Replace this session's answers and let every widget re-read them."""
    st.session_state[state.ANSWERS] = dict(answers)
    for key in [k for k in st.session_state if isinstance(k, str) and k.startswith("q:")]:
        del st.session_state[key]
    st.session_state.pop(NAME_INPUT, None)


def answer_changed(question_id: str) -> None:
    """Widget callback of a question card (a fragment, ui/questions.py): record the answer and save it at
    once, but only if it really changed.

    Only the card redraws, unless the whole page must: the answer changed which questions or sections
    are shown (only the bank's steering questions can, and most answers to them do not), or the save
    created the assessment, changed what the page says about saving (a problem, a lock, a refused answer,
    a colleague's replacement), or took in colleagues' changes. The sidebar's counts are in the live
    fragment (ui/live.py), which brings them up to date within seconds."""
    before = state.answers().get(question_id)
    steering = question_id in default_bank().steering
    shown_before = _shown() if steering else ()
    state.remember(question_id)
    after = state.answers().get(question_id)
    if after == before:
        return
    _owe(question_id, after if isinstance(after, str | int) else str(after))
    said = _what_the_page_says()
    save_now()
    _after_fragment_save(said, steering=steering and _shown() != shown_before)


def _shown() -> tuple[object, ...]:
    return shown(assessed.sections(state.answers(), state.mode() == "quick"))


def _after_fragment_save(said: tuple[object, ...], steering: bool = False, counted: bool = True) -> None:
    """After a save from a widget in a fragment: the whole page when it must follow; else, when the save
    changes counts the page shows elsewhere (`counted`: an answer), mark it stale."""
    if steering or _what_the_page_says() != said or st.session_state.pop(TOOK_IN, False):
        whole_page()
    elif counted:
        st.session_state[STALE] = True


def _what_the_page_says() -> tuple[object, ...]:
    """Everything outside a question card that a save can change, except the counts and the time."""
    return (status(), st.session_state.get(ASSESSMENT), overridden(), locked(), REFUSED in st.session_state,
            CLEANED in st.session_state)


def whole_page() -> None:
    """From a widget callback inside a fragment: run the whole page instead of only the fragment (when the
    whole page runs anyway, nothing to do). Must be the callback's last statement."""
    ctx = get_script_run_ctx()
    if ctx is not None and ctx.fragment_ids_this_run:
        st.rerun()


def _validated_answers() -> dict[str, str | int]:
    """This session's answers that the bank allows; any other is dropped from the tab and reported."""
    answers = state.answers()
    valid, refused = split_valid(answers, default_bank())
    if refused:
        for qid in [k for k in answers if k not in valid]:
            answers.pop(qid, None)
            st.session_state.pop(state.widget_key(str(qid)), None)
        st.session_state[REFUSED] = list(refused.values())
        log.warning("Refused %d answer(s) the question bank does not allow: %s", len(refused),
                    ", ".join(sorted(refused))[:300])
    return valid


def save_now() -> None:
    """Write what this tab changed as one revision, then take in what others changed; the first write
    creates the assessment and its link. Nothing is written while the tab waits for the user after a
    deletion."""
    st.session_state[JUST_TRIED] = True
    if status() == "deleted":
        return
    mode = state.mode() if state.mode() in MODES else "full"
    if mode != st.session_state.get(SAVED_MODE, mode) and ASSESSMENT in st.session_state:
        _owe(MODE_FIELD, mode)
    target = store()
    if target is None:
        found = problem()
        set_status("busy" if found is not None and found.kind == "busy" else "offline")
        return
    try:
        if ASSESSMENT not in st.session_state:
            if not may_create():
                set_status("limited")
                return
            _create(target, mode)
        else:
            _save_changes(target)
        set_status("saved")
    except LockedError:
        log.info("A change to a locked assessment was refused")
        st.session_state.pop(UNSAVED_CHANGES, None)
        st.session_state[LOCKED] = True
        _reload(target)
        set_status("locked")
    except NotFoundError:
        # Deleted elsewhere: keep everything in the tab and ask before creating anything.
        log.info("A tab saved to an assessment deleted elsewhere; asking the user what to do")
        set_status("deleted")
    except STORE_ERRORS as exc:
        store_failed(exc, target)


def _create(target: Store, mode: str) -> None:
    answers = _validated_answers()
    record, token = target.create(client_name(), answers, mode, default_bank().version, summarise(answers), notes(),
                                  author=author(), assessor=assessor(),
                                  **auth.creator())  # owner and organisation (ui/auth.py)
    bind_quietly(record, token)
    st.session_state[SAVED_MODE] = record.mode
    st.session_state.pop(UNSAVED_CHANGES, None)
    now = datetime.now(UTC).replace(tzinfo=None)
    st.session_state[MY_WRITES] = {field: MyWrite(value=value, revision=record.revision, at=now)
                                   for field, value in answers.items()}


def _save_changes(target: Store) -> None:
    owed = dict(st.session_state.get(UNSAVED_CHANGES, {}))
    if owed:
        kept, refused = collaboration.checked(owed)
        if refused:
            _refuse(refused)
        since = st.session_state.get(REVISION, 0)
        saved = collaboration.save(target, st.session_state[ASSESSMENT], kept, author())
        st.session_state[MY_WRITES] = collaboration.remember_writes(st.session_state.get(MY_WRITES, {}), saved)
        if MODE_FIELD in owed:
            st.session_state[SAVED_MODE] = saved.mode
        unsaved = st.session_state.get(UNSAVED_CHANGES, {})
        for field, value in owed.items():
            if unsaved.get(field, object()) == value:
                unsaved.pop(field)
        if saved.revision == since + (1 if saved.changes else 0):
            # Nobody else wrote since this tab last looked (the save read the record in its own
            # transaction): there is nothing to take in.
            st.session_state[REVISION] = saved.revision
            return
    if _take_in(target):
        st.session_state[TOOK_IN] = True


def sync() -> bool:
    """Take in what others changed since this tab last looked (the live poll calls this); True when
    something on screen changed. One cheap read when nothing did; never raises for store errors."""
    target = store()
    if target is None or ASSESSMENT not in st.session_state or status() == "deleted":
        return False
    try:
        return _take_in(target)
    except STORE_ERRORS as exc:
        log.warning("Checking for colleagues' changes failed: %s", diagnose(exc).detail)
        return False


def link_to_check() -> bool:
    """Whether the assessment's revision moved past this tab's own saves since its link was last checked
    (a revoked link or an ended workshop moves it too, storage/access.py): then, and only then, the live
    fragment checks that the link still opens the assessment (ui/auth.py)."""
    return bool(st.session_state.pop(CHECK_LINK, False))


def _take_in(target: Store) -> bool:
    """Apply others' changes to this tab (its own unsaved changes win) and queue any notices."""
    now = datetime.now(UTC).replace(tzinfo=None)
    found = collaboration.catch_up(target, st.session_state[ASSESSMENT], author().id,
                                   st.session_state.get(MY_WRITES, {}), st.session_state.get(REVISION, 0), now)
    if found is None:
        set_status("deleted")
        st.session_state[TAKEN] = ((), True)
        return True
    changed = found.locked != locked()
    st.session_state[LOCKED] = found.locked
    if found.revision != st.session_state.get(REVISION, 0):
        st.session_state[CHECK_LINK] = True
    st.session_state[REVISION] = found.revision
    unsaved = st.session_state.get(UNSAVED_CHANGES, {})
    shown = []
    for field, value in found.values:
        if field not in unsaved:
            _show(field, value)
            shown.append(field)
    if found.overridden:
        notices = {n.field: n for n in st.session_state.get(OVERRIDDEN, ())}
        notices.update({n.field: n for n in found.overridden})
        st.session_state[OVERRIDDEN] = tuple(notices.values())
    st.session_state[TAKEN] = (tuple(shown), changed or bool(found.overridden))
    return changed or bool(shown)


def took_in_only(fields: frozenset[str]) -> bool:
    """Whether the last take-in changed nothing but answers to questions in `fields` (questions not on
    this screen): then only the counts need redrawing, not the page."""
    shown, more = st.session_state.get(TAKEN, ((), True))
    return not more and all(field in fields for field in shown)


def _show(field: str, value: Value | None) -> None:
    """Put a value saved by someone else on this tab's screen (its widget re-reads it)."""
    if field == MODE_FIELD:
        st.session_state[SAVED_MODE] = st.session_state[state.MODE] = value if value in MODES else "full"
    elif field in META:
        key, widget = META[field]
        st.session_state[key] = "" if value is None else str(value)
        st.session_state.pop(widget, None)
    else:
        if value is None:
            state.answers().pop(field, None)
        else:
            state.answers()[field] = value
        st.session_state.pop(state.widget_key(field), None)


def _reload(target: Store) -> None:
    record = target.get(st.session_state[ASSESSMENT])
    if record is not None:
        st.session_state[REVISION] = record.revision
        _load(record)


def _refuse(refused: dict[str, str]) -> None:
    """Drop answers the bank does not allow from the tab, and say so once."""
    for qid in refused:
        state.answers().pop(qid, None)
        st.session_state.get(UNSAVED_CHANGES, {}).pop(qid, None)
        st.session_state.pop(state.widget_key(qid), None)
    st.session_state[REFUSED] = list(refused.values())
    log.warning("Refused %d answer(s) the question bank does not allow: %s", len(refused),
                ", ".join(sorted(refused))[:300])


def overridden() -> tuple[Overridden, ...]:
    """Colleagues' recent replacements of this tab's answers, not yet acknowledged."""
    return tuple(st.session_state.get(OVERRIDDEN, ()))


def dismiss(field: str) -> None:
    """Button callback: the user has seen the notice about `field`."""
    st.session_state[OVERRIDDEN] = tuple(n for n in overridden() if n.field != field)


def restore_mine(field: str) -> None:
    """Button callback: put back this tab's answer a colleague replaced, as a new change."""
    notice = next((n for n in overridden() if n.field == field), None)
    dismiss(field)
    if notice is not None:
        put_back(field, notice.mine)


def put_back(field: str, value: Value | None) -> None:
    """Set a field to an earlier value (restore from a notice or the history) and save it."""
    _show(field, value)
    _owe(field, value)
    save_now()


def bind_quietly(record: AssessmentRecord, token: str) -> None:
    """Bind a just-created assessment without reloading answers the session already has."""
    st.session_state[ASSESSMENT] = record.id
    st.session_state[TOKEN] = token
    st.session_state[REVISION] = record.revision
    st.query_params[LINK_PARAM] = token


def _note_cleaned(what: str, removed: int) -> None:
    if removed:
        st.session_state[CLEANED] = (f"{removed} control character{'s were' if removed != 1 else ' was'} removed "
                                     f"from the {what} (invisible characters that cannot be stored). It was "
                                     "saved as it now shows.")


def _save_text(typed: str, clean: Callable[[str], tuple[str, int]], field: str, what: str) -> None:
    """Name and notes alike: cleaned (the user told if characters went), shown as cleaned, and saved
    with everything else in the one revisioned save, only when they really changed."""
    key, widget = META[field]
    said = _what_the_page_says()
    text, removed = clean(typed)
    if text != typed:
        st.session_state[widget] = text
    _note_cleaned(what, removed)
    if text == st.session_state.get(key, ""):
        if removed:
            whole_page()   # to say which characters went
        return
    st.session_state[key] = text
    _owe(field, text)
    save_now()
    _after_fragment_save(said, counted=False)   # a name or notes: no count or progress changes


def save_notes_from_widget() -> None:
    """Notes are saved like answers: at once, in the same revisioned save, creating the assessment if needed."""
    _save_text(st.session_state.get(NOTES_INPUT, ""), clean_notes, NOTES_FIELD, "notes")


def rename_from_widget() -> None:
    rename(st.session_state.get(NAME_INPUT, ""))


def rename(name: str) -> None:
    """A new client name, cleaned (and the user told if characters went), saved with everything else."""
    _save_text(name, clean_name, NAME_FIELD, "name")


def save_assessor_from_widget() -> None:
    """The assessor's name, printed on reports: saved like the client name."""
    _save_text(st.session_state.get(ASSESSOR_INPUT, ""), clean_name, ASSESSOR_FIELD, "assessor's name")


def has_unsaved() -> bool:
    """Whether a save is owed: answers, a name or notes typed, or an assessment already bound."""
    return bool(state.answers() or client_name() or notes() or ASSESSMENT in st.session_state)


def retry_pending() -> None:
    """An earlier write failed or was deferred: try again now (the database may be back), unless a
    save already ran in this rerun (a locked database must not make one click wait twice)."""
    if st.session_state.pop(JUST_TRIED, False):
        return
    if status() in PENDING and has_unsaved():
        save_now()
        st.session_state.pop(JUST_TRIED, None)


def save_as_new() -> None:
    """Button callback after a deletion elsewhere: keep this tab's work as a new assessment, new link."""
    for key in (ASSESSMENT, TOKEN, REVISION, UNSAVED_CHANGES, MY_WRITES, OVERRIDDEN, LOCKED, LINK_KIND):
        st.session_state.pop(key, None)
    set_status("none")
    save_now()


def forget() -> None:
    """Detach this tab from its assessment (deleted, or the user starts another) and start afresh;
    the stored assessment is not touched."""
    for key in (ASSESSMENT, TOKEN, REVISION, CLIENT_NAME, NOTES, ASSESSOR, STATUS, PROBLEM, REFUSED, CLEANED,
                UNSAVED_CHANGES, MY_WRITES, OVERRIDDEN, LOCKED, SAVED_MODE, NOTES_INPUT, ASSESSOR_INPUT, LINK_KIND):
        st.session_state.pop(key, None)
    load_answers({})
    for param in (LINK_PARAM, JOIN_PARAM, SECTION_PARAM):
        if param in st.query_params:
            del st.query_params[param]


def start_new() -> bool:
    """Leave the current assessment as saved and begin an empty one at the first section.

    Refused (False, with a notice for the page) while this tab holds changes the database does not
    have yet: the user first sees them saved, or chooses in the deletion notice."""
    if status() in UNSAVED and has_unsaved():
        st.session_state[NEW_REFUSED] = True
        return False
    forget()
    state.begin_fresh()
    return True
