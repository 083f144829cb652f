"""Structured display conditions: each operator, all/any, categories, and hidden chains."""

from __future__ import annotations

import pytest

from questions import default_bank, enabled, load_bank, visible_questions
from questions.conditions import condition_holds
from questions.models import AnswerCondition, CategoryCondition, EnableWhen
from tests.conftest import readiness_toml


@pytest.mark.parametrize(
    ("operator", "value", "answer", "expected"),
    [
        ("equals", "yes", "yes", True),
        ("equals", "yes", "no", False),
        ("equals", "yes", None, False),
        ("not_equals", "yes", "no", True),
        ("not_equals", "yes", None, True),
        ("in", ("a", "b"), "b", True),
        ("in", ("a", "b"), "c", False),
        ("not_in", ("a", "b"), "c", True),
        ("not_in", ("a", "b"), None, True),
        ("at_least", 5, 5, True),
        ("at_least", 5, 4, False),
        ("at_most", 5, 6, False),
        ("greater_than", 5, 6, True),
        ("greater_than", 5, 5, False),
        ("less_than", 5, 4, True),
        ("less_than", 5, None, False),
        ("answered", None, "x", True),
        ("answered", None, None, False),
        ("not_answered", None, None, True),
    ],
)
def test_operator(operator, value, answer, expected):
    condition = AnswerCondition(question="q", operator=operator, value=value)
    answers = {} if answer is None else {"q": answer}
    assert condition_holds(condition, answers, []) is expected


def test_all_needs_every_condition_and_any_needs_one():
    a = AnswerCondition(question="a", operator="equals", value="yes")
    b = CategoryCondition(category="Privacy")
    answers = {"a": "yes"}
    assert enabled(EnableWhen(all=(a, b)), answers, ["Security"]) is False
    assert enabled(EnableWhen(any=(a, b)), answers, ["Security"]) is True
    assert enabled(EnableWhen(all=(a, b)), answers, ["Security", "Privacy"]) is True
    assert enabled(None, {}, []) is True


def test_condition_needs_exactly_one_list():
    with pytest.raises(ValueError, match="exactly one"):
        EnableWhen()


def test_in_needs_a_list_and_answered_takes_no_value():
    with pytest.raises(ValueError, match="non-empty list"):
        AnswerCondition(question="q", operator="in", value="a")
    with pytest.raises(ValueError, match="takes no value"):
        AnswerCondition(question="q", operator="answered", value="a")


def test_category_questions_show_only_when_category_in_scope():
    bank = default_bank()
    without = {q.id for q in visible_questions(bank, {}, ["Security"])}
    with_privacy = {q.id for q in visible_questions(bank, {}, ["Security", "Privacy"])}
    assert "PRV-01" not in without
    assert {"PRV-01", "PRV-06"} <= with_privacy
    assert "GOV-01" in without


def test_hiding_a_question_hides_what_depended_on_it(write_bank):
    extra = '''
[[questions]]
id = "MID"
kind = "readiness"
enable_when = { all = [ { question = "b2b", operator = "equals", value = "yes" } ] }
text = "Mid?"
help = "h"
evidence = "e"
action = "a"
criteria = ["CC1.1"]

[[questions]]
id = "LEAF"
kind = "readiness"
enable_when = { all = [ { question = "MID", operator = "equals", value = "no" } ] }
text = "Leaf?"
help = "h"
evidence = "e"
action = "a"
criteria = ["CC1.1"]
'''
    bank = load_bank(write_bank({"10_controls.toml": readiness_toml(extra=extra)}))
    shown = {q.id for q in visible_questions(bank, {"b2b": "yes", "MID": "no"}, [])}
    assert {"MID", "LEAF"} <= shown
    # b2b changes: MID hides, and LEAF hides with it although MID's kept answer is still "no".
    hidden = {q.id for q in visible_questions(bank, {"b2b": "no", "MID": "no"}, [])}
    assert not {"MID", "LEAF"} & hidden


def test_steering_questions_are_the_scoping_ones_and_every_question_a_condition_names(write_bank):
    """Answers that can change what is shown: the wizard redraws the whole page for these only."""
    shipped = default_bank()
    assert {q.id for q in shipped.questions if q.section == "scoping"} <= shipped.steering
    assert "GOV-01" not in shipped.steering and "ACC-01" not in shipped.steering
    extra = '''
[[questions]]
id = "MID"
kind = "readiness"
text = "Mid?"
help = "h"
evidence = "e"
action = "a"
criteria = ["CC1.1"]

[[questions]]
id = "LEAF"
kind = "readiness"
enable_when = { any = [ { question = "MID", operator = "equals", value = "no" }, { category = "Privacy" } ] }
text = "Leaf?"
help = "h"
evidence = "e"
action = "a"
criteria = ["CC1.1"]
'''
    bank = load_bank(write_bank({"10_controls.toml": readiness_toml(extra=extra)}))
    assert "MID" in bank.steering                        # a condition names it
    assert "LEAF" not in bank.steering and "ALL-01" not in bank.steering
    assert {"b2b", "business_type", "headcount"} <= bank.steering
