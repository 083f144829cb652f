"""The PDF a consultant puts in front of a client: drawn with fpdf2, no browser needed.

Fonts ship in reports/fonts so any script prints: DejaVu Sans first, then CJK and symbol
fallbacks; text shaping handles right-to-left scripts.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, timedelta
from functools import cache
from pathlib import Path

from fontTools.ttLib import TTFont
from fpdf import FPDF
from fpdf.fonts import FontFace

from reports.content import DISCLAIMER, ReportData

FONTS = Path(__file__).parent / "fonts"
BLUE, GREY, LIGHT = (31, 95, 191), (110, 118, 128), (236, 241, 250)
RED, AMBER, GREEN = (200, 69, 58), (224, 160, 48), (46, 156, 98)
PHASE_COLOURS = {"scoping": (154, 165, 177), "remediation": AMBER, "policies": (183, 138, 224),
                 "type_i": (79, 163, 224), "observation": BLUE, "type_ii": GREEN}
PRIORITY_COLOURS = {"High": RED, "Medium": AMBER, "Low": GREY}


@cache
def _base_coverage() -> frozenset[int]:
    """Code points DejaVu Sans has glyphs for; read once per process."""
    with TTFont(str(FONTS / "DejaVuSans.ttf"), lazy=True) as font:
        return frozenset(font.getBestCmap())


def needs_fallback(text: str) -> bool:
    """Whether some character needs the CJK or symbol fonts (each costs time to load and embed)."""
    covered = _base_coverage()
    return any(ord(c) not in covered for c in text if not c.isspace())


def needs_shaping(text: str) -> bool:
    """Right-to-left and Indic-family scripts need HarfBuzz shaping; Latin text does not (and is
    much faster without it)."""
    return any(unicodedata.bidirectional(c) in ("R", "AL") or 0x0900 <= ord(c) <= 0x109F for c in text)


def band(score: int) -> tuple[int, int, int]:
    return GREEN if score >= 80 else AMBER if score >= 50 else RED


class ReportPDF(FPDF):
    """A4 pages with the organisation in the header and page numbers in the footer."""

    def __init__(self, organisation: str, user_text: str) -> None:
        super().__init__(format="A4")
        self.organisation = organisation
        self.set_margins(18, 18, 18)
        self.set_auto_page_break(auto=True, margin=20)
        self.add_font("Sans", "", str(FONTS / "DejaVuSans.ttf"))
        self.add_font("Sans", "B", str(FONTS / "DejaVuSans-Bold.ttf"))
        if needs_fallback(user_text):
            self.add_font("CJK", "", str(FONTS / "DroidSansFallbackFull.ttf"))
            self.add_font("Symbols", "", str(FONTS / "Symbola.ttf"))
            self.set_fallback_fonts(["CJK", "Symbols"], exact_match=False)
        self.set_title(f"SOC readiness assessment: {organisation}")
        self.set_creator("SOC Navigator")

    @contextmanager
    def shaped_if_needed(self, text: str) -> Iterator[None]:
        """Turn text shaping on only around text that needs it (user-typed names and notes)."""
        shaping = needs_shaping(text)
        if shaping:
            self.set_text_shaping(True)
        try:
            yield
        finally:
            if shaping:
                self.set_text_shaping(False)

    def header(self) -> None:
        if self.page_no() == 1:
            return
        self.set_font("Sans", size=8)
        self.set_text_color(*GREY)
        line = f"SOC readiness assessment · {self.organisation}"[:120]
        with self.shaped_if_needed(line):
            self.cell(0, 6, line, new_x="LMARGIN", new_y="NEXT")
        self.ln(2)

    def footer(self) -> None:
        self.set_y(-14)
        self.set_font("Sans", size=7)
        self.set_text_color(*GREY)
        self.cell(0, 5, "Readiness estimate, not an audit or attestation.", align="L")
        self.set_x(self.l_margin)
        self.cell(0, 5, f"Page {self.page_no()} of {{nb}}", align="R")

    # --- building blocks -------------------------------------------------------------

    def heading(self, text: str, size: int = 15) -> None:
        if self.get_y() > self.h - 50:
            self.add_page()
        self.ln(3)
        self.set_font("Sans", "B", size)
        self.set_text_color(*BLUE)
        self.multi_cell(0, 8, text, new_x="LMARGIN", new_y="NEXT")
        self.set_text_color(0, 0, 0)
        self.ln(1)

    def para(self, text: str, size: float = 10, colour: tuple[int, int, int] = (0, 0, 0), bold: bool = False) -> None:
        self.set_font("Sans", "B" if bold else "", size)
        self.set_text_color(*colour)
        with self.shaped_if_needed(text):
            self.multi_cell(0, size * 0.55, text, new_x="LMARGIN", new_y="NEXT")
        self.set_text_color(0, 0, 0)
        self.ln(1.5)

    def bullet(self, text: str) -> None:
        self.set_font("Sans", size=10)
        self.set_x(self.l_margin + 3)
        self.multi_cell(0, 5.5, f"•  {text}", new_x="LMARGIN", new_y="NEXT")
        self.ln(0.8)


def build_pdf(data: ReportData) -> bytes:
    pdf = ReportPDF(data.organisation, data.organisation + data.assessed_by + data.notes)
    _cover(pdf, data)
    _summary(pdf, data)
    _readiness(pdf, data)
    _actions(pdf, data)
    _timeline(pdf, data)
    _extras(pdf, data)
    return bytes(pdf.output())


def _cover(pdf: ReportPDF, data: ReportData) -> None:
    pdf.add_page()
    pdf.set_fill_color(*BLUE)
    pdf.rect(0, 0, pdf.w, 70, style="F")
    pdf.set_xy(pdf.l_margin, 24)
    pdf.set_text_color(255, 255, 255)
    pdf.set_font("Sans", "B", 26)
    pdf.multi_cell(0, 12, "SOC readiness assessment", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("Sans", "", 12)
    pdf.multi_cell(0, 7, "Which SOC report, which scope, how ready, and the plan to get there",
                   new_x="LMARGIN", new_y="NEXT")
    pdf.set_y(86)
    pdf.set_text_color(0, 0, 0)
    pdf.para("Prepared for", 10, GREY)
    pdf.para(data.organisation, 18, bold=True)
    pdf.para("Date", 10, GREY)
    pdf.para(f"{data.on:%d %B %Y}", 12)
    if data.assessed_by:
        pdf.para("Assessed by", 10, GREY)
        pdf.para(data.assessed_by, 12)
    pdf.set_y(max(pdf.get_y() + 10, 200))
    pdf.set_fill_color(*LIGHT)
    pdf.set_font("Sans", "", 9)
    pdf.multi_cell(0, 5.2, DISCLAIMER, fill=True, padding=4, new_x="LMARGIN", new_y="NEXT")


def _summary(pdf: ReportPDF, data: ReportData) -> None:
    result = data.result
    pdf.add_page()
    pdf.heading("Executive summary")
    pdf.para(result.headline, 13, bold=True)
    overall = result.readiness.overall
    rows = [("Reports recommended", data.reports_line),
            ("Report type", result.report_type or "n/a"),
            ("Trust Services Criteria categories", ", ".join(result.categories) or "n/a (no SOC 2 recommended)"),
            ("Overall readiness", "Not assessed yet (quick check)" if overall is None else f"{overall}%"),
            ("Estimated time to the report", result.timeline.label)]
    if data.deadline:
        rows.append(("Customer deadline", f"{data.deadline:%d %B %Y}. {result.timeline.verdict_text}"))
    _table(pdf, ["", ""], rows, (60, 114), header=False)
    pdf.heading("Why", 13)
    for reason in result.rationale:
        pdf.bullet(reason.statement)
    if result.notes:
        pdf.heading("Also worth knowing", 13)
        for note in result.notes:
            pdf.bullet(note.statement)
    if data.notes.strip():
        pdf.heading("Notes", 13)
        pdf.para(data.notes, 10)


def _readiness(pdf: ReportPDF, data: ReportData) -> None:
    readiness = data.result.readiness
    pdf.add_page()
    pdf.heading("Readiness by area")
    if readiness.overall is None:
        pdf.para("Readiness has not been assessed: this report comes from the quick check. Complete the full "
                 "assessment for readiness by area and an action plan.", 10, GREY)
        return
    pdf.para(f"Overall {readiness.overall}% across {len(readiness.criteria)} criteria in scope, from "
             f"{readiness.answered} of {readiness.questions} questions answered (unanswered count as not in place).",
             10, GREY)
    label_w, bar_w, row_h = 62, pdf.epw - 62 - 14, 6.5
    for area in readiness.areas:
        y = pdf.get_y()
        pdf.set_font("Sans", size=8.5)
        pdf.set_xy(pdf.l_margin, y)
        pdf.cell(label_w, row_h, f"{area.id} {area.name}"[:38])
        pdf.set_fill_color(*LIGHT)
        pdf.rect(pdf.l_margin + label_w, y + 1, bar_w, row_h - 2, style="F")
        pdf.set_fill_color(*band(area.score))
        if area.score:
            pdf.rect(pdf.l_margin + label_w, y + 1, bar_w * area.score / 100, row_h - 2, style="F")
        pdf.set_xy(pdf.l_margin + label_w + bar_w + 1, y)
        pdf.cell(13, row_h, f"{area.score}%")
        pdf.set_y(y + row_h)
    pdf.heading("Criteria in scope and their coverage", 13)
    rows = [(c.criterion, c.title, f"{c.coverage}%", c.questions) for c in data.coverage]
    _table(pdf, ["Criterion", "What it asks", "Coverage", "Evidenced by"], rows, (20, 92, 20, 42))


def _actions(pdf: ReportPDF, data: ReportData) -> None:
    pdf.add_page()
    pdf.heading("Action plan")
    if not data.actions:
        pdf.para("No open actions." if data.result.readiness.overall is not None
                 else "Complete the readiness questions to get a ranked action plan.", 10, GREY)
        return
    pdf.para("Every control answered no, partly or not sure, ranked by how many criteria it supports and how weak "
             "its area is. Owner and due date are left for you to fill in.", 9, GREY)
    rows = [(str(a.rank), a.priority, a.control, a.action, "", "") for a in data.actions]
    _table(pdf, ["#", "Priority", "Control", "Action", "Owner", "Due"], rows, (8, 17, 52, 63, 17, 17), size=7.5)


def _timeline(pdf: ReportPDF, data: ReportData) -> None:
    timeline = data.result.timeline
    pdf.add_page()
    pdf.heading("Timeline")
    pdf.para(f"{timeline.label} from {data.start:%d %B %Y}. {timeline.estimate_basis}", 9, GREY)
    if timeline.verdict_text:
        colour = {"on_track": GREEN, "at_risk": AMBER, "not_possible": RED}[timeline.verdict or "at_risk"]
        pdf.para(timeline.verdict_text, 10, colour, bold=True)
    _gantt(pdf, data)
    rows = [(p.phase, f"{p.starts:%d %b %Y}", f"{p.ends:%d %b %Y}") for p in data.phases]
    _table(pdf, ["Phase", "Starts", "Ends"], rows, (100, 37, 37))


def _gantt(pdf: ReportPDF, data: ReportData) -> None:
    phases = data.phases
    if not phases:
        return
    first, last = data.start, max([p.ends for p in phases] + ([data.deadline] if data.deadline else []))
    span = max(1, (last - first).days)
    label_w, row_h = 58, 7
    left, width = pdf.l_margin + label_w, pdf.epw - label_w
    top = pdf.get_y() + 6

    def x_of(day: date) -> float:
        return left + width * (day - first).days / span

    pdf.set_font("Sans", size=7)
    pdf.set_text_color(*GREY)
    step = 1 if span <= 250 else 2 if span <= 430 else 3   # months between ticks, so labels never overlap
    month = date(first.year, first.month, 1)
    while month <= last:
        if month >= first and (month.month - 1) % step == 0:
            pdf.set_draw_color(220, 224, 230)
            pdf.line(x_of(month), top - 1, x_of(month), top + row_h * len(phases))
            pdf.text(x_of(month) + 0.5, top - 2, f"{month:%b %y}")
        month = (month + timedelta(days=32)).replace(day=1)
    ids = [p.id for p in data.result.timeline.phases]
    for index, phase in enumerate(phases):
        y = top + index * row_h
        pdf.set_text_color(0, 0, 0)
        pdf.set_font("Sans", size=7.5)
        pdf.set_xy(pdf.l_margin, y)
        pdf.cell(label_w, row_h, phase.phase[:40])
        pdf.set_fill_color(*PHASE_COLOURS.get(ids[index], BLUE))
        pdf.rect(x_of(phase.starts), y + 1.2, max(0.8, x_of(phase.ends) - x_of(phase.starts)), row_h - 2.4, style="F")
    bottom = top + row_h * len(phases)
    if data.deadline:
        pdf.set_draw_color(*RED)
        pdf.set_line_width(0.5)
        with pdf.local_context():
            pdf.set_dash_pattern(dash=1.2, gap=1)
            pdf.line(x_of(data.deadline), top - 1, x_of(data.deadline), bottom)
        pdf.set_text_color(*RED)
        pdf.text(min(x_of(data.deadline) + 1, pdf.w - pdf.r_margin - 22), bottom + 4,
                 f"Deadline {data.deadline:%d %b %Y}")
        pdf.set_line_width(0.2)
    pdf.set_text_color(0, 0, 0)
    pdf.set_y(bottom + 8)


def _extras(pdf: ReportPDF, data: ReportData) -> None:
    result = data.result
    if result.soc1_objective_areas:
        pdf.heading("SOC 1: typical control-objective areas", 13)
        pdf.para("SOC 1 has no fixed criteria: you define control objectives with your auditor. These are the "
                 "areas such objectives usually cover for a business like yours.", 9, GREY)
        for area in result.soc1_objective_areas:
            pdf.bullet(area)
    if result.fees:
        pdf.heading("Auditor fees reported publicly", 13)
        rows = [(f.report, f"${f.low_usd:,} – ${f.high_usd:,}" if f.low_usd and f.high_usd else "No separate figure",
                 f"{f.note} Sources: {', '.join(f.sources)}.") for f in result.fees]
        _table(pdf, ["Report", "Reported range", "Note"], rows, (32, 36, 106), size=8)
        pdf.para("Reported ranges from public sources, not a quote.", 8, GREY)
    if result.misconceptions:
        pdf.heading("Misconceptions to avoid", 13)
        for myth in result.misconceptions:
            pdf.para(myth.myth, 9.5, bold=True)
            pdf.para(myth.fact, 9.5)
    pdf.heading("Important", 13)
    pdf.para(DISCLAIMER, 9.5)


def _table(pdf: ReportPDF, headings: list[str], rows: list[tuple[str, ...]], widths: tuple[float, ...],
           header: bool = True, size: float = 8.5) -> None:
    pdf.set_font("Sans", size=size)
    pdf.set_fill_color(255, 255, 255)
    pdf.set_draw_color(200, 206, 214)
    style = FontFace(emphasis="BOLD", color=(255, 255, 255), fill_color=BLUE)
    with pdf.table(col_widths=widths, width=sum(widths), text_align="LEFT", line_height=size * 0.55,
                   first_row_as_headings=header, headings_style=style, align="LEFT",
                   borders_layout="HORIZONTAL_LINES", padding=1.2, cell_fill_mode="NONE") as table:
        if header:
            heading = table.row()
            for text in headings:
                heading.cell(text)
        for values in rows:
            row = table.row()
            for value in values:
                row.cell(value)
    pdf.ln(3)
