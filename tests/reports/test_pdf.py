"""The PDF, read back with pypdf and rendered to PNG with Debian's poppler."""

from __future__ import annotations

import io
import shutil
import subprocess
from pathlib import Path

import pytest
from pypdf import PdfReader

from reports.pdf import build_pdf, needs_fallback, needs_shaping

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "pdf"


def text_of(pdf: bytes) -> tuple[list[str], str]:
    pages = [page.extract_text() or "" for page in PdfReader(io.BytesIO(pdf)).pages]
    return pages, " ".join(" ".join(pages).split())


def squash(text: str) -> str:
    return " ".join(text.split())


def test_largest_assessment_has_everything_and_paginates(largest):
    pdf = build_pdf(largest)
    assert pdf.startswith(b"%PDF")
    pages, text = text_of(pdf)
    assert "Acme Largest Ltd" in text
    assert squash(largest.result.headline) in text
    assert "SOC 1, SOC 2, SOC 3" in text
    missing_actions = [a.control for a in largest.actions if squash(a.control) not in text]
    assert not missing_actions
    assert len(largest.actions) == len(largest.result.gaps) > 50
    for phase in largest.phases:
        assert phase.phase in text
    assert "not an audit, an attestation or a certification" in text
    assert all(f"Page {n} of {len(pages)}" in page for n, page in enumerate(pages, start=1))
    assert "Deadline" in text


def test_every_criterion_in_scope_and_the_soc1_areas_are_listed(largest):
    _, text = text_of(build_pdf(largest))
    assert all(row.criterion in text for row in largest.coverage)
    assert len(largest.coverage) == 61
    assert "control-objective areas" in text


def test_user_text_prints_literally(awkward):
    _, text = text_of(build_pdf(awkward))
    assert "<script>alert('x')</script>" in text
    assert "=SUM(A1)" in text and "株式会社" in text
    assert "**not bold** [not a link](http://x)" in text
    assert "<i>O'Brien</i>" in text


def test_quick_check_pdf_says_readiness_is_not_assessed():
    from reports.content import build_report
    from scoring import assess
    from tests.conftest import profile

    answers = profile()
    _, text = text_of(build_pdf(build_report(assess(answers), answers, "Quick Co")))
    assert "Readiness has not been assessed" in text
    assert "Complete the readiness questions" in text


def test_scripts_that_need_shaping_or_fallback_fonts_are_detected():
    assert needs_shaping("مرحبا") and needs_shaping("שלום") and not needs_shaping("Zoë & Co")
    assert needs_fallback("株式会社") and needs_fallback("🚀") and not needs_fallback("Zoë – café → ok")


@pytest.mark.parametrize("fixture", ["largest", "awkward"])
def test_pages_render_to_png_for_review(request, fixture):
    pdftoppm = shutil.which("pdftoppm")
    assert pdftoppm, "poppler-utils is missing: run `make test`, which installs it"
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    for old in ARTIFACTS.glob(f"{fixture}-*.png"):
        old.unlink()
    source = ARTIFACTS / f"{fixture}.pdf"
    source.write_bytes(build_pdf(request.getfixturevalue(fixture)))
    subprocess.run([pdftoppm, "-r", "60", "-png", str(source), str(ARTIFACTS / fixture)], check=True, timeout=120)
    rendered = sorted(ARTIFACTS.glob(f"{fixture}-*.png"))
    assert len(rendered) == len(PdfReader(str(source)).pages) >= 5
