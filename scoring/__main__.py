"""`python -m scoring FILE|-`: score a JSON object {"answers": {...}} and print the contract's result.

Bad input exits 2 with one line per problem on standard error and nothing on standard output.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from questions import default_bank
from scoring.answers import answer_problems
from scoring.engine import assess
from scoring.models import Result

MAX_INPUT_BYTES = 1_000_000
CONTRACT_FIELDS = ("schema_version", "reports", "headline", "report_type", "categories", "readiness",
                   "timeline", "rationale", "gaps")


def read_input(source: str) -> tuple[dict[str, object] | None, list[str]]:
    """The parsed answers, or the problems that stop us reading them."""
    try:
        raw = sys.stdin.buffer.read(MAX_INPUT_BYTES + 1) if source == "-" else Path(source).read_bytes()
    except OSError as exc:
        return None, [f"{source}: cannot read the file ({exc.strerror or exc})"]
    if len(raw) > MAX_INPUT_BYTES:
        return None, [f"{source}: input is larger than {MAX_INPUT_BYTES:,} bytes"]
    if not raw.strip():
        return None, [f"{source}: input is empty; expected a JSON object like {{\"answers\": {{...}}}}"]
    try:
        data = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        return None, [f"{source}: not valid JSON ({exc})"]
    if not isinstance(data, dict):
        return None, [f"{source}: expected a JSON object like {{\"answers\": {{...}}}}, got {type(data).__name__}"]
    problems = [f"{key}: unexpected key; the input takes only \"answers\"" for key in data if key != "answers"]
    if "answers" not in data:
        problems.append("answers: missing; expected {\"answers\": {question id: answer, ...}}")
        return None, problems
    problems += answer_problems(data["answers"], default_bank())
    answers = data["answers"]
    return (None, problems) if problems or not isinstance(answers, dict) else (answers, [])


def result_json(result: Result) -> dict[str, object]:
    """The contract's fields first, then the additions the app uses."""
    dumped = result.model_dump(mode="json")
    return {**{key: dumped[key] for key in CONTRACT_FIELDS}, **dumped}


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if len(args) != 1 or args[0] in ("-h", "--help"):
        print("usage: python -m scoring FILE|-   (FILE holds {\"answers\": {question id: answer}})", file=sys.stderr)
        return 0 if args and args[0] in ("-h", "--help") else 2
    answers, problems = read_input(args[0])
    if answers is None:
        for problem in problems:
            print(problem, file=sys.stderr)
        return 2
    json.dump(result_json(assess(answers)), sys.stdout, indent=2, ensure_ascii=False)
    print()
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except BrokenPipeError:  # the reader stopped early (e.g. piped into head): not an error
        sys.exit(0)
