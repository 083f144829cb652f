"""House rules a reviewer would otherwise have to remember."""

from __future__ import annotations

import ast
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
UI_FREE = ("questions", "scoring", "storage", "reports")


def imports_streamlit(source: str) -> list[int]:
    """Line numbers of any import of streamlit (plain, from-, or dotted)."""
    lines = []
    for node in ast.walk(ast.parse(source)):
        names = []
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module:
            names = [node.module]
        if any(name == "streamlit" or name.startswith("streamlit.") for name in names):
            lines.append(node.lineno)
    return lines


@pytest.mark.parametrize("source", ["import streamlit as st", "from streamlit import runtime",
                                    "import os, streamlit.components.v1"])
def test_the_detector_catches_every_import_form(source):
    assert imports_streamlit(source) == [1]


def test_engine_bank_storage_and_reports_never_import_streamlit():
    offenders = [
        f"{path.relative_to(ROOT)}:{line}"
        for package in UI_FREE
        for path in sorted((ROOT / package).rglob("*.py"))
        for line in imports_streamlit(path.read_text(encoding="utf-8"))
    ]
    assert (ROOT / "scoring").is_dir() and (ROOT / "questions").is_dir()
    assert offenders == []


def test_every_page_starts_with_the_shared_setup_call():
    for page in [ROOT / "app.py", *sorted((ROOT / "pages").glob("*.py"))]:
        body = [n for n in ast.parse(page.read_text(encoding="utf-8")).body
                if not isinstance(n, ast.Import | ast.ImportFrom)
                and not (isinstance(n, ast.Expr) and isinstance(n.value, ast.Constant))]
        first = body[0]
        assert isinstance(first, ast.Expr) and isinstance(first.value, ast.Call), page.name
        assert getattr(first.value.func, "id", "") == "page_setup", page.name


def test_no_st_navigation_beside_the_pages_directory():
    for path in [ROOT / "app.py", *(ROOT / "pages").glob("*.py"), *(ROOT / "ui").glob("*.py")]:
        assert "st.navigation" not in path.read_text(encoding="utf-8"), path.name


def test_streamlit_config_is_as_agreed():
    config = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
    assert config["server"]["headless"] is True
    assert config["browser"]["gatherUsageStats"] is False
    assert config["client"]["toolbarMode"] == "minimal"
    assert config["client"]["showErrorDetails"] == "none"
    assert "streamlit==1.67.*" in (ROOT / "requirements.txt").read_text(encoding="utf-8")
