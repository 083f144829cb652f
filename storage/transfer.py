"""JSON export and strict import of a whole assessment.

Import never trusts the file: every problem is listed in plain words, and only a fully valid
file becomes a new assessment (the caller creates it; nothing existing is touched).
"""

from __future__ import annotations

import json
import logging
import unicodedata
from collections.abc import Callable
from datetime import UTC, datetime

from pydantic import BaseModel, ConfigDict
from sqlalchemy.exc import SQLAlchemyError

from questions import Bank
from storage.records import Answers, AssessmentRecord, Summary
from storage.store import MAX_NAME, MAX_NOTES, Store

FORMAT = "soc-navigator/assessment"
EXPORT_SCHEMA_VERSION = 2
# Schema 1 exports hold the same answers (contract v2 only added questions), so they keep importing.
READABLE_SCHEMA_VERSIONS = (1, 2)
MAX_IMPORT_BYTES = 1_000_000
MODES = ("quick", "full")
# An export is a flat object holding one flat object: anything deeper is not ours, and Python's
# parser would run out of stack on a few thousand levels.
MAX_DEPTH = 8
# Answers are short bank values; an export holds one per question at most.
MAX_ANSWERS = 1000
MAX_VALUE_CHARS = 100
MAX_PROBLEMS = 20
NOTES_CONTROLS = "\n\r\t"
STORE_FAILED = ("The database could not save the imported assessment, so nothing was imported. "
                "Please try again in a minute.")

_log = logging.getLogger(__name__)


class Refused(ValueError):
    """The file is not something import reads; the message says why in plain words."""


def _no_constants(name: str) -> object:
    raise Refused(f"The file contains {name}, which is not a number an export ever holds.")


def _no_duplicates(pairs: list[tuple[str, object]]) -> dict[str, object]:
    seen: set[str] = set()
    for key, _ in pairs:  # one pass: a file full of keys must not cost quadratic time
        if key in seen:
            raise Refused(f"The key {_shown(key)} appears twice in one object; an export never repeats a key.")
        seen.add(key)
    return dict(pairs)


def _depth(raw: str) -> int:
    """How deeply brackets nest, counted outside strings, before anything is parsed."""
    depth = deepest = 0
    in_string = escaped = False
    for char in raw:
        if in_string:
            if escaped:
                escaped = False
            elif char == "\\":
                escaped = True
            elif char == '"':
                in_string = False
        elif char == '"':
            in_string = True
        elif char in "[{":
            depth += 1
            deepest = max(deepest, depth)
        elif char in "]}":
            depth -= 1
    return deepest


def _shown(value: object, limit: int = 40) -> str:
    """A value from the file, cut short and quoted for a message (text in quotes, with control
    characters and broken ones shown as escapes): never the whole of it."""
    text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
    cut = text if len(text) <= limit else text[: limit - 1] + "…"
    return repr(cut) if isinstance(value, str) else cut


def _value(value: object, limit: int = 40) -> str:
    """An answer from the file as JSON (non-ASCII escaped), cut short for a message."""
    text = json.dumps(value, ensure_ascii=True)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _text_problem(field: str, value: str, allowed_controls: str = "") -> str:
    """Why `value` cannot be stored as it is: lone surrogates and control characters are refused."""
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        return f"The {field} contains a broken character (a lone surrogate), so it cannot be stored."
    controls = [c for c in value if unicodedata.category(c) == "Cc" and c not in allowed_controls]
    if controls:
        return (f"The {field} contains {len(controls)} control character{'s' if len(controls) != 1 else ''} "
                f"(such as U+{ord(controls[0]):04X}); remove {'them' if len(controls) != 1 else 'it'} and "
                "import again.")
    return ""


def _load(raw: bytes) -> object:
    """The JSON document in `raw`, strictly: duplicate keys, NaN, Infinity, huge numbers, deep
    nesting and undecodable bytes are refused with a message, never raised as a crash."""
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise Refused("The file is not text: choose the .json file SOC Navigator exported.") from exc
    if _depth(text) > MAX_DEPTH:
        raise Refused("The file nests lists or objects far deeper than an export does, so it was not read.")
    try:
        return json.loads(text, object_pairs_hook=_no_duplicates, parse_constant=_no_constants)
    except json.JSONDecodeError as exc:
        raise Refused(f"The file is not valid JSON (line {exc.lineno}, column {exc.colno}: {exc.msg}).") from exc
    except RecursionError as exc:
        raise Refused("The file nests lists or objects far deeper than an export does, so it was not read.") from exc
    except Refused:
        raise
    except ValueError as exc:  # e.g. an integer with thousands of digits (Python's parsing limit)
        raise Refused("The file holds a number far larger than any answer, so it was not read.") from exc


class ImportedAssessment(BaseModel):
    model_config = ConfigDict(frozen=True)

    client_name: str
    mode: str
    answers: Answers
    notes: str = ""


