"""Share and export on Results and Plan: a paste-ready sentence, four downloads built only on click."""

from __future__ import annotations

import pytest

from tests.app.conftest import open_app
from tests.conftest import profile
from ui.plan_view import SHARE


def shown_on(page: str) -> dict[str, bool]:
    """The state that shows the share panel on `page`: the Plan builds it only once opened."""
    return {SHARE: True} if page.endswith("Plan.py") else {}


LABELS = ["PDF report", "Excel workbook", "Markdown summary", "Action plan (CSV)"]


@pytest.mark.parametrize("page", ["pages/2_Results.py", "pages/3_Plan.py"])
def test_four_downloads_a_summary_to_paste_and_a_note_to_the_prospect(page):
    at = open_app(page, answers=profile(uptime_sla="yes"), client_name="Acme Cloud", **shown_on(page))
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


def built_on_a_worker_thread(monkeypatch, page: str, **state: object) -> dict[str, bytes]:
    """Each download as Streamlit builds it on click: its callable, run on a thread that has no
    script context (so st.session_state is not this session's there)."""
    import threading

    from streamlit.runtime.media_file_manager import MediaFileManager

    callables: dict[str, object] = {}
    original = MediaFileManager.add_deferred

    def capture(self, data_callable, mimetype, coordinates, file_name=None, **kwargs):
        callables[str(file_name).rsplit(".", 1)[-1]] = data_callable
        return original(self, data_callable, mimetype, coordinates, file_name, **kwargs)

    monkeypatch.setattr(MediaFileManager, "add_deferred", capture)
    open_app(page, **state, **shown_on(page))
    built: dict[str, bytes] = {}

    def build_all() -> None:
        for extension, make in callables.items():
            data = make()
            built[extension] = data.encode("utf-8") if isinstance(data, str) else data

    worker = threading.Thread(target=build_all)
    worker.start()
    worker.join(timeout=60)
    assert set(built) == {"pdf", "xlsx", "md", "csv"}
    return built


@pytest.mark.parametrize("page", ["pages/2_Results.py", "pages/3_Plan.py"])
def test_assessed_by_and_notes_reach_every_download_that_prints_them(monkeypatch, page):
    import io

    import openpyxl
    from pypdf import PdfReader

    built = built_on_a_worker_thread(monkeypatch, page, answers=profile(), client_name="Acme Cloud",
                                     assessor="Jane Roe, Example Advisory", notes="Board wants it by Q3")
    pdf_text = " ".join(" ".join(p.extract_text() or "" for p in PdfReader(io.BytesIO(built["pdf"])).pages).split())
    assert "Jane Roe, Example Advisory" in pdf_text and "Board wants it by Q3" in pdf_text
    summary = openpyxl.load_workbook(io.BytesIO(built["xlsx"]))["Summary"]
    values = {row[0]: row[1] for row in summary.iter_rows(values_only=True)}
    assert values["Assessed by"] == "Jane Roe, Example Advisory"
    assert values["Notes"] == "Board wants it by Q3"
    markdown = built["md"].decode("utf-8")
    assert "prepared by Jane Roe, Example Advisory" in markdown and "Board wants it by Q3" in markdown
    assert "Acme Cloud" in markdown and built["csv"].startswith(b"Rank,")


def test_the_firm_configured_once_brands_every_download_of_its_workspace(monkeypatch, database):
    import io
    import subprocess

    import openpyxl
    from PIL import Image

    from storage import firms, open_store

    logo = io.BytesIO()
    Image.new("RGB", (120, 40), (200, 30, 30)).save(logo, format="PNG")
    firms.save(open_store(database).engine, "", firms.Firm(name="Northwind Assurance LLP", logo=logo.getvalue(),
                                                           logo_type="image/png"))
    built = built_on_a_worker_thread(monkeypatch, "pages/2_Results.py", answers=profile(), client_name="Acme Cloud",
                                     assessor="Jane Roe")
    assert "Northwind Assurance LLP" in built["md"].decode("utf-8") and "Jane Roe" in built["md"].decode("utf-8")
    values = {row[0]: row[1] for row in openpyxl.load_workbook(io.BytesIO(built["xlsx"]))["Summary"]
              .iter_rows(values_only=True)}
    assert values.get("Firm") == "Northwind Assurance LLP"
    images = subprocess.run(["pdfimages", "-list", "-"], input=built["pdf"], capture_output=True, check=True).stdout
    assert len(images.decode().strip().splitlines()) > 2                      # header lines, then the logo
