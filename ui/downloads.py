"""Share and export: the paste-ready summary and the four downloads, each built only on click."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import date

import streamlit as st

from reports.content import ReportData, build_report
from reports.csv_export import build_csv
from reports.excel import build_xlsx
from reports.filenames import export_filename
from reports.markdown import build_markdown, sentence
from reports.pdf import build_pdf
from scoring.models import Result
from ui import persistence
from ui.text import literal

ASSESSED_BY = "assessed_by"
FORMATS: tuple[tuple[str, str, str, str, Callable[[ReportData], bytes | str]], ...] = (
    ("PDF report", "soc-readiness", "pdf", "application/pdf", build_pdf),
    ("Excel workbook", "soc-readiness", "xlsx",
     "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", build_xlsx),
    ("Markdown summary", "soc-summary", "md", "text/markdown", build_markdown),
    ("Action plan (CSV)", "soc-action-plan", "csv", "text/csv", build_csv),
)


def export_panel(result: Result, answers: Mapping[str, object], start: date, key: str, notes_editable: bool) -> None:
    organisation = persistence.client_name() or "Your organisation"
    st.subheader("Share and export")
    left, right = st.columns(2)
    left.text_input("Assessed by (shown on the report)", key=ASSESSED_BY, max_chars=200,
                    placeholder="e.g. Jane Doe, Example Advisory")
    if notes_editable:
        st.text_area("Notes for the report (optional)", value=persistence.notes(), key="notes_input",
                     max_chars=5000, height=100, on_change=persistence.save_notes_from_widget,
                     help="Saved with the assessment and printed in the PDF, Excel and Markdown exports.")
    right.caption(f"Reports are made for **{literal(organisation)}**. Change the name on the first step of the "
                  "assessment.")

    def data() -> ReportData:
        return build_report(result, answers, organisation, st.session_state.get(ASSESSED_BY, ""),
                            persistence.notes(), start=start)

    st.markdown("**Paste into an email or your CRM**")
    st.code(sentence(data(), plain=True), language=None, wrap_lines=True)
    columns = st.columns(len(FORMATS))
    for column, (label, kind, extension, mime, build) in zip(columns, FORMATS, strict=True):
        column.download_button(label, data=lambda build=build: build(data()), mime=mime,
                               file_name=export_filename(organisation, kind, extension),
                               key=f"{key}-{extension}", on_click="ignore", icon=":material/download:",
                               width="stretch")