def export_assessment(record: AssessmentRecord, bank: Bank) -> bytes:
    """The assessment as a self-describing JSON document."""
    document = {
        "format": FORMAT,
        "schema_version": EXPORT_SCHEMA_VERSION,
        "bank_version": bank.version,
        "exported_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "client_name": record.client_name,
        "mode": record.mode,
        "notes": record.notes,
        "answers": record.answers,
    }
    return json.dumps(document, indent=2, ensure_ascii=False).encode("utf-8")


def parse_import(raw: bytes, bank: Bank) -> tuple[ImportedAssessment | None, list[str]]:
    """The assessment in `raw`, or every reason it cannot be imported (at most MAX_PROBLEMS, each
    short: a message never repeats more than a few dozen characters of the file)."""
    if len(raw) > MAX_IMPORT_BYTES:
        return None, [f"The file is {len(raw) / 1_000_000:.1f} MB; an assessment export is at most 1 MB."]
    try:
        document = _load(raw)
    except Refused as exc:
        return None, [str(exc)]
    if not isinstance(document, dict) or document.get("format") != FORMAT:
        return None, ["This JSON is not a SOC Navigator assessment export."]
    problems: list[str] = []
    version = document.get("schema_version")
    if version not in READABLE_SCHEMA_VERSIONS or isinstance(version, bool):
        problems.append(f"The export uses schema version {_shown(str(version), 20)}; this version of SOC Navigator "
                        f"reads versions {' and '.join(map(str, READABLE_SCHEMA_VERSIONS))}.")
    name = document.get("client_name")
    if not isinstance(name, str) or not name.strip() or len(name) > MAX_NAME:
        problems.append(f"The client name must be text of 1 to {MAX_NAME} characters.")
    else:
        problems.append(_text_problem("client name", name))
    mode = document.get("mode", "full")
    if mode not in MODES or not isinstance(mode, str):
        problems.append(f"The mode {_shown(mode)} is not one of: quick, full.")
    notes = document.get("notes", "")
    if not isinstance(notes, str) or len(notes) > MAX_NOTES:
        problems.append(f"The notes must be text of at most {MAX_NOTES:,} characters.")
    else:
        problems.append(_text_problem("notes", notes, NOTES_CONTROLS))
    answers = document.get("answers")
    if not isinstance(answers, dict):
        problems.append("The export has no answers object.")
        return None, _first(problems)
    if len(answers) > MAX_ANSWERS:
        problems.append(f"The export holds {len(answers):,} answers; the question bank has {len(bank.questions)}.")
        return None, _first(problems)
    same_bank = document.get("bank_version") == bank.version
    problems += [_answer_problem(qid, value, bank, same_bank) for qid, value in answers.items()]
    problems = [p for p in problems if p]
    if problems:
        return None, _first(problems)
    return ImportedAssessment(client_name=str(name), mode=str(mode), answers=answers, notes=str(notes)), []


def _first(problems: list[str]) -> list[str]:
    """At most MAX_PROBLEMS problems, and a last line saying how many more there were."""
    found = [p for p in problems if p]
    if len(found) <= MAX_PROBLEMS:
        return found
    return [*found[:MAX_PROBLEMS], f"… and {len(found) - MAX_PROBLEMS:,} more problems."]


def _answer_problem(qid: str, value: object, bank: Bank, same_bank: bool) -> str:
    if not bank.has(qid):
        if same_bank:
            return f"Answer to unknown question id {_shown(qid, 60)}."
        return f"Question {_shown(qid, 60)} is no longer in the question bank, so its answer cannot be kept."
    question = bank.question(qid)
    if question.kind == "integer":
        if not isinstance(value, int) or isinstance(value, bool):
            return f"{qid}: expected a whole number, got {_value(value)}."
        low, high = question.min, question.max
        if (low is not None and value < low) or (high is not None and value > high):
            return f"{qid}: {_value(value, 20)} is outside the allowed range {low}-{high}."
        return ""
    if not isinstance(value, str) or len(value) > MAX_VALUE_CHARS or value not in question.values:
        return f"{qid}: {_value(value)} is not one of the allowed answers ({', '.join(question.values)})."
    return ""


def import_assessment(
    store: Store, raw: bytes, bank: Bank, summarise: Callable[[Answers], Summary]
) -> tuple[tuple[AssessmentRecord, str] | None, list[str]]:
    """Validate `raw` and, only if it is fully valid, save it as a new assessment with a new link."""
    imported, problems = parse_import(raw, bank)
    if imported is None:
        return None, problems
    try:
        created = store.create(imported.client_name, imported.answers, imported.mode, bank.version,
                               summarise(imported.answers), imported.notes)
    except (SQLAlchemyError, OSError):
        _log.exception("Import could not be saved")
        return None, [STORE_FAILED]
    return created, []
