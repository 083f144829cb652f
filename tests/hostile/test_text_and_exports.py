"""Hostile text in names, notes and "assessed by": shown literally on the page (ui/text.py) and in
every export, after the documented cleaning (reports/usertext.py: control characters removed)."""

from __future__ import annotations

import csv
import io
import re

import openpyxl
import pytest
from hypothesis import given
from hypothesis import strategies as st

from reports.content import build_report
from reports.csv_export import build_csv
from reports.excel import build_xlsx
from reports.filenames import export_filename
from reports.markdown import build_markdown
from reports.pdf import build_pdf
from reports.usertext import JOINER, printable
from scoring import assess
from tests.conftest import profile
from tests.hostile.inputs import TEXTS
from ui.text import literal

MARKUP = re.compile(r"(?<!\\)[\[\]<>!`*_#|~$&=:]")
AUTOLINK = re.compile(r"(?i:https?:(?!\u2060)//|www(?!\u2060)\.|@(?!\u2060)\w)")


def live(markdown: str) -> re.Match[str] | None:
    """Where a GFM renderer would start something live: an unescaped markdown character, or an autolink
    start not broken by the joiner, looked for in the text as read (an escaped `\\:` still reads `:`)."""
    return MARKUP.search(markdown.replace("\\\\", "")) or AUTOLINK.search(re.sub(r"\\(.)", r"\1", markdown))
ANSWERS = profile(uptime_sla="yes", deadline_months=9) | {"GOV-01": "partial"}


def unliteral(markdown: str) -> str:
    """What a reader sees: escapes and joiners gone, hard breaks back to line breaks."""
    lines = markdown.split("  \n")
    text = "\n".join("" if line == "\u00a0" else line for line in lines)
    return re.sub(r"\\(.)", r"\1", text).replace(JOINER, "")


def cleaned(text: str) -> str:
    """The printable text as a reader sees it: a line of one no-break space reads as the empty line that
    markdown_literal draws with one."""
    return "\n".join("" if line == "\u00a0" else line for line in printable(text, lines=True).split("\n"))


@pytest.mark.parametrize("name", list(TEXTS))
def test_literal_shows_exactly_the_cleaned_text_and_nothing_live(name):
    text = TEXTS[name]
    shown = literal(text, limit=200_000)
    assert unliteral(shown) == cleaned(text)
    assert not live(shown), shown[:200]


@given(st.text(max_size=300))
def test_literal_round_trips_any_text(text):
    shown = literal(text, limit=10_000)
    assert unliteral(shown) == cleaned(text)
    assert not live(shown)


@given(st.text(max_size=300))
def test_printable_drops_exactly_the_control_characters_and_surrogates(text):
    """Lines and tabs aside, every character that is not a control character or a lone surrogate stays,
    in order (the fast path for text with none of them included)."""
    import unicodedata

    kept = [c for c in text.replace("\r\n", "\n").replace("\r", "\n")
            if c in "\n\t" or unicodedata.category(c) not in ("Cc", "Cs")]
    assert printable(text, lines=True) == "".join(kept)
    assert printable(text) == "".join(" " if c in "\n\t" else c for c in kept)


def test_literal_cuts_long_text_with_an_ellipsis():
    assert unliteral(literal("A" * 100_000, limit=200)) == "A" * 199 + "…"


def one_line(text: str) -> str:
    return " ".join(printable(text).split())


@pytest.mark.parametrize("name", list(TEXTS))
def test_every_export_builds_and_keeps_the_cleaned_text(name):
    text = TEXTS[name]
    data = build_report(assess(ANSWERS), ANSWERS, text, text, text)
    expected_name = one_line(text)[:200] or "Your organisation"
    assert data.organisation == expected_name and data.notes == cleaned(text)[:5000]

    book = openpyxl.load_workbook(io.BytesIO(build_xlsx(data)))
    summary = {row[0]: row[1] for row in book["Summary"].iter_rows(values_only=True)}
    assert summary["Organisation"] == expected_name
    assert (summary["Notes"] or "") == cleaned(text)[:5000]
    assert (summary["Assessed by"] or "") == one_line(text)[:200]

    markdown = build_markdown(data)
    title = markdown.split("\n", 1)[0].removeprefix("# SOC readiness summary: ")
    assert unliteral(title) == expected_name

    rows = list(csv.reader(io.StringIO(build_csv(data))))
    assert rows[0][0] == "Rank" and all(len(row) == 8 for row in rows)

    assert build_pdf(data).startswith(b"%PDF")
    filename = export_filename(text, "soc-readiness", "pdf")
    assert re.fullmatch(r"[a-z0-9-]+-soc-readiness-\d{4}-\d{2}-\d{2}\.pdf", filename)


def test_control_characters_never_reach_excel_which_would_refuse_them():
    text = "".join(chr(c) for c in range(32)) + "Acme\x7f\x85"
    data = build_report(assess(ANSWERS), ANSWERS, text, text, text)
    summary = {row[0]: row[1] for row in openpyxl.load_workbook(io.BytesIO(build_xlsx(data)))["Summary"]
               .iter_rows(values_only=True)}
    # Line breaks and tabs stay in notes; a carriage return is a line break (reports/usertext.py).
    assert summary["Organisation"] == "Acme" and summary["Notes"] == "\t\n\nAcme"
