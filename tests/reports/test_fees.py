"""Fee bands in every export name only sources a CPA would accept, or say who reported them."""

from __future__ import annotations

import io
import re

import openpyxl
import pytest

from reports.content import build_report
from reports.excel import build_xlsx
from reports.pdf import build_pdf
from reports.story import FEE_BASIS, fee_sources, fee_text
from scoring import assess
from scoring.fees import ACCEPTED_SOURCES
from tests.conftest import profile
from tests.reports.test_pdf import text_of

NAMED = re.compile(r"(?:" + "|".join(re.escape(v) for v in FEE_BASIS.values()) + r"): ([^.]+)\.")
PROFILES = [profile(), profile(uptime_sla="yes"), profile(fin_impact="yes", user_auditor_ask="yes", deadline_months=4),
            profile(public_artifact="yes"), profile(fin_impact="yes", public_artifact="yes")]


def named_in(text: str) -> set[str]:
    return {name.strip() for found in NAMED.findall(" ".join(text.split())) for name in found.split(",")}


@pytest.mark.parametrize("answers", PROFILES)
def test_every_band_names_accepted_sources_or_says_who_reported_it(answers):
    for band in assess(answers).fees:
        text = fee_sources(band)
        assert named_in(text) == set(band.sources) <= ACCEPTED_SOURCES, band.report
        if not band.sources:
            assert text == f"{FEE_BASIS[band.basis]}.", band.report
        assert fee_text(band).count("eported by compliance vendors") <= 1, band.report


def test_pdf_and_excel_fee_sections_name_only_accepted_sources():
    answers = profile(fin_impact="yes", user_auditor_ask="yes", public_artifact="yes", deadline_months=4)
    data = build_report(assess(answers), answers, "Acme")
    assert any(band.sources for band in data.result.fees)
    book = openpyxl.load_workbook(io.BytesIO(build_xlsx(data)))
    sheet_text = " ".join(str(row[4].value) for row in book["Fees"].iter_rows(min_row=2))
    for where, text in (("PDF", text_of(build_pdf(data))[1]), ("Excel", sheet_text)):
        named = named_in(text)
        assert named and named <= ACCEPTED_SOURCES, where
        assert "Reported by compliance vendors" in text, where
