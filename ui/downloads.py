"""Share and export: the paste-ready summary, the note to the prospect and the four downloads,
each download built only on click."""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date

import streamlit as st

from reports.branding import Branding
from reports.content import ReportData, build_report
from reports.csv_export import build_csv
from reports.excel import build_xlsx
from reports.filenames import export_filename
from reports.markdown import build_markdown
from reports.pdf import build_pdf
from scoring.models import Result
from storage import Store, access, firms
from storage.health import STORE_ERRORS
from storage.records import ASSESSOR_FIELD, NOTES_FIELD
from ui import auth, persistence
from ui.text import literal

FORMATS: tuple[tuple[str, str, str, str, Callable[[ReportData], bytes | str]], ...] = (
    ("PDF report", "soc-readiness", "pdf", "application/pdf", build_pdf),
    ("Excel workbook", "soc-readiness", "xlsx",
     "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", build_xlsx),
    ("Markdown summary", "soc-summary", "md", "text/markdown", build_markdown),
    ("Action plan (CSV)", "soc-action-plan", "csv", "text/csv", build_csv),
)

@dataclass
class Typed:
    """The assessor's name and the notes as this session last drew them: kept in its session state and
    read by a download when it is built, so typing either redraws only the two fields (`_typed`)."""

    assessed_by: str = ""
    notes: str = ""


TYPED = "export_typed"
INPUT_WIDTH = 420   # the assessor's name: a name's width on a laptop (a phone narrows it to the screen)


@dataclass(frozen=True)
class Frozen:
    """What the downloads print, read while the page is drawn and handed to the builders as values
    (the assessor's name and the notes through this session's `Typed`)."""

    answers: dict[str, object]
    organisation: str
    typed: Typed
    start: date
    what_if: tuple[str, ...]
    assessment_id: str = ""
    org: str = ""


def branding(store: Store | None, frozen: Frozen) -> Branding | None:
    """The firm's name and logo for this assessment's workspace, read only when a report is built."""
    if store is None:
        return None
    try:
        org = (access.org_of(store.engine, frozen.assessment_id) if frozen.assessment_id else None) or frozen.org
        firm = firms.get(store.engine, org)
    except STORE_ERRORS:
        return None  # the report is still made, without the letterhead
    return Branding(firm_name=firm.name, logo=firm.logo, logo_type=firm.logo_type) if firm.name or firm.logo else None


# A real button (st.code's copy icon only shows on hover, so not on a phone). The text arrives as
# a JSON string literal with <, > and & escaped, so it can never close the script or add markup.
COPY_TEMPLATE = """<!doctype html>
<html><head><meta charset="utf-8"><style>
  body { margin: 0; font-family: "Source Sans Pro", "Source Sans", system-ui, sans-serif; }
  button { font: inherit; font-size: 15px; padding: 6px 14px; min-height: 38px; border-radius: 8px;
           border: 1px solid rgba(49, 51, 63, 0.25); background: #fff; color: rgb(49, 51, 63); cursor: pointer; }
  button:hover { border-color: #1f5fbf; color: #1f5fbf; }
  span { margin-left: 10px; font-size: 14px; color: #2e9c62; }
  textarea { position: absolute; left: -9999px; top: 0; width: 1px; height: 1px; }
</style></head><body>
<button type="button" id="copy">__LABEL__</button><span id="status" role="status" aria-live="polite"></span>
<textarea id="fallback" readonly aria-hidden="true" tabindex="-1"></textarea>
<script>
  const text = __TEXT__;
  const status = document.getElementById("status");
  function done(ok) { status.textContent = ok ? "Copied" : "Select the text above and copy it"; }
  function fallback() {
    const area = document.getElementById("fallback");
    area.value = text;
    area.readOnly = false;
    area.focus();
    area.select();
    area.setSelectionRange(0, text.length);
    let ok = false;
    try { ok = document.execCommand("copy"); } catch (error) { ok = false; }
    area.readOnly = true;
    done(ok);
  }
  document.getElementById("copy").addEventListener("click", function () {
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(text).then(function () { done(true); }, fallback);
    } else {
      fallback();
    }
  });
</script></body></html>"""


