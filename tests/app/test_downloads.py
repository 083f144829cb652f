"""Share and export on Results and Plan: a paste-ready sentence, four downloads built only on click."""

from __future__ import annotations

import pytest

from tests.app.conftest import open_app
from tests.conftest import profile

LABELS = ["PDF report", "Excel workbook", "Markdown summary", "Action plan (CSV)"]


@pytest.mark.parametrize("page", ["pages/2_Results.py", "pages/3_Plan.py"])
def test_four_downloads_a_summary_to_paste_and_a_note_to_the_prospect(page):
    at = open_app(page, answers=profile(uptime_sla="yes"), client_name="Acme Cloud")
    assert [d.proto.label for d in at.get("download_button")] == LABELS
    assert at.code[-2].value.startswith("Acme Cloud is preparing a SOC 2 Type I with Security and Availability")
    assert at.code[-1].value.startswith("We are preparing a SOC 2 Type I covering Security and Availability")


def test_files_are_not_built_until_clicked(monkeypatch):
    import ui.downloads

    built: list[str] = []
    counting = tuple((label, kind, ext, mime, lambda data, label=label: built.append(label) or b"")
                     for label, kind, ext, mime, _ in ui.downloads.FORMATS)
    monkeypatch.setattr(ui.downloads, "FORMATS", counting)
    at = open_app("pages/2_Results.py", answers=profile())
    assert len(at.get("download_button")) == 4
    assert built == []


def test_notes_are_saved_with_the_assessment(database):
    from storage import open_store

    at = open_app("pages/2_Results.py", answers=profile())
    at.text_area(key="notes_input").input("Board wants SOC 2 before Q3 <b>renewal</b>").run()
    record = open_store(database).list()[0]
    assert record.notes == "Board wants SOC 2 before Q3 <b>renewal</b>"
