"""Whether an uploaded file may become the firm's logo: judged by what the bytes are, never by the
file's name or the type the browser claims.

Pillow opens the file as PNG or JPEG only, the pixel size is checked from the header before anything
is decoded (so a small file claiming a huge picture is refused without the memory it would take),
then the whole image is decoded once, so a truncated or corrupt file is refused here rather than
breaking a report later. The stored bytes are the upload's own.
"""

from __future__ import annotations

import io
from typing import NamedTuple

from PIL import Image, UnidentifiedImageError

from storage.firms import MAX_LOGO_BYTES

MAX_SIDE = 4000  # pixels, each way
FORMATS = {"PNG": "image/png", "JPEG": "image/jpeg"}
NOT_AN_IMAGE = "This file is not a PNG or JPEG image (or it is damaged). Please choose a PNG or JPEG file."


class LogoCheck(NamedTuple):
    """The logo's MIME type when it may be stored, or why not (exactly one is set)."""

    mime: str = ""
    problem: str = ""


def check(data: bytes) -> LogoCheck:
    """May these bytes be stored as the logo, and as which type? Cheap checks first, decoding last."""
    if not data:
        return LogoCheck(problem="This file is empty. Please choose a PNG or JPEG file.")
    if len(data) > MAX_LOGO_BYTES:
        return LogoCheck(problem=f"This file is {len(data) / 1000:,.0f} KB; a logo may be at most "
                                 f"{MAX_LOGO_BYTES // 1000} KB. Please choose a smaller PNG or JPEG file.")
    try:
        with Image.open(io.BytesIO(data), formats=tuple(FORMATS)) as image:
            width, height = image.size
            kind = str(image.format)
            if width > MAX_SIDE or height > MAX_SIDE:
                return LogoCheck(problem=f"This image is {width:,} × {height:,} pixels; a logo may be at most "
                                         f"{MAX_SIDE:,} × {MAX_SIDE:,}. Please choose a smaller picture.")
            image.load()
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, Image.DecompressionBombError):
        return LogoCheck(problem=NOT_AN_IMAGE)
    return LogoCheck(mime=FORMATS[kind]) if kind in FORMATS else LogoCheck(problem=NOT_AN_IMAGE)
