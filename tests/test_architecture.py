"""House rules a reviewer would otherwise have to remember."""

from __future__ import annotations

import ast
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
UI_FREE = ("questions", "scoring", "storage", "reports", "services", "deploy")
# pages -> ui -> services -> engine/bank/storage/reports: what each package may never import.
FORBIDDEN_IMPORTS = {"questions": ("ui", "pages", "services", "bench"), "scoring": ("ui", "pages", "services", "bench"),
                     "storage": ("ui", "pages", "services", "bench"), "reports": ("ui", "pages", "services", "bench"),
                     "services": ("ui", "pages", "bench"), "ui": ("pages", "bench"),
                     "deploy": ("ui", "pages", "services", "bench")}  # the launcher starts the app, never imports it


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


def imported_packages(source: str) -> set[str]:
    """The top-level package of every import in `source`."""
    found = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module.split(".")[0])
    return found


@pytest.mark.parametrize("package", sorted(FORBIDDEN_IMPORTS))
def test_imports_only_point_down_the_layers(package):
    forbidden = set(FORBIDDEN_IMPORTS[package])
    offenders = [f"{path.relative_to(ROOT)} imports {name}"
                 for path in sorted((ROOT / package).rglob("*.py"))
                 for name in sorted(imported_packages(path.read_text(encoding="utf-8")) & forbidden)]
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


# --- user text is only ever rendered through ui/text.py `literal` ----------------------------------
# Streamlit reads these as markdown (body, label, help): links, images, HTML entities, icons and
# autolinks would all come alive. Checked: every positional argument and the keywords below.
MARKDOWN_CALLS = {"markdown", "write", "caption", "info", "success", "warning", "error", "toast", "title", "header",
                  "subheader", "button", "download_button", "link_button", "page_link", "expander", "popover",
                  "metric", "tabs", "radio", "pills", "segmented_control", "checkbox", "toggle", "text_input",
                  "text_area", "number_input", "selectbox", "multiselect", "slider", "date_input",
                  "file_uploader", "form_submit_button", "status", "spinner", "badge", "help"}
MARKDOWN_KEYWORDS = {"body", "label", "help", "caption", "delta", "text"}
# Where user text comes from: accessors of what was typed, stored or uploaded.
SOURCE_CALLS = {"client_name", "notes", "shown_name", "label_for", "getvalue", "read", "text_input", "text_area",
                "chat_input",
                "author_name", "value_text", "field_title"}  # names, values, ids of the history (services/wording.py)
SOURCE_ATTRIBUTES = {"client_name", "notes", "label", "answer", "assessed_by", "organisation",
                     "REFUSED",  # the session key of refused answers (ui/persistence.py), which quote them
                     "before_answer", "after_answer",  # answers as compared (scoring/compare.py AnswerChange)
                "people", "assigned_to",  # people's names (services/workshop.py RoomView)
                "PEOPLE"}  # the session key of the names of the people present (ui/live.py)
SOURCE_NAMES = {"problems", "organisation", "assessed_by"}
# Calls that hand user text on unchanged (string methods and conversions); any other call (the
# engine, len, ...) returns text or numbers of our own.
PASS_THROUGH = {"str", "repr", "format", "join", "strip", "lstrip", "rstrip", "replace", "lower", "upper", "title",
                "capitalize", "get", "pop", "setdefault", "split", "splitlines", "removeprefix", "removesuffix",
                "decode"}
SANITISERS = {"literal", "literal_list"}
LOGGERS = {"log", "logger", "_log", "_logger", "logging", "LOG"}
USER_FACING = ("app.py", "pages", "ui")


def _call_name(call: ast.Call) -> str:
    func = call.func
    return func.attr if isinstance(func, ast.Attribute) else func.id if isinstance(func, ast.Name) else ""


