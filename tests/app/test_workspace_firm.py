"""The firm's name and logo, set once in the workspace: saved and shown again; a logo that is too
large, not an image, or too many pixels is refused with the saved one kept."""

from __future__ import annotations

import io
import os

import pytest
from PIL import Image

from storage import open_store
from storage.firms import get
from tests.app.conftest import open_app
from tests.app.test_workspace import WORKSPACE

NAME, SAVE, REMOVE = "workspace:firm-name", "workspace:firm-save-name", "workspace:firm-remove-logo"


def picture(size=(40, 20), kind="PNG", noise=False) -> bytes:
    image = (Image.frombytes("RGB", size, os.urandom(size[0] * size[1] * 3)) if noise
             else Image.new("RGB", size, (31, 95, 191)))
    buffer = io.BytesIO()
    image.save(buffer, kind)
    return buffer.getvalue()


def upload(at, name: str, data: bytes, mime: str = "image/png"):
    uploader = next(u for u in at.file_uploader if u.key.startswith("workspace:firm-logo-"))
    uploader.set_value((name, data, mime)).run()
    assert not at.exception, at.exception
    return at


def images(at) -> int:
    return len(at.get("image"))


def test_firm_name_is_saved_and_shown_again(database):
    at = open_app(WORKSPACE)
    at.text_input(key=NAME).set_value("  Northwind   Assurance ").run()
    at.button(key=SAVE).click().run()
    assert get(open_store(database).engine, "").name == "Northwind Assurance"
    assert any(s.value == "Firm name saved." for s in at.success)
    again = open_app(WORKSPACE)
    assert again.text_input(key=NAME).value == "Northwind Assurance"


@pytest.mark.parametrize(("kind", "mime"), [("PNG", "image/png"), ("JPEG", "image/jpeg")])
def test_logo_is_saved_shown_and_removed(database, kind, mime):
    logo = picture(kind=kind)
    at = open_app(WORKSPACE)
    assert images(at) == 0
    upload(at, f"logo.{kind.lower()}", logo, "application/octet-stream")   # judged by its bytes, not its claim
    firm = get(open_store(database).engine, "")
    assert (firm.logo, firm.logo_type) == (logo, mime)
    assert images(at) == 1 and any(s.value == "Logo saved." for s in at.success)
    assert open_app(WORKSPACE).get("image")
    at.button(key=REMOVE).click().run()
    assert get(open_store(database).engine, "").logo is None and images(at) == 0


@pytest.mark.parametrize(("data", "problem"), [
    (picture((600, 400), noise=True), "at most 500 KB"),
    (b"%PDF-1.7 not a picture at all", "not a PNG or JPEG image"),
    (picture(kind="GIF"), "not a PNG or JPEG image"),
    (picture((100, 100), noise=True)[:-2000], "not a PNG or JPEG image"),    # cut short: header fine, pixels not
    (picture((4001, 8)), "at most 4,000 × 4,000"),
])
def test_a_bad_logo_is_refused_and_the_saved_one_kept(database, data, problem):
    saved = picture()
    at = open_app(WORKSPACE)
    upload(at, "logo.png", saved)
    upload(at, "logo.png", data)
    assert problem in at.error[0].value and "The logo saved before is kept." in at.error[0].value
    assert get(open_store(database).engine, "").logo == saved
    assert images(at) == 1
