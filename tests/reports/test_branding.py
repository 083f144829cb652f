"""The consultant's firm on every export: name and assessor as literal text, the logo in the PDF and
the workbook, and a logo that cannot be used left out without stopping any export."""

from __future__ import annotations

import csv
import io
import shutil
import subprocess
import zipfile
from pathlib import Path

import openpyxl
import pytest
from PIL import Image, ImageDraw
from pypdf import PdfReader

from reports.branding import Branding, preparer
from reports.content import build_report
from reports.csv_export import build_csv
from reports.excel import LOGO_ANCHOR, LOGO_BOX, build_xlsx
from reports.logo import EMBED_SIDE, MAX_LOGO_BYTES, MAX_LOGO_SIDE, checked_logo, logo_problem
from reports.markdown import build_markdown
from reports.pdf import build_pdf
from reports.story import format_date
from scoring import assess
from tests.conftest import profile
from tests.hostile.inputs import TEXTS
from tests.hostile.test_text_and_exports import live, one_line, unliteral

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "branding"
ANSWERS = profile(uptime_sla="yes", deadline_months=9) | {"GOV-01": "partial"}
FIRM, ASSESSOR = "Northwind Assurance LLP", "Jane Doe"
MAGENTA = (200, 20, 140)    # the test logo's colour, looked for in the rendered page


