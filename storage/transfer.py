"""JSON export and strict import of a whole assessment.

Import never trusts the file: every problem is listed in plain words, and only a fully valid
file becomes a new assessment (the caller creates it; nothing existing is touched).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import UTC, datetime

from pydantic import BaseModel, ConfigDict

from questions import Bank
from storage.records import Answers, AssessmentRecord, Summary
from storage.store import MAX_NAME, MAX_NOTES, Store

FORMAT = "soc-navigator/assessment"
EXPORT_SCHEMA_VERSION = 2
# Schema 1 exports hold the same answers (contract v2 only added questions), so they keep importing.
READABLE_SCHEMA_VERSIONS = (1, 2)
MAX_IMPORT_BYTES = 1_000_000
MODES = ("quick", "full")


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
    """The assessment in `raw`, or every reason it cannot be imported."""
    if len(raw) > MAX_IMPORT_BYTES:
        return None, [f"The file is {len(raw) / 1_000_000:.1f} MB; an assessment export is at most 1 MB."]
    try:
        document = json.loads(raw.decode("utf-8"))
    except UnicodeDecodeError:
        return None, ["The file is not text: choose the .json file SOC Navigator exported."]
    except json.JSONDecodeError as exc:
        return None, [f"The file is not valid JSON (line {exc.lineno}, column {exc.colno}: {exc.msg})."]
    if not isinstance(document, dict) or document.get("format") != FORMAT:
        return None, ["This JSON is not a SOC Navigator assessment export."]
    problems: list[str] = []
    version = document.get("schema_version")
    if version not in READABLE_SCHEMA_VERSIONS or isinstance(version, bool):
        problems.append(f"The export uses schema version {str(version)[:20]!r}; this version of SOC Navigator "
                        f"reads versions {' and '.join(map(str, READABLE_SCHEMA_VERSIONS))}.")
    name = document.get("client_name")
    if not isinstance(name, str) or not name.strip() or len(name) > MAX_NAME:
        problems.append(f"The client name must be text of 1 to {MAX_NAME} characters.")
    mode = document.get("mode", "full")
    if mode not in MODES:
        problems.append(f"The mode {str(mode)[:40]!r} is not one of: quick, full.")
    notes = document.get("notes", "")
    if not isinstance(notes, str) or len(notes) > MAX_NOTES:
        problems.append(f"The notes must be text of at most {MAX_NOTES:,} characters.")
    answers = document.get("answers")
    if not isinstance(answers, dict):
        problems.append("The export has no answers object.")
        return None, problems
    same_bank = document.get("bank_version") == bank.version
    problems += [_answer_problem(qid, value, bank, same_bank) for qid, value in answers.items()]
    problems = [p for p in problems if p]
    if problems:
        return None, problems
    return ImportedAssessment(client_name=str(name), mode=str(mode), answers=answers, notes=str(notes)), []


def _answer_problem(qid: str, value: object, bank: Bank, same_bank: bool) -> str:
    if not bank.has(qid):
        if same_bank:
            return f"Answer to unknown question id {qid[:60]!r}."
        return f"Question {qid[:60]!r} is no longer in the question bank, so its answer cannot be kept."
    question = bank.question(qid)
    if question.kind == "integer":
        if not isinstance(value, int) or isinstance(value, bool):
            return f"{qid}: expected a whole number, got {json.dumps(value)[:40]}."
        low, high = question.min, question.max
        if (low is not None and value < low) or (high is not None and value > high):
            return f"{qid}: {value} is outside the allowed range {low}-{high}."
        return ""
    if value not in question.values:
        return f"{qid}: {json.dumps(value)[:40]} is not one of the allowed answers ({', '.join(question.values)})."
    return ""


def import_assessment(
    store: Store, raw: bytes, bank: Bank, summarise: Callable[[Answers], Summary]
) -> tuple[tuple[AssessmentRecord, str] | None, list[str]]:
    """Validate `raw` and, only if it is fully valid, save it as a new assessment with a new link."""
    imported, problems = parse_import(raw, bank)
    if imported is None:
        return None, problems
    created = store.create(imported.client_name, imported.answers, imported.mode, bank.version,
                           summarise(imported.answers), imported.notes)
    return created, []
