"""Cross-file checks of a parsed bank: ids, references, cycles, options, criteria, contract.

Each check appends located problems; none stops at the first, so a tailored bank is fixed in
one pass. Kept apart from parsing so inline test banks can exercise each code on its own.
"""

from __future__ import annotations

from collections.abc import Iterable

from questions.contract import (
    CHOICE_QUESTIONS,
    INTEGER_QUESTIONS,
    REPORT_DEPENDENT_IDS,
    REPORT_FAMILIES,
    SCOPING_IDS,
    SCOPING_SECTION,
)
from questions.criteria import CATEGORIES, criteria_by_id
from questions.errors import Code, Problem
from questions.models import AnswerCondition, CategoryCondition, Question, ReportCondition, Section
from questions.objectives import OBJECTIVES

Located = tuple[str, int, Question]  # (file name, index in the file, question)

CHOICE_OPERATORS = {"equals", "not_equals", "in", "not_in", "answered", "not_answered"}
INTEGER_OPERATORS = CHOICE_OPERATORS | {"at_least", "at_most", "greater_than", "less_than"}


def validate_bank(sections: list[tuple[str, Section]], questions: list[Located]) -> list[Problem]:
    """Every cross-file problem in the bank, in file order."""
    problems: list[Problem] = []
    problems += _duplicate_sections(sections)
    problems += _duplicate_questions(questions)
    problems += _duplicate_options(questions)
    problems += _conditions(questions)
    problems += _criteria(questions)
    problems += _contract(sections, questions)
    return problems


def _field(index: int, question: Question, rest: str) -> str:
    return f"questions[{index}] ({question.id}).{rest}"


def _duplicate_sections(sections: list[tuple[str, Section]]) -> Iterable[Problem]:
    seen: dict[str, str] = {}
    for name, section in sections:
        if section.id in seen:
            yield Problem(code=Code.DUPLICATE_SECTION, file=name, field="section.id",
                          message=f"section id '{section.id}' is already used in {seen[section.id]}")
        seen.setdefault(section.id, name)


def _duplicate_questions(questions: list[Located]) -> Iterable[Problem]:
    seen: dict[str, str] = {}
    for name, index, question in questions:
        if question.id in seen:
            yield Problem(code=Code.DUPLICATE_QUESTION, file=name, field=_field(index, question, "id"),
                          message=f"question id '{question.id}' is already used in {seen[question.id]}")
        seen.setdefault(question.id, name)


def _duplicate_options(questions: list[Located]) -> Iterable[Problem]:
    for name, index, question in questions:
        values = [option.value for option in question.options]
        for position, value in enumerate(values):
            if value in values[:position]:
                yield Problem(code=Code.DUPLICATE_OPTION, file=name,
                              field=_field(index, question, f"options[{position}].value"),
                              message=f"option '{value}' is listed twice")


def _conditions(questions: list[Located]) -> Iterable[Problem]:
    """References must name an earlier question, fit its kind and values, and never loop."""
    position = {q.id: order for order, (_, _, q) in enumerate(questions)}
    by_id = {q.id: q for _, _, q in questions}
    in_cycle = _edges_in_cycles(questions, by_id)
    reported_cycles: set[frozenset[str]] = set()
    for order, (name, index, question) in enumerate(questions):
        if question.enable_when is None:
            continue
        mode = "all" if question.enable_when.all else "any"
        for number, condition in enumerate(question.enable_when.conditions):
            field = _field(index, question, f"enable_when.{mode}[{number}]")
            if isinstance(condition, CategoryCondition):
                yield from _category_condition(name, field, question, condition)
                continue
            if isinstance(condition, ReportCondition):
                yield from _report_condition(name, field, question, condition)
                continue
            target = by_id.get(condition.question)
            if target is None:
                yield Problem(code=Code.UNKNOWN_REFERENCE, file=name, field=f"{field}.question",
                              message=f"'{condition.question}' is not a question in the bank")
                continue
            cycle = in_cycle.get((question.id, target.id))
            if cycle is not None:
                if frozenset(cycle) not in reported_cycles:
                    reported_cycles.add(frozenset(cycle))
                    yield Problem(code=Code.CYCLE, file=name, field=f"{field}.question",
                                  message="display conditions loop: " + " -> ".join([*cycle, cycle[0]]))
                continue
            if position[target.id] >= order:
                yield Problem(code=Code.LATER_REFERENCE, file=name, field=f"{field}.question",
                              message=f"'{target.id}' comes later in the bank; a condition may only "
                                      "depend on questions asked before it")
            yield from _operator_fits(name, field, condition, target)


def _category_condition(name: str, field: str, question: Question,
                        condition: CategoryCondition) -> Iterable[Problem]:
    if condition.category not in CATEGORIES:
        yield Problem(code=Code.UNKNOWN_CATEGORY, file=name, field=f"{field}.category",
                      message=f"'{condition.category}' is not a category; use one of {', '.join(CATEGORIES)}")
    elif question.section == SCOPING_SECTION:
        yield Problem(code=Code.CYCLE, file=name, field=f"{field}.category",
                      message="categories are decided by the scoping answers, so a scoping question "
                              "cannot depend on a category")


def _report_condition(name: str, field: str, question: Question, condition: ReportCondition) -> Iterable[Problem]:
    if condition.report not in REPORT_FAMILIES:
        yield Problem(code=Code.UNKNOWN_REPORT, file=name, field=f"{field}.report",
                      message=f"'{condition.report}' is not a report; use one of {', '.join(REPORT_FAMILIES)}")
    elif question.section == SCOPING_SECTION and question.id not in REPORT_DEPENDENT_IDS:
        yield Problem(code=Code.CYCLE, file=name, field=f"{field}.report",
                      message="the recommendation is decided by the scoping answers, so this scoping "
                              "question cannot depend on a report")