def logo_bytes(size: tuple[int, int] = (600, 200), kind: str = "PNG") -> bytes:
    """A wide logo: a magenta block and a dark bar on a transparent (PNG) or white (JPEG) ground."""
    image = Image.new("RGBA" if kind == "PNG" else "RGB", size, (255, 255, 255, 0) if kind == "PNG" else "white")
    draw = ImageDraw.Draw(image)
    w, h = size
    draw.rectangle((0, 0, h - 1, h - 1), fill=MAGENTA)
    draw.rectangle((h + h // 5, h // 3, w - 1, 2 * h // 3), fill=(30, 40, 60))
    out = io.BytesIO()
    image.save(out, format=kind)
    return out.getvalue()


PNG = logo_bytes()


def report(firm: str = FIRM, logo: bytes | None = PNG, logo_type: str = "image/png", assessor: str = ASSESSOR):
    branding = Branding(firm_name=firm, logo=logo, logo_type=logo_type)
    return build_report(assess(ANSWERS), ANSWERS, "Acme Cloud", assessor, branding=branding)


def pdf_text(pdf: bytes) -> list[str]:
    return [" ".join((page.extract_text() or "").split()) for page in PdfReader(io.BytesIO(pdf)).pages]


def pdf_images(pdf: bytes, tmp_path: Path) -> list[tuple[int, str, int, int]]:
    """(page, type, width, height) of every image, as poppler's pdfimages lists them."""
    pdfimages = shutil.which("pdfimages")
    assert pdfimages, "poppler-utils is missing: run `make test`, which installs it"
    source = tmp_path / "report.pdf"
    source.write_bytes(pdf)
    listing = subprocess.run([pdfimages, "-list", str(source)], check=True, capture_output=True, text=True,
                             timeout=60).stdout.splitlines()[2:]
    return [(int(f[0]), f[2], int(f[3]), int(f[4])) for f in (line.split() for line in listing)]


def excel_pictures(xlsx: bytes) -> tuple[list, list[str]]:
    """The summary sheet's pictures as openpyxl reads them back, and the media files in the package."""
    book = openpyxl.load_workbook(io.BytesIO(xlsx))
    media = [n for n in zipfile.ZipFile(io.BytesIO(xlsx)).namelist() if n.startswith("xl/media/")]
    return book["Summary"]._images, media


def summary(xlsx: bytes) -> dict:
    return {row[0].value: row[1] for row in openpyxl.load_workbook(io.BytesIO(xlsx))["Summary"].iter_rows(min_row=2)}


# --- the model and the line every format prints -------------------------------------------------

def test_without_branding_every_call_works_as_before():
    data = build_report(assess(ANSWERS), ANSWERS, "Acme Cloud", ASSESSOR)
    assert data.firm_name == "" and data.logo is None and data.prepared_by == ASSESSOR
    assert build_report(assess(ANSWERS), ANSWERS, "Acme Cloud", branding=None).prepared_by == ""


@pytest.mark.parametrize(("assessor", "firm", "expected"), [
    ("Jane Doe", "Northwind", "Jane Doe, Northwind"), ("Jane Doe", "", "Jane Doe"), ("", "Northwind", "Northwind"),
    ("", "", "")])
def test_prepared_by_reads_well_when_either_is_missing(assessor, firm, expected):
    assert preparer(assessor, firm) == expected
    data = report(firm=firm, logo=None, assessor=assessor)
    assert data.prepared_by == expected
    markdown_line = build_markdown(data).split("\n")[2]
    assert markdown_line == f"*{format_date(data.on)}" + (f" · prepared by {expected}" if expected else "") + "*"
    pages = pdf_text(build_pdf(data))
    assert all((f"Prepared by {expected}" in page) == bool(expected) for page in pages)
    last = list(csv.reader(io.StringIO(build_csv(data))))[-1]
    assert (last[1:3] == ["Prepared by", expected]) if expected else last[1] != "Prepared by"


def test_every_format_carries_the_firm_and_the_assessor():
    data = report()
    pages = pdf_text(build_pdf(data))
    assert FIRM in pages[0] and f"Prepared by {ASSESSOR}, {FIRM}" in pages[0]
    assert all(f"Prepared by {ASSESSOR}, {FIRM}" in page for page in pages)           # the footer, every page
    values = {k: v.value for k, v in summary(build_xlsx(data)).items()}
    assert values["Firm"] == FIRM and values["Assessed by"] == ASSESSOR
    assert f"· prepared by {ASSESSOR}, {FIRM}*" in build_markdown(data)
    assert list(csv.reader(io.StringIO(build_csv(data))))[-1] == ["", "Prepared by", f"{ASSESSOR}, {FIRM}",
                                                                   "", "", "", "", ""]


def test_the_firm_name_is_cleaned_and_cut_like_every_name():
    data = report(firm="  North\x00wind\n\t Assurance\x85 " + "L" * 300)
    assert data.firm_name.startswith("Northwind Assurance ") and len(data.firm_name) == 200
    assert report(firm="\x00\x07 \n").firm_name == ""


# --- the logo: checked, re-encoded, embedded -----------------------------------------------------

def test_a_png_or_jpeg_logo_is_reencoded_as_a_bounded_png():
    for raw, declared in ((PNG, "image/png"), (logo_bytes(kind="JPEG"), "image/jpeg"), (PNG, ""), (PNG, "PNG")):
        logo = checked_logo(raw, declared)
        assert logo and logo.png.startswith(b"\x89PNG") and (logo.width, logo.height) == (600, 200)
        assert logo_problem(raw, declared) == ""
    big = checked_logo(logo_bytes((3000, 1000)), "image/png")
    assert big and (big.width, big.height) == (EMBED_SIDE, EMBED_SIDE // 3)
    assert Image.open(io.BytesIO(big.png)).size == (big.width, big.height)


def huge_claim() -> bytes:
    """A valid small PNG whose header claims 100,000 × 100,000 pixels: a decompression bomb's shape."""
    import struct
    import zlib

    raw = bytearray(logo_bytes((20, 10)))
    ihdr = struct.pack(">II", 100_000, 100_000) + bytes(raw[24:29])
    raw[16:29] = ihdr
    raw[29:33] = struct.pack(">I", zlib.crc32(b"IHDR" + ihdr))
    return bytes(raw)


def gif() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (60, 20), MAGENTA).save(out, format="GIF")
    return out.getvalue()


BAD_LOGOS = {
    "random bytes": (b"\x00\x01not an image at all" * 50, "image/png"),
    "truncated PNG": (PNG[: len(PNG) // 2], "image/png"),
    "PNG signature only": (PNG[:8], "image/png"),
    "GIF": (gif(), "image/gif"),
    "GIF declared as PNG": (gif(), "image/png"),
    "SVG": (b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>', "image/svg+xml"),
    "PNG declared as SVG": (PNG, "image/svg+xml"),
    "wider than the limit": (logo_bytes((MAX_LOGO_SIDE + 1, 4)), "image/png"),
    "header claims 100,000 px square": (huge_claim(), "image/png"),
    "more bytes than the limit": (PNG + b"\x00" * MAX_LOGO_BYTES, "image/png"),
}


@pytest.mark.parametrize("name", list(BAD_LOGOS))
def test_a_logo_that_cannot_be_used_is_left_out_and_every_export_still_builds(name, tmp_path):
    raw, declared = BAD_LOGOS[name]
    assert checked_logo(raw, declared) is None
    assert logo_problem(raw, declared).startswith("The logo ")
    data = report(logo=raw, logo_type=declared)
    assert data.logo is None
    pdf = build_pdf(data)
    assert FIRM in pdf_text(pdf)[0] and pdf_images(pdf, tmp_path) == []
    xlsx = build_xlsx(data)
    assert excel_pictures(xlsx) == ([], []) and summary(xlsx)["Firm"].value == FIRM
    assert FIRM in build_markdown(data) and FIRM in build_csv(data)


def test_no_logo_means_no_image_and_no_complaint(tmp_path):
    data = report(logo=None)
    assert logo_problem(None) == "" and logo_problem(b"") == ""
    assert pdf_images(build_pdf(data), tmp_path) == [] and excel_pictures(build_xlsx(data)) == ([], [])


@pytest.mark.parametrize(("raw", "declared", "types"), [(PNG, "image/png", ["image", "smask"]),
                                                        (logo_bytes(kind="JPEG"), "image/jpeg", ["image"])])
def test_the_pdf_embeds_the_logo_once_on_the_first_page(raw, declared, types, tmp_path):
    images = pdf_images(build_pdf(report(logo=raw, logo_type=declared)), tmp_path)
    assert images == [(1, kind, 600, 200) for kind in types]       # transparency kept as a soft mask


def test_the_excel_summary_carries_the_logo_scaled_into_its_box():
    pictures, media = excel_pictures(build_xlsx(report()))
    assert len(pictures) == 1 and media == ["xl/media/image1.png"]
    anchor = pictures[0].anchor._from
    assert (anchor.col, anchor.row) == (3, 1) and LOGO_ANCHOR == "D2"
    width, height = (pixels / 9525 for pixels in (pictures[0].anchor.ext.width, pictures[0].anchor.ext.height))
    assert (width, height) == (LOGO_BOX[0], 50)                  # 600 × 200 fitted into 151 × 57, shape kept


def rendered_first_page(pdf: bytes, stem: str) -> Image.Image:
    pdftoppm = shutil.which("pdftoppm")
    assert pdftoppm, "poppler-utils is missing: run `make test`, which installs it"
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    source = ARTIFACTS / f"{stem}.pdf"
    source.write_bytes(pdf)
    subprocess.run([pdftoppm, "-r", "60", "-png", "-f", "1", "-l", "1", "-singlefile", str(source),
                    str(ARTIFACTS / stem)], check=True, timeout=60)
    return Image.open(ARTIFACTS / f"{stem}.png").convert("RGB")


def magenta_pixels(page: Image.Image) -> list[tuple[int, int]]:
    width, height = page.size
    return [(x, y) for y in range(height) for x in range(width)
            if all(abs(a - b) < 20 for a, b in zip(page.getpixel((x, y)), MAGENTA, strict=True))]


def test_the_first_page_shows_the_logo_at_the_top_left_for_review():
    """Rendered to test-artifacts/branding/ to look at; the logo's colour must sit in the letterhead."""
    page = rendered_first_page(build_pdf(report()), "branded-first-page")
    found = magenta_pixels(page)
    mm = page.width / 210
    assert found and max(x for x, _ in found) < 60 * mm and max(y for _, y in found) < 26 * mm
    assert min(x for x, _ in found) >= 17 * mm                                        # inside the margin
    assert not magenta_pixels(rendered_first_page(build_pdf(report(logo=None)), "firm-name-only-first-page"))


# --- hostile firm names: literal everywhere ------------------------------------------------------

HOSTILE = {**TEXTS, "link": "[x](http://evil)", "bold tag": "<b>Acme</b>", "controls": "Ac\x00me\x1b[31m\x85 LLP"}


@pytest.mark.parametrize("name", list(HOSTILE))
def test_a_hostile_firm_name_is_literal_in_markdown_excel_and_csv(name):
    text = HOSTILE[name]
    data = report(firm=text, logo=None, assessor="")
    shown = one_line(text)[:200]
    assert data.firm_name == shown
    line = build_markdown(data).split("\n")[2]
    lead = f"*{format_date(data.on)}"
    if not shown:
        assert line == lead + "*"
    else:
        escaped = line.removeprefix(f"{lead} · prepared by ")[:-1]
        assert unliteral(escaped) == shown and not live(escaped), escaped[:200]
    firm = summary(build_xlsx(data))["Firm"]
    assert (firm.value or "") == shown and firm.data_type != "f"                     # never a live formula
    rows = list(csv.reader(io.StringIO(build_csv(data))))
    assert all(len(row) == 8 for row in rows)
    if shown:
        assert rows[-1][2] == ("'" + shown if shown.startswith(("=", "+", "-", "@")) else shown)


@pytest.mark.parametrize("name", ["link", "bold tag", "controls", "markdown image", "script tag", "CJK",
                                  "spreadsheet formula", "right-to-left script"])
def test_a_hostile_firm_name_prints_literally_in_the_pdf(name):
    shown = one_line(HOSTILE[name])
    pages = pdf_text(build_pdf(report(firm=HOSTILE[name])))
    if name == "right-to-left script":      # shaped text reads back in visual order: it builds, every page
        assert len(pages) >= 5 and all("Prepared by" in page for page in pages)
        return
    assert shown in pages[0] and all(f"Prepared by {ASSESSOR}, {shown}" in page for page in pages)
