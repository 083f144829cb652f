"""The firm's logo, checked before any export embeds it.

A logo is uploaded bytes, so it is untrusted: it is decoded here with Pillow, within limits, and
re-encoded as a plain PNG no larger than a report needs. PDF and Excel then embed only that PNG,
never the upload itself. A logo that is not PNG or JPEG, is corrupt or truncated, or has too many
pixels gives no logo rather than an error: a report without the logo beats no report.
"""

from __future__ import annotations

import io
from functools import lru_cache

from PIL import Image, ImageOps
from pydantic import BaseModel, ConfigDict

MAX_LOGO_BYTES = 5 * 1024 * 1024
MAX_LOGO_SIDE = 4000        # pixels, either side; checked from the header, before decoding
EMBED_SIDE = 1000           # pixels on the longer side of what is embedded: 40 mm at over 600 dpi
FORMATS = ("PNG", "JPEG")
# The declared types accepted (the upload's MIME type or a bare extension); "" leaves it to the bytes.
DECLARED = frozenset({"", "png", "image/png", "jpeg", "jpg", "image/jpeg", "image/jpg", "image/pjpeg"})


class Logo(BaseModel):
    """A checked logo: PNG bytes and their size in pixels (for scaling that keeps its shape)."""

    model_config = ConfigDict(frozen=True)

    png: bytes
    width: int
    height: int


def checked_logo(logo: bytes | None, logo_type: str = "") -> Logo | None:
    """The logo as a safe PNG, or None when there is none or it cannot be used (see `logo_problem`)."""
    checked = _check(logo, logo_type) if logo else None
    return checked if isinstance(checked, Logo) else None


def logo_problem(logo: bytes | None, logo_type: str = "") -> str:
    """Why the reports would leave this logo out, in words for whoever uploaded it; "" when it is usable
    (or when there is no logo). Lets the upload say so at once instead of a report silently lacking it."""
    checked = _check(logo, logo_type) if logo else None
    return checked if isinstance(checked, str) else ""


@lru_cache(maxsize=8)
def _check(logo: bytes, logo_type: str) -> Logo | str:
    """Cached: every page run builds a report, and decoding a large logo each time would be slow."""
    if logo_type.strip().lower() not in DECLARED:
        return "The logo must be a PNG or JPEG image."
    if len(logo) > MAX_LOGO_BYTES:
        return f"The logo is larger than {MAX_LOGO_BYTES // (1024 * 1024)} MB."
    try:
        return _reencode(logo)
    except Image.DecompressionBombError:
        return _too_large()
    # Pillow reports bad input with many exception types (OSError, ValueError, SyntaxError,
    # struct.error, EOFError...), and no bad logo may stop a report.
    except Exception:
        return "The logo could not be read as a PNG or JPEG image."


def _reencode(logo: bytes) -> Logo | str:
    with Image.open(io.BytesIO(logo), formats=FORMATS) as image:
        if max(image.size) > MAX_LOGO_SIDE:
            return _too_large()
        image.draft("RGB", (EMBED_SIDE, EMBED_SIDE))     # JPEG only: decode at a reduced size, faster
        image.load()
        upright = ImageOps.exif_transpose(image)        # a phone photo's orientation flag, applied
        alpha = upright.mode in ("RGBA", "LA", "PA") or "transparency" in upright.info
        plain = upright.convert("RGBA" if alpha else "RGB")
    plain.thumbnail((EMBED_SIDE, EMBED_SIDE))
    out = io.BytesIO()
    plain.save(out, format="PNG")
    return Logo(png=out.getvalue(), width=plain.width, height=plain.height)


def _too_large() -> str:
    return f"The logo must be at most {MAX_LOGO_SIDE} × {MAX_LOGO_SIDE} pixels."
