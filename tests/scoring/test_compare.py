"""Compare: the answers that changed between two assessments, question by question, in bank order."""

from __future__ import annotations

from questions import default_bank
from scoring.compare import answer_changes
from tests.conftest import profile


def test_only_changed_answers_are_listed_in_bank_order_with_their_labels():
    bank = default_bank()
    before = profile(business_type="b2b_saas", headcount=30) | {"ACC-01": "no", "GOV-01": "partial"}
    after = profile(business_type="payroll", headcount=45) | {"ACC-01": "yes", "GOV-01": "partial"}
    changes = answer_changes(bank, before, after)
    order = [q.id for q in bank.questions]
    assert [c.question_id for c in changes] == sorted(["business_type", "headcount", "ACC-01"], key=order.index)
    by_id = {c.question_id: c for c in changes}
    assert by_id["business_type"].before_answer == "Business software (SaaS, collaboration, developer tools)"
    assert by_id["business_type"].after_answer == "Payroll processing or PEO"
    assert (by_id["headcount"].before_answer, by_id["headcount"].after_answer) == ("30", "45")
    assert (by_id["ACC-01"].before_answer, by_id["ACC-01"].after_answer) == ("No", "Yes: documented and operating")
    assert by_id["ACC-01"].question == bank.question("ACC-01").text


def test_an_answer_given_or_removed_shows_not_answered_on_the_other_side():
    changes = answer_changes(default_bank(), {"GOV-01": "yes"}, {"ACC-01": "unsure"})
    assert [(c.question_id, c.before_answer, c.after_answer) for c in changes] == [
        ("GOV-01", "Yes: documented and operating", None), ("ACC-01", None, "Not sure")]


def test_the_same_answers_change_nothing_and_unknown_ids_are_not_questions():
    answers = profile() | {"ACC-01": "no"}
    assert answer_changes(default_bank(), answers, dict(answers)) == ()
    assert answer_changes(default_bank(), answers, answers | {"NO-SUCH": "yes"}) == ()
