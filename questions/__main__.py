"""`python -m questions` prints the bank as JSON; `--check PATH` validates a tailored bank."""

from __future__ import annotations

import argparse
import json
import sys

from questions.errors import BankError
from questions.loader import default_bank, load_bank
from questions.models import Bank


def bank_as_json(bank: Bank) -> dict[str, object]:
    """The bank in the shape the engine contract documents."""
    return {
        "version": bank.version,
        "sections": [{"id": s.id, "title": s.title} for s in bank.sections],
        "questions": [
            {
                "id": q.id,
                "section": q.section,
                "text": q.text,
                "help": q.help,
                "kind": q.kind,
                "options": list(q.values),
                "option_labels": {o.value: o.label for o in q.options},
                "required": q.required,
                "min": q.min,
                "max": q.max,
                "criteria": list(q.criteria),
                "objectives": list(q.objectives),
                "deliverable": q.deliverable,
                "key": q.key,
                "evidence": q.evidence,
                "action": q.action,
                "enable_when": q.enable_when.model_dump(exclude_defaults=True) if q.enable_when else None,
            }
            for q in bank.questions
        ],
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m questions", description=__doc__)
    parser.add_argument("--check", metavar="PATH", help="validate the bank folder at PATH and exit")
    args = parser.parse_args(argv)
    try:
        bank = load_bank(args.check) if args.check else default_bank()
    except BankError as exc:
        for problem in exc.problems:
            print(problem, file=sys.stderr)
        return 2
    if args.check:
        print(f"{args.check}: {len(bank.sections)} sections, {len(bank.questions)} questions, no problems")
    else:
        json.dump(bank_as_json(bank), sys.stdout, indent=2, ensure_ascii=False)
        print()
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except BrokenPipeError:  # the reader stopped early (e.g. piped into head): not an error
        sys.exit(0)
