"""Assessment: steps over visible sections, live branching, required answers, kept answers."""

from __future__ import annotations

from questions import default_bank
from tests.app.conftest import answer, click, header, open_app, widget
from tests.conftest import SAAS, profile


def section_buttons(at) -> list[str]:
    return [b.label.split(" (")[0] for b in at.button if b.key and b.key.startswith("jump-")]


def test_required_scoping_answers_block_next():
    at = open_app("pages/1_Assessment.py")
    click(at, "Next")
    assert "Please answer before moving on" in at.error[0].value
    assert header(at) == "About your business"


def test_quick_check_is_scoping_only_and_ends_on_results(walk):
    at = walk(SAAS, mode="quick")
    assert section_buttons(at) == ["About your business"]
    click(at, "See my results")
    assert at.title[0].value == "Your results"
    assert "SOC 2" in at.subheader[0].value


def test_full_path_steps_through_visible_sections_only(walk):
    at = walk(SAAS)   # Security only: no Processing Integrity or Privacy sections
    visible = section_buttons(at)
    assert visible[0] == "About your business"
    assert "Processing integrity" not in visible and "Privacy" not in visible
    seen = [header(at)]
    while any(b.label == "Next" for b in at.button):
        for question in [w for w in at.radio if w.key and w.key.startswith("q:") and w.value is None]:
            question.set_value("yes")
        click(at, "Next")
        seen.append(header(at))
    assert seen == visible
    click(at, "See my results")
    assert at.title[0].value == "Your results"
    # Back walks the same visible sections in reverse.
    back = open_app("pages/1_Assessment.py", answers=at.session_state["answers"], section_id="data")
    click(back, "Back")
    assert header(back) == "Business continuity"


def test_category_questions_appear_and_vanish_live(walk):
    at = walk(SAAS)
    assert "Privacy" not in section_buttons(at)
    answer(at, business_type="consumer_app", personal_info="yes")
    assert "Privacy" in section_buttons(at)
    answer(at, personal_info="no")
    assert "Privacy" not in section_buttons(at)


def test_an_availability_question_joins_its_section_when_an_sla_is_promised():
    answers = profile(uptime_sla="no")
    at = open_app("pages/1_Assessment.py", answers=answers, section_id="continuity")
    assert widget(at, "BCP-04") is None
    at = open_app("pages/1_Assessment.py", answers=answers | {"uptime_sla": "yes"}, section_id="continuity")
    assert widget(at, "BCP-04") is not None


def test_hidden_answers_are_kept_but_not_counted():
    answers = profile(business_type="consumer_app", personal_info="yes") | {"PRV-01": "yes"}
    at = open_app("pages/1_Assessment.py", answers=answers)
    answer(at, personal_info="no")
    assert at.session_state["answers"]["PRV-01"] == "yes"
    assert "Privacy" not in section_buttons(at)


def test_every_readiness_question_offers_not_sure_and_explains_itself():
    at = open_app("pages/1_Assessment.py", answers=profile(), section_id="access")
    readiness = [w for w in at.radio if w.key and w.key.startswith("q:")]
    assert readiness and all("unsure" in w.options or "Not sure" in w.options for w in readiness)
    assert len(at.get("popover")) == len(readiness)


def test_why_we_ask_is_built_only_when_opened():
    question = default_bank().question("ACC-01")
    at = open_app("pages/1_Assessment.py", answers=profile(), section_id="access")
    assert not any(question.help in m.value for m in at.markdown)          # nothing sent while closed
    at.session_state["why:ACC-01"] = True                                  # the person opens it
    at.run()
    assert any(question.help in m.value for m in at.markdown)
    assert any(question.evidence in m.value for m in at.markdown)
    assert any("Evidences criteria" in c.value for c in at.caption)


def test_answers_survive_switching_pages(walk):
    at = walk(SAAS | {"uptime_sla": "yes"})
    at.switch_page("pages/4_Learn.py").run()
    at.switch_page("pages/1_Assessment.py").run()
    assert widget(at, "uptime_sla").value == "yes"
    assert widget(at, "headcount").value == SAAS["headcount"]


def test_jumping_to_a_section_from_the_list():
    at = open_app("pages/1_Assessment.py", answers=profile())
    at.button(key="jump-vendor").click().run()
    assert header(at) == "Vendor management"
