"""The firm's letterhead on the PDF's first page: its logo in a modest box and its name beside it.

Kept apart from reports/pdf.py, which lays out the report itself. The logo is already checked and
re-encoded (reports/logo.py); embedding is still guarded, so the letterhead can only ever lose the
logo, never the report.
"""

from __future__ import annotations

import io
from typing import TYPE_CHECKING

from fpdf import FPDF

from reports.logo import Logo

if TYPE_CHECKING:
    from reports.pdf import ReportPDF

BRAND_STRIP = 26.0          # mm of white above the cover's blue band when the report is branded
LOGO_BOX = (40.0, 15.0)     # mm: the most a logo takes, shape kept
INK = (40, 48, 60)


def logo_size(logo: Logo, box: tuple[float, float] = LOGO_BOX) -> tuple[float, float]:
    """Width and height in mm: as large as fits the box, never stretched."""
    scale = min(box[0] / logo.width, box[1] / logo.height)
    return logo.width * scale, logo.height * scale


def fit_width(pdf: FPDF, text: str, width: float) -> str:
    """`text` in the current font, cut with an ellipsis to fit `width` mm (a footer has one line)."""
    if pdf.get_string_width(text) <= width:
        return text
    cut = len(text)
    while cut > 1 and pdf.get_string_width(text[:cut] + "…") > width:
        cut = min(cut - 1, int(cut * width / pdf.get_string_width(text[:cut] + "…")))
    return text[: max(cut, 1)].rstrip() + "…"


def brand_strip(pdf: ReportPDF, logo: Logo | None, firm_name: str) -> None:
    """Logo at the top left, vertically centred in the strip, then the firm's name on one line."""
    x, top = pdf.l_margin, (BRAND_STRIP - LOGO_BOX[1]) / 2
    if logo:
        w, h = logo_size(logo)
        try:
            pdf.image(io.BytesIO(logo.png), x=x, y=top + (LOGO_BOX[1] - h) / 2, w=w, h=h)
            x += w + 6
        except Exception:   # checked already; if fpdf still refuses it, the name stands alone
            pass
    if firm_name:
        space = pdf.w - pdf.r_margin - x
        pdf.set_font("Sans", "B", 13)
        pdf.set_text_color(*INK)
        name = fit_width(pdf, firm_name, space)
        pdf.set_xy(x, top)
        with pdf.shaped_if_needed(name):
            pdf.cell(space, LOGO_BOX[1], name, align="L")
    pdf.set_text_color(0, 0, 0)
