"""The PDF a consultant puts in front of a client: drawn with fpdf2, no browser needed.

Fonts ship in reports/fonts so any script prints: DejaVu Sans first, then CJK and symbol
fallbacks; text shaping handles right-to-left scripts.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from datetime import date, timedelta
from functools import cache
from pathlib import Path
from typing import cast

from fontTools.ttLib import TTFont
from fpdf import FPDF
from fpdf.fonts import FontFace

from reports.content import DISCLAIMER, STAGE, AreaRow, ReportData
from reports.pdf_logo import BRAND_STRIP, brand_strip, fit_width
from reports.story import (
    READINESS_MEANING,
    SHORT_NAMES,
    fee_text,
    format_date,
    readiness_headline,
    short_date,
    type_ii_line,
    verdict_detail,
    verdict_label,
    what_if_line,
)

FONTS = Path(__file__).parent / "fonts"
BLUE, GREY, LIGHT = (31, 95, 191), (110, 118, 128), (236, 241, 250)
RED, AMBER, GREEN = (200, 69, 58), (224, 160, 48), (46, 156, 98)
PHASE_COLOURS = {"scoping": (154, 165, 177), "risk": (43, 163, 163), "remediation": AMBER,
                 "policies": (183, 138, 224), "description": (214, 120, 160), "type_i": (79, 163, 224),
                 "observation": BLUE, "type_ii": GREEN, "next_period": BLUE, "renewal": GREEN}
VERDICT_COLOURS = {"no_deadline": GREY, "on_track": GREEN, "at_risk": AMBER, "not_possible": RED}
READINESS_COLOURS = {"not_assessed": GREY, "blocked": RED, "material_gaps": RED, "findings_likely": AMBER,
                     "audit_ready": GREEN}
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
    """A4 pages with the organisation in the header; who prepared the report and page numbers in the footer."""

    def __init__(self, organisation: str, user_text: str, prepared_by: str = "") -> None:
        super().__init__(format="A4")
        self.organisation = organisation
        self.prepared_by = prepared_by
        self.set_margins(18, 18, 18)
        self.set_auto_page_break(auto=True, margin=22)
        self.add_font("Sans", "", str(FONTS / "DejaVuSans.ttf"))
        self.add_font("Sans", "B", str(FONTS / "DejaVuSans-Bold.ttf"))
        if needs_fallback(user_text):
            self.add_font("CJK", "", str(FONTS / "DroidSansFallbackFull.ttf"))
            self.add_font("Symbols", "", str(FONTS / "Symbola.ttf"))
            self.set_fallback_fonts(["CJK", "Symbols"], exact_match=False)
        self.set_title(f"SOC readiness assessment: {organisation}")
        self.set_creator("SOC Navigator")
        if prepared_by:
            self.set_author(prepared_by)

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
        self.set_font("Sans", size=7)
        self.set_text_color(*GREY)
        if self.prepared_by:
            self.set_y(-18)
            line = fit_width(self, f"Prepared by {self.prepared_by}", self.epw - 30)
            with self.shaped_if_needed(line):
                self.cell(0, 4, line, align="L")
        self.set_y(-14)
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
    pdf = ReportPDF(data.organisation, data.organisation + data.prepared_by + data.notes, data.prepared_by)
    _cover(pdf, data)
    _summary(pdf, data)
    _readiness(pdf, data)
    _actions(pdf, data)
    _timeline(pdf, data)
    _extras(pdf, data)
    return bytes(pdf.output())


def _cover(pdf: ReportPDF, data: ReportData) -> None:
    pdf.add_page()
    top = BRAND_STRIP if data.logo or data.firm_name else 0
    if top:
        brand_strip(pdf, data.logo, data.firm_name)
    pdf.set_fill_color(*BLUE)
    pdf.rect(0, top, pdf.w, 70, style="F")
    pdf.set_xy(pdf.l_margin, top + 24)
    pdf.set_text_color(255, 255, 255)
    pdf.set_font("Sans", "B", 26)
    pdf.multi_cell(0, 12, "SOC readiness assessment", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("Sans", "", 12)
    pdf.multi_cell(0, 7, "Which SOC report, which scope, how ready, and the plan to get there",
                   new_x="LMARGIN", new_y="NEXT")
    pdf.set_y(top + 86)
    pdf.set_text_color(0, 0, 0)
    pdf.para("Prepared for", 10, GREY)
    pdf.para(data.organisation, 18, bold=True)
    pdf.para("Date", 10, GREY)
    pdf.para(format_date(data.on), 12)
    if data.prepared_by:
        pdf.para("Prepared by", 10, GREY)
        pdf.para(data.prepared_by, 12)
    pdf.set_y(max(pdf.get_y() + 10, top + 200))
    pdf.set_fill_color(*LIGHT)
    pdf.set_font("Sans", "", 9)
    pdf.multi_cell(0, 5.2, DISCLAIMER, fill=True, padding=4, new_x="LMARGIN", new_y="NEXT")


def _summary(pdf: ReportPDF, data: ReportData) -> None:
    result = data.result
    readiness = result.readiness
    pdf.add_page()
    pdf.heading("Executive summary")
    pdf.para(result.headline, 13, bold=True)
    if data.expected:
        pdf.para(f"{data.expected}.", 11, BLUE, bold=True)
    if data.deadline:
        pdf.para(f"{verdict_label(result)}: customer deadline {data.dates.deadline_text}.", 11,
                 VERDICT_COLOURS[result.timeline.verdict], bold=True)
    overall = readiness.overall
    rows = [("Reports recommended", data.reports_line),
            ("Report type", result.report_type or "n/a"),
            ("Trust Services Criteria categories", ", ".join(result.categories) or "n/a (no SOC 2 recommended)"),
            ("Overall readiness", "Not assessed yet (quick check)" if overall is None
             else f"{overall}% · {readiness_headline(readiness)}")]
    rows += [(f"{name} readiness", f"{score}%") for name, score in readiness.by_report.items()
             if score is not None and len(readiness.by_report) > 1]
    rows.append(("Estimated time to the report", result.timeline.label))
    if data.expected:
        rows.append(("Report expected", data.expected))
    if type_ii_line(result, data.start):
        rows.append(("Then", type_ii_line(result, data.start)))
    if data.deadline:
        rows.append(("Customer deadline", f"{data.dates.deadline_text} · {verdict_label(result)}. "
                                          f"{verdict_detail(result)}"))
    if data.what_if:
        rows.append(("Plan assumption", what_if_line(data.what_if)))
    _table(pdf, ["", ""], rows, (60, 114), header=False)
    if data.blockers:
        pdf.heading("Key controls missing", 13)
        pdf.para("An auditor tests these first, and a Type II period can only start once they run.", 9, GREY)
        for blocker in data.blockers:
            pdf.bullet(f"{blocker.control} (answered: {blocker.answer})")
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
    pdf.para(readiness_headline(readiness), 12, READINESS_COLOURS[readiness.verdict], bold=True)
    pdf.para(READINESS_MEANING[readiness.verdict], 9, GREY)
    pdf.para(f"Overall {readiness.overall}% across {len(readiness.criteria)} criteria in scope, from "
             f"{readiness.answered} of {readiness.questions} questions answered (unanswered count as not in place).",
             10, GREY)
    _bars(pdf, data.areas)
    if data.soc1_areas and "SOC 2" in data.result.reports:
        pdf.heading("SOC 1 control-objective areas", 13)
        _bars(pdf, data.soc1_areas)
    pdf.heading("Criteria in scope and their coverage", 13)
    rows = [(c.criterion, c.title, f"{c.coverage}%", c.questions) for c in data.coverage]
    _table(pdf, ["Criterion", "What it asks", "Coverage", "Evidenced by"], rows, (20, 92, 20, 42))


def _bars(pdf: ReportPDF, areas: list[AreaRow]) -> None:
    """One bar per area, plain name first, coloured by band; long names shrink, then wrap."""
    label_w, row_h = 84, 6.5
    bar_w = pdf.epw - label_w - 14
    for area in areas:
        pdf.set_font("Sans", size=8)
        lines = cast(list[str], pdf.multi_cell(label_w - 2, 3.6, area.area, align="L", dry_run=True,
                                               output="LINES"))
        height = max(row_h, 3.6 * len(lines) + 1.2)
        if pdf.get_y() + height > pdf.page_break_trigger:
            pdf.add_page()
        y = pdf.get_y()
        pdf.set_xy(pdf.l_margin, y + (height - 3.6 * len(lines)) / 2)
        pdf.multi_cell(label_w - 2, 3.6, area.area, align="L", new_x="LMARGIN", new_y="NEXT")
        top = y + (height - row_h) / 2
        pdf.set_fill_color(*LIGHT)
        pdf.rect(pdf.l_margin + label_w, top + 1, bar_w, row_h - 2, style="F")
        pdf.set_fill_color(*band(area.score))
        if area.score:
            pdf.rect(pdf.l_margin + label_w, top + 1, bar_w * area.score / 100, row_h - 2, style="F")
        pdf.set_xy(pdf.l_margin + label_w + bar_w + 1, top)
        pdf.cell(13, row_h, f"{area.score}%")
        pdf.set_y(y + height)


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
    if data.expected:
        pdf.para(f"{data.expected}.", 11, BLUE, bold=True)
    if type_ii_line(data.result, data.start):
        pdf.para(type_ii_line(data.result, data.start), 10)
    if data.deadline:
        pdf.para(f"{verdict_label(data.result)}: customer deadline {data.dates.deadline_text}. "
                 f"{verdict_detail(data.result)}", 10, VERDICT_COLOURS[timeline.verdict], bold=True)
    if data.what_if:
        pdf.para(what_if_line(data.what_if), 10, AMBER, bold=True)
    pdf.para(f"{timeline.label} from {format_date(data.start)}. {timeline.estimate_basis}", 9, GREY)
    _gantt(pdf, data)
    rows = [(p.phase, STAGE.get(p.stage, p.stage), short_date(p.starts), short_date(p.ends)) for p in data.phases]
    _table(pdf, ["Phase", "Stage", "Starts", "Ends"], rows, (84, 38, 26, 26))


def _tint(colour: tuple[int, int, int], amount: float = 0.6) -> tuple[int, int, int]:
    """The colour mixed with white: maintain-stage bars are drawn lighter."""
    return tuple(round(c + (255 - c) * amount) for c in colour)  # type: ignore[return-value]


def _gantt(pdf: ReportPDF, data: ReportData) -> None:
    phases = data.phases
    if not phases:
        return
    dates = data.dates
    first, last = data.start, max([p.ends for p in phases] + ([data.deadline] if data.deadline else []))
    span = max(1, (last - first).days)
    label_w, row_h = 40, 7
    left, width = pdf.l_margin + label_w, pdf.epw - label_w
    top = pdf.get_y() + 6
    if top + row_h * len(phases) + 24 > pdf.page_break_trigger:
        pdf.add_page()
        top = pdf.get_y() + 6

    def x_of(day: date) -> float:
        return left + width * (day - first).days / span

    pdf.set_font("Sans", size=7)
    pdf.set_text_color(*GREY)
    step = 1 if span <= 250 else 2 if span <= 430 else 3 if span <= 700 else 4   # months between ticks
    month = date(first.year, first.month, 1)
    while month <= last:
        if month >= first and (month.month - 1) % step == 0:
            pdf.set_draw_color(220, 224, 230)
            pdf.line(x_of(month), top - 1, x_of(month), top + row_h * len(phases))
            pdf.text(x_of(month) + 0.5, top - 2, f"{month:%b %y}")
        month = (month + timedelta(days=32)).replace(day=1)
    for index, phase in enumerate(phases):
        y = top + index * row_h
        pdf.set_text_color(*(GREY if phase.stage == "maintain" else (0, 0, 0)))
        pdf.set_font("Sans", size=7.5)
        pdf.set_xy(pdf.l_margin, y)
        pdf.cell(label_w, row_h, SHORT_NAMES.get(phase.id, phase.phase)[:28])
        colour = PHASE_COLOURS.get(phase.id, BLUE)
        x0, x1 = x_of(phase.starts), max(x_of(phase.starts) + 0.8, x_of(phase.ends))
        if phase.stage == "maintain":
            pdf.set_fill_color(*_tint(colour))
            pdf.set_draw_color(*colour)
            with pdf.local_context():
                pdf.set_dash_pattern(dash=0.8, gap=0.6)
                pdf.rect(x0, y + 1.2, x1 - x0, row_h - 2.4, style="DF")
        else:
            pdf.set_fill_color(*colour)
            pdf.rect(x0, y + 1.2, x1 - x0, row_h - 2.4, style="F")
    bottom = top + row_h * len(phases)
    marks: list[tuple[str, date, tuple[int, int, int], tuple[float, float] | None]] = []
    if dates.earliest and dates.earliest != dates.latest:
        marks.append(("Earliest", dates.earliest, GREEN, (0.6, 0.8)))
    if dates.latest:
        marks.append(("No later than", dates.latest, GREEN, None))
    if dates.deadline:
        marks.append(("Deadline", dates.deadline, RED, (1.2, 1.0)))
    legend_y = bottom + 4
    legend_x = pdf.l_margin
    for label, day, colour, dash in marks:
        pdf.set_draw_color(*colour)
        pdf.set_line_width(0.5)
        with pdf.local_context():
            if dash:
                pdf.set_dash_pattern(dash=dash[0], gap=dash[1])
            pdf.line(x_of(day), top - 1, x_of(day), bottom)
            pdf.line(legend_x, legend_y - 1, legend_x + 6, legend_y - 1)
        pdf.set_text_color(*colour)
        pdf.set_font("Sans", "B" if label == "No later than" else "", 7.5)
        text = f"{label} {short_date(day)}"
        pdf.text(legend_x + 7.5, legend_y, text)
        legend_x += 7.5 + pdf.get_string_width(text) + 6
    pdf.set_line_width(0.2)
    if any(p.stage == "maintain" for p in phases):
        pdf.set_fill_color(*_tint(GREEN))
        pdf.set_draw_color(*GREEN)
        with pdf.local_context():
            pdf.set_dash_pattern(dash=0.8, gap=0.6)
            pdf.rect(legend_x, legend_y - 2.6, 6, 2.8, style="DF")
        pdf.set_text_color(*GREY)
        pdf.set_font("Sans", size=7.5)
        pdf.text(legend_x + 7.5, legend_y, "After the first report: keeping it current")
    pdf.set_text_color(0, 0, 0)
    pdf.set_draw_color(0, 0, 0)
    pdf.set_y(bottom + 9)


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
                 fee_text(f)) for f in result.fees]
        _table(pdf, ["Report", "Reported range", "Note"], rows, (32, 36, 106), size=8)
        pdf.para("Reported ranges from public sources, not a quote.", 8, GREY)
    if result.misconceptions:
        pdf.heading("Misconceptions to avoid", 13)
        for myth in result.misconceptions:
            pdf.para(myth.myth, 9.5, bold=True)
            pdf.para(myth.fact, 9.5)
    pdf.heading("Important", 13)
    pdf.para(DISCLAIMER, 9.5)


def _table(pdf: ReportPDF, headings: list[str], rows: Sequence[tuple[str, ...]], widths: tuple[float, ...],
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