class _Taint:
    """Which expressions of one module may hold user text, followed through assignments."""

    def __init__(self, tree: ast.AST) -> None:
        self.names = set(SOURCE_NAMES)
        while True:
            before = len(self.names)
            for node in ast.walk(tree):
                for target, value in self._bindings(node):
                    if self.holds(value):
                        self.names |= self._bound(target)
            if len(self.names) == before:
                return

    @staticmethod
    def _bindings(node: ast.AST) -> list[tuple[ast.AST, ast.AST]]:
        if isinstance(node, ast.Assign):
            return [(target, node.value) for target in node.targets]
        if isinstance(node, ast.AnnAssign | ast.AugAssign | ast.NamedExpr) and node.value is not None:
            return [(node.target, node.value)]
        if isinstance(node, ast.For | ast.comprehension):
            return [(node.target, node.iter)]
        if isinstance(node, ast.withitem) and node.optional_vars is not None:
            return [(node.optional_vars, node.context_expr)]
        return []

    @classmethod
    def _bound(cls, target: ast.AST) -> set[str]:
        """Names a binding fills: plain names, and a container `x` in `x[key] = ...` (not `a.b[key]`)."""
        if isinstance(target, ast.Name):
            return {target.id}
        if isinstance(target, ast.Tuple | ast.List):
            return {name for element in target.elts for name in cls._bound(element)}
        if isinstance(target, ast.Starred | ast.Subscript):
            return cls._bound(target.value) if isinstance(target.value, ast.Name | ast.Starred) or \
                isinstance(target, ast.Starred) else set()
        return set()

    def holds(self, node: ast.AST | None) -> bool:
        if node is None or isinstance(node, ast.Constant | ast.Lambda):
            return False
        if isinstance(node, ast.Name):
            return node.id in self.names
        if isinstance(node, ast.Attribute):
            return node.attr in SOURCE_ATTRIBUTES or self.holds(node.value)
        if isinstance(node, ast.Call):
            name = _call_name(node)
            if name in SANITISERS:
                return False
            if name in SOURCE_CALLS:
                return True
            if name in PASS_THROUGH:
                receiver = node.func.value if isinstance(node.func, ast.Attribute) else None
                given = [*node.args, *(k.value for k in node.keywords)]
                return self.holds(receiver) or any(self.holds(a) for a in given)
            return False
        if isinstance(node, ast.ListComp | ast.SetComp | ast.GeneratorExp):
            return self.holds(node.elt)  # its loop variables are followed as bindings
        if isinstance(node, ast.DictComp):
            return self.holds(node.key) or self.holds(node.value)
        return any(self.holds(child) for child in ast.iter_child_nodes(node))


def markdown_offenders(source: str, name: str = "<source>") -> list[str]:
    """Calls that would render user text as markdown: `file:line call`."""
    tree = ast.parse(source)
    taint = _Taint(tree)
    found = []
    for node in ast.walk(tree):
        if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
                and node.func.attr in MARKDOWN_CALLS):
            continue
        receiver = node.func.value
        if isinstance(receiver, ast.Name) and receiver.id in LOGGERS:
            continue
        rendered = [*node.args, *(k.value for k in node.keywords if k.arg in MARKDOWN_KEYWORDS)]
        if any(taint.holds(arg) for arg in rendered):
            found.append(f"{name}:{node.lineno} {node.func.attr}")
    return found


def user_facing_sources() -> list[Path]:
    return [ROOT / "app.py", *sorted((ROOT / "pages").glob("*.py")), *sorted((ROOT / "ui").glob("*.py"))]


def test_user_text_is_never_rendered_as_markdown_without_literal():
    offenders = [o for path in user_facing_sources()
                 for o in markdown_offenders(path.read_text(encoding="utf-8"), str(path.relative_to(ROOT)))]
    assert offenders == []


@pytest.mark.parametrize("source", [
    'st.caption(f"Reports are made for **{persistence.client_name()}**")',
    'st.markdown(f"**{record.client_name}**")',
    'name = st.text_input("Name")\nst.success(f"Saved {name}")',
    'st.error("Cannot import:\\n" + "\\n".join(f"- {p}" for p in problems))',
    'shown = question.label_for(value)\ntext.caption(f"You answered **{shown}**")',
    'st.button(snap.label)',
    'st.toast(f"Saved {shown_name(record).strip()}")',
    'raw = upload.getvalue()\nst.info(raw.decode())',
])
def test_the_markdown_check_catches_user_text(source):
    assert markdown_offenders(source) != []
    wrapped = source.replace("{persistence.client_name()}", "{literal(persistence.client_name())}")
    if wrapped != source:
        assert markdown_offenders(wrapped) == []


class _Unwrap(ast.NodeTransformer):
    """Replace one call by its first argument."""

    def __init__(self, call: ast.Call) -> None:
        self.call = call

    def visit_Call(self, node: ast.Call) -> ast.AST:
        self.generic_visit(node)
        return node.args[0] if node is self.call else node


def _without_one_literal(source: str) -> list[tuple[int, str]]:
    """The module once per `literal(...)` call, with that one wrapper removed (its argument kept)."""
    variants = []
    calls = [n for n in ast.walk(ast.parse(source)) if isinstance(n, ast.Call) and _call_name(n) in SANITISERS]
    for index in range(len(calls)):
        tree = ast.parse(source)
        call = [n for n in ast.walk(tree) if isinstance(n, ast.Call) and _call_name(n) in SANITISERS][index]

        variants.append((call.lineno, ast.unparse(_Unwrap(call).visit(tree))))
    return variants


@pytest.mark.parametrize("path", [p for p in user_facing_sources() if "literal" in p.read_text(encoding="utf-8")
                                  and p.name != "text.py"], ids=lambda p: p.name)
def test_every_literal_wrapper_is_needed_by_the_check(path):
    """Removing any one `literal(...)` in the app makes the check fail: none of them is decoration,
    and the check knows every source of user text they guard."""
    source = path.read_text(encoding="utf-8")
    unguarded = [line for line, variant in _without_one_literal(source) if not markdown_offenders(variant)]
    assert unguarded == [], f"{path.name}: removing literal() on these lines goes unnoticed: {unguarded}"