@st.fragment
def _typed(notes_editable: bool) -> Typed:
    """The assessor's name (and on Results the notes): a fragment of only these two widgets, so typing
    saves and redraws nothing else.
    Returns this session's `Typed`, updated to what they now hold, for the downloads to read when built."""
    st.text_input("Assessed by (shown on the report)", key=persistence.text_widget(ASSESSOR_FIELD),
                  max_chars=200, placeholder="e.g. Jane Doe", on_change=persistence.save_assessor_from_widget,
                  help="Saved with the assessment, so every colleague's exports name the same assessor.",
                  width=INPUT_WIDTH)
    if notes_editable:
        st.text_area("Notes for the report (optional)", key=persistence.text_widget(NOTES_FIELD),
                     max_chars=5000, height=100, on_change=persistence.save_notes_from_widget,
                     help="Saved with the assessment and printed in the PDF, Excel and Markdown exports.")
    typed: Typed = st.session_state.setdefault(TYPED, Typed())
    typed.assessed_by, typed.notes = persistence.assessor(), persistence.notes()
    return typed


def script_string(text: str) -> str:
    """`text` as a JavaScript string literal that is safe inside <script> (no </script>, no markup)."""
    return json.dumps(text).replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def copy_button_html(text: str, label: str) -> str:
    """The copy button's page; `label` is our own text, `text` may contain anything a user typed."""
    return COPY_TEMPLATE.replace("__LABEL__", label).replace("__TEXT__", script_string(text))


def share_text(title: str, text: str, copy_label: str) -> None:
    """The text to copy, readable on every screen, with a copy button that works on a phone."""
    st.markdown(f"**{title}**")
    st.code(text, language=None, wrap_lines=True)
    st.iframe(copy_button_html(text, copy_label), height=44)


def export_panel(result: Result, answers: Mapping[str, object], start: date, key: str, notes_editable: bool,
                 what_if: Sequence[str] = ()) -> None:
    """The summary line, the note and the downloads, all from one ReportData (reports/story.py
    dates); `what_if` lists the Plan page's assumptions, stated in everything built here."""
    organisation = persistence.client_name() or "Your organisation"
    st.subheader("Share and export")
    st.caption(f"Reports are made for **{literal(organisation, 200)}**. Change the name on the first step of the "
               "assessment.")
    typed = _typed(notes_editable)

    # Read everything now, while this script run owns the session: Streamlit builds a deferred
    # download on a worker thread without the session, where st.session_state reads as empty.
    frozen = Frozen(answers=dict(answers), organisation=organisation, typed=typed, start=start,
                    what_if=tuple(what_if),
                    assessment_id=str(st.session_state.get(persistence.ASSESSMENT) or ""), org=auth.creator()["org"])
    store = persistence.store()

    def data(branded: bool = True) -> ReportData:
        return build_report(result, frozen.answers, frozen.organisation, frozen.typed.assessed_by, frozen.typed.notes,
                            start=frozen.start, what_if=frozen.what_if,
                            branding=branding(store, frozen) if branded else None)

    shown = data(branded=False)  # the paste line and the note carry no letterhead
    crm, note = st.columns(2)
    with crm:
        share_text("Paste into an email or your CRM", shown.paste_line(), "Copy the summary")
    with note:
        share_text("Note to your prospect", shown.prospect_note, "Copy the note")
    columns = st.columns(len(FORMATS))
    for column, (label, kind, extension, mime, build) in zip(columns, FORMATS, strict=True):
        column.download_button(label, data=lambda build=build: build(data()), mime=mime,
                               file_name=export_filename(organisation, kind, extension),
                               key=f"{key}-{extension}", on_click="ignore", icon=":material/download:",
                               width="stretch")
