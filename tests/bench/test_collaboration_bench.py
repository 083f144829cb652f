"""The collaboration benchmark measures what it says: participants on one assessment see each other's
answers, and its integrity check catches an answer lost or recorded twice. No timing is asserted."""

from __future__ import annotations

from bench import collaboration
from bench.collaboration import Phase
from scoring.summary import summarise
from storage import Author, open_store


def test_participants_split_the_visible_questions_without_overlap():
    sections = collaboration.sections_of(collaboration.scoping()[1])
    plan = collaboration.assign(sections, 30)
    questions = [q for _, mine in plan for q in mine]
    assert len(sections) == 13 and {section for section, _ in plan} == set(sections)
    assert all(mine for _, mine in plan)                     # everyone has something to answer
    assert sorted(questions) == sorted(q for qs in sections.values() for q in qs)   # each question once


def test_three_participants_see_each_others_answers_and_none_is_lost(tmp_path):
    results = collaboration.measure(tmp_path, participants=3, think=(0.1, 0.2), per_participant=2, solo_answers=2,
                                    join_within=0.5, quiet=3.0, section_count=2)
    assert results["ok"], (results["errors"], results["server_log_problems"], results["integrity"])
    scoping = len(collaboration.scoping()[1])
    assert results["answers"] == 6 and results["click"]["n"] == 6
    assert results["integrity"]["answers_stored"] == results["integrity"]["history_changes"] == scoping + 6
    assert results["integrity_alone"]["answers_stored"] == scoping + 2
    seen = results["propagation"]
    assert seen["missing"] == 0 and seen["pairs"]["n"] == seen["expected_pairs"] == 12
    assert seen["until_all_saw"]["n"] == 6
    assert seen["same_section_widget"]["n"] > 0              # two of the three share a section
    assert results["poll_nothing_new"]["n"] > 0
    assert "Integrity" in collaboration.table(results)


def test_the_integrity_check_finds_lost_and_duplicated_answers(tmp_path):
    url = f"sqlite:///{tmp_path / 'check.db'}"
    store = open_store(url)
    answers = {"business_type": "b2b_saas", "RSK-01": "yes"}
    record, token = store.create("", answers, "full", "v", summarise(answers), author=Author(id="a", name="Ann"))
    store.save_changes(record.id, {"RSK-02": "no"}, Author(id="b", name="Bo"))
    store.engine.dispose()

    def check(expected: dict[str, str | int], authors: dict[str, str]) -> dict[str, object]:
        phase = Phase(token=token, given=[], expected=expected, crew=[], polls=[], errors=[], authors=authors)
        return collaboration.integrity(url, phase)[0]

    assert check({**answers, "RSK-02": "no"}, {"RSK-02": "Bo"})["ok"]
    lost = check({**answers, "RSK-02": "no", "RSK-03": "yes"}, {})
    assert not lost["ok"] and lost["lost"] == ["RSK-03"] and lost["unrecorded"] == ["RSK-03"]
    assert check({**answers, "RSK-02": "no"}, {"RSK-02": "Someone else"})["wrong"] == ["RSK-02"]

    store = open_store(url)
    store.save_changes(record.id, {"RSK-02": "yes"}, Author(id="b", name="Bo"))
    store.save_changes(record.id, {"RSK-02": "no"}, Author(id="b", name="Bo"))
    store.engine.dispose()
    twice = check({**answers, "RSK-02": "no"}, {"RSK-02": "Bo"})
    assert not twice["ok"] and twice["duplicated"] == ["RSK-02"]
