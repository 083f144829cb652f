"""What the wizard shows: an answer that hides or reveals nothing leaves `shown` unchanged, so the page
need not be redrawn for it (ui/persistence.py)."""

from __future__ import annotations

from bench.pages import SCOPING
from questions import default_bank
from scoring.steps import shown as shown_of
from scoring.steps import visible_by_section


def shown(bank, answers, quick=False):
    return shown_of(visible_by_section(bank, answers, quick))


def test_shown_lists_each_visible_section_with_its_questions_in_bank_order():
    bank = default_bank()
    found = shown(bank, SCOPING)
    assert [section for section, _ in found] == list(visible_by_section(bank, SCOPING))
    assert found[0][0] == "scoping" and "business_type" in found[0][1]


def test_only_answers_that_reveal_or_hide_something_change_what_is_shown():
    bank = default_bank()
    base = shown(bank, SCOPING)
    assert shown(bank, SCOPING | {"public_artifact": "yes"}) == base
    assert shown(bank, SCOPING | {"phi": "yes"}) != base                  # a HIPAA-minded section appears
    assert shown(bank, SCOPING | {"fin_impact": "yes"}) != base           # SOC 1 comes into scope


def test_a_quick_check_shows_the_scoping_section_only():
    assert [section for section, _ in shown(default_bank(), SCOPING, quick=True)] == ["scoping"]
