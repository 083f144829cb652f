"""Read a folder of TOML section files into a validated Bank, reporting every problem at once.

Validation follows pyxform's lesson: collect all problems with a code, the file and the field,
so whoever tailors a bank fixes everything in one pass instead of one error per run.
"""

from __future__ import annotations

import hashlib
import tomllib
from functools import cache
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from questions.errors import BankError, Code, Problem
from questions.models import Bank, Question, Section
from questions.validate import validate_bank

DEFAULT_BANK_DIR = Path(__file__).parent / "bank"
_UNION_TAGS = {"answer", "category", "report"}


def load_bank(folder: Path | str) -> Bank:
    """Load and validate the bank in `folder`; raise BankError listing every problem."""
    folder = Path(folder)
    files = sorted(folder.glob("*.toml")) if folder.is_dir() else []
    if not files:
        raise BankError([Problem(code=Code.NO_FILES, file=str(folder), field="",
                                 message="no .toml section files found in this folder")])
    problems: list[Problem] = []
    sections: list[tuple[str, Section]] = []
    questions: list[tuple[str, int, Question]] = []
    digest = hashlib.sha256()
    for path in files:
        raw = path.read_bytes()
        digest.update(path.name.encode() + b"\0" + raw)
        parsed = _parse_file(path.name, raw, problems)
        if parsed is not None:
            section, file_questions = parsed
            sections.append((path.name, section))
            questions.extend((path.name, index, q) for index, q in file_questions)
    problems.extend(validate_bank(sections, questions))
    if problems:
        raise BankError(problems)
    return Bank(
        version=digest.hexdigest()[:12],
        sections=tuple(section for _, section in sections),
        questions=tuple(q for _, _, q in questions),
    )


@cache
def default_bank() -> Bank:
    """The shipped bank, loaded and validated once per process and shared read-only."""
    return load_bank(DEFAULT_BANK_DIR)


def _parse_file(
    name: str, raw: bytes, problems: list[Problem]
) -> tuple[Section, list[tuple[int, Question]]] | None:
    """Parse one section file into models, recording schema problems by field path."""
    try:
        data = tomllib.loads(raw.decode("utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        problems.append(Problem(code=Code.TOML_SYNTAX, file=name, field="", message=str(exc)))
        return None
    unknown = sorted(set(data) - {"section", "questions"})
    for key in unknown:
        problems.append(Problem(code=Code.SCHEMA, file=name, field=key,
                                message="unknown top-level table; a section file has 'section' and 'questions'"))
    section = _model(Section, data.get("section"), name, "section", problems)
    raw_questions = data.get("questions", [])
    if not isinstance(raw_questions, list) or not raw_questions:
        problems.append(Problem(code=Code.SCHEMA, file=name, field="questions",
                                message="a section needs at least one [[questions]] entry"))
        return None
    parsed: list[tuple[int, Question]] = []
    for index, item in enumerate(raw_questions):
        label = f"questions[{index}]"
        if isinstance(item, dict) and isinstance(item.get("id"), str):
            label += f" ({item['id']})"
        if isinstance(item, dict) and section is not None:
            item = {**item, "section": section.id}
        question = _model(Question, item, name, label, problems)
        if question is not None:
            parsed.append((index, question))
    return None if section is None else (section, parsed)


def _model(model: Any, data: Any, name: str, label: str, problems: list[Problem]) -> Any:
    """Build a pydantic model or turn its validation errors into located problems."""
    if not isinstance(data, dict):
        problems.append(Problem(code=Code.SCHEMA, file=name, field=label, message="missing or not a table"))
        return None
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        for error in exc.errors():
            path = ".".join(str(part) for part in error["loc"] if part not in _UNION_TAGS)
            field = f"{label}.{path}" if path else label
            problems.append(Problem(code=Code.SCHEMA, file=name, field=field,
                                    message=error["msg"].removeprefix("Value error, ")))
        return None
