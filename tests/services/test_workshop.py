"""The facilitator's view as plain logic: progress per section, open questions, who was given what."""

from __future__ import annotations

from datetime import datetime

from questions import default_bank
from services.workshop import sections_progress
from storage.workshops import Workshop

WORKSHOP = Workshop(assessment_id="x", started_by="Fay", started_at=datetime(2026, 11, 23), active=True,
                    assignments=(("Sam", ("access",)), ("Ida", ("access", "change"))))


def test_each_visible_section_counts_its_answers_and_lists_its_open_questions():
    bank = default_bank()
    sections = {s.section_id: s for s in sections_progress({"b2b": "yes"}, None)}
    scoping = sections["scoping"]
    assert scoping.answered == 1 and scoping.total > 1
    assert bank.question("b2b").text not in scoping.open_questions
    assert bank.question("business_type").text in scoping.open_questions
    assert scoping.total == scoping.answered + len(scoping.open_questions)


def test_sections_name_the_people_given_them_and_a_quick_check_shows_scoping_only():
    sections = {s.section_id: s for s in sections_progress({}, WORKSHOP)}
    assert sections["access"].assigned_to == ("Ida", "Sam") or set(sections["access"].assigned_to) == {"Ida", "Sam"}
    assert list(s.section_id for s in sections_progress({}, WORKSHOP, quick=True)) == ["scoping"]


def test_sections_for_ignores_case_and_unknown_people_get_every_section():
    assert WORKSHOP.sections_for("sam") == ("access",)
    assert WORKSHOP.sections_for("Nobody") == ()