def _operator_fits(name: str, field: str, condition: AnswerCondition, target: Question) -> Iterable[Problem]:
    allowed = INTEGER_OPERATORS if target.kind == "integer" else CHOICE_OPERATORS
    if condition.operator not in allowed:
        yield Problem(code=Code.OPERATOR_MISMATCH, file=name, field=f"{field}.operator",
                      message=f"'{condition.operator}' does not apply to {target.kind} question "
                              f"'{target.id}'; use one of {', '.join(sorted(allowed))}")
        return
    if condition.value is None:
        return
    values = condition.value if isinstance(condition.value, tuple) else (condition.value,)
    for value in values:
        if target.kind == "integer" and (not isinstance(value, int) or isinstance(value, bool)):
            yield Problem(code=Code.OPERATOR_MISMATCH, file=name, field=f"{field}.value",
                          message=f"'{target.id}' is a number question; compare it with a whole number")
        elif target.kind != "integer" and value not in target.values:
            yield Problem(code=Code.UNKNOWN_OPTION, file=name, field=f"{field}.value",
                          message=f"'{value}' is not an option of '{target.id}' "
                                  f"(options: {', '.join(target.values)})")


def _edges_in_cycles(questions: list[Located], by_id: dict[str, Question]) -> dict[tuple[str, str], list[str]]:
    """Map each dependency edge that lies on a cycle to that cycle's path (depth-first search)."""
    graph: dict[str, list[str]] = {
        q.id: [c.question for c in (q.enable_when.conditions if q.enable_when else ())
               if isinstance(c, AnswerCondition) and c.question in by_id]
        for _, _, q in questions
    }
    found: dict[tuple[str, str], list[str]] = {}
    state: dict[str, int] = {}  # 1 = on the current path, 2 = finished
    path: list[str] = []

    def visit(node: str) -> None:
        state[node] = 1
        path.append(node)
        for nxt in graph.get(node, ()):
            if state.get(nxt) == 1:
                cycle = path[path.index(nxt):]
                for a, b in zip(cycle, [*cycle[1:], cycle[0]], strict=True):
                    found.setdefault((a, b), cycle)
            elif state.get(nxt) is None:
                visit(nxt)
        path.pop()
        state[node] = 2

    for node in graph:
        if node not in state:
            visit(node)
    return found


def _criteria(questions: list[Located]) -> Iterable[Problem]:
    """Criterion ids come from the 2017 TSC only, and every criterion must be evidenced."""
    known = criteria_by_id()
    evidenced: set[str] = set()
    for name, index, question in questions:
        if question.kind == "readiness" and not (question.criteria or question.objectives or question.deliverable):
            yield Problem(code=Code.MISSING_CRITERIA, file=name, field=_field(index, question, "criteria"),
                          message="a readiness question must list the criteria or SOC 1 objectives it "
                                  "evidences, or be a report deliverable")
        for number, objective in enumerate(question.objectives):
            if objective not in OBJECTIVES:
                yield Problem(code=Code.UNKNOWN_OBJECTIVE, file=name,
                              field=_field(index, question, f"objectives[{number}]"),
                              message=f"'{objective}' is not a SOC 1 objective area; use one of "
                                      + ", ".join(OBJECTIVES))
        for number, criterion in enumerate(question.criteria):
            if criterion not in known:
                yield Problem(code=Code.UNKNOWN_CRITERION, file=name,
                              field=_field(index, question, f"criteria[{number}]"),
                              message=f"'{criterion}' is not a 2017 Trust Services Criteria id")
            elif question.kind == "readiness":
                evidenced.add(criterion)
    if not questions:
        return
    missing = [c for c in known if c not in evidenced]
    if missing:
        yield Problem(code=Code.UNMAPPED_CRITERION, file="(bank)", field="criteria",
                      message="no readiness question evidences " + ", ".join(missing))


def _contract(sections: list[tuple[str, Section]], questions: list[Located]) -> Iterable[Problem]:
    """The scoping section must hold exactly the engine contract's ids, kinds and values."""
    scoping_file = next((name for name, s in sections if s.id == SCOPING_SECTION), None)
    if scoping_file is None:
        yield Problem(code=Code.CONTRACT, file="(bank)", field="section.id",
                      message=f"no section with id '{SCOPING_SECTION}': the engine needs its questions")
        return
    found = {q.id: (name, index, q) for name, index, q in questions if q.section == SCOPING_SECTION}
    for missing in sorted(SCOPING_IDS - set(found)):
        yield Problem(code=Code.CONTRACT, file=scoping_file, field="questions",
                      message=f"scoping question '{missing}' is missing")
    for qid, (name, index, question) in found.items():
        if qid not in SCOPING_IDS:
            yield Problem(code=Code.CONTRACT, file=name, field=_field(index, question, "id"),
                          message=f"'{qid}' is not a scoping question of the engine contract; "
                                  "put it in another section")
        elif qid in CHOICE_QUESTIONS and (question.kind != "choice" or question.values != CHOICE_QUESTIONS[qid]):
            yield Problem(code=Code.CONTRACT, file=name, field=_field(index, question, "options"),
                          message=f"'{qid}' must be a choice of exactly: {', '.join(CHOICE_QUESTIONS[qid])}")
        elif qid in INTEGER_QUESTIONS and (question.kind != "integer"
                                           or (question.min, question.max) != INTEGER_QUESTIONS[qid]):
            low, high = INTEGER_QUESTIONS[qid]
            yield Problem(code=Code.CONTRACT, file=name, field=_field(index, question, "kind"),
                          message=f"'{qid}' must be an integer question with min = {low}"
                                  + (f" and max = {high}" if high is not None else " and no max"))
