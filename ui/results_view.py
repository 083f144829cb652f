"""Pieces of the Results page: report cards, reasons with links back, scope, readiness, gaps."""

from __future__ import annotations

import streamlit as st

from questions import Bank
from scoring.models import Reason, Result
from ui import charts, state

REPORT_BLURBS = {
    "SOC 1": "For your customers' **financial auditors**: controls that affect their financial statements.",
    "SOC 2": "For your customers' **security and procurement teams**: how you protect their data and systems.",
    "SOC 3": "A short **public** summary of the SOC 2 examination, for your website.",
}
PRIORITY_BADGE = {"high": ":red-badge[High]", "medium": ":orange-badge[Medium]", "low": ":gray-badge[Low]"}
STATUS_ICON = {"required": ":material/check_circle:", "in_scope": ":material/check_circle:",
               "consider": ":material/help:", "not_needed": ":material/remove_circle_outline:"}
STATUS_TEXT = {"required": "Always included", "in_scope": "In scope", "consider": "Consider",
               "not_needed": "Not needed"}


def go_to_assessment() -> None:
    st.switch_page("pages/1_Assessment.py")


def report_cards(result: Result) -> None:
    columns = st.columns(3)
    if not result.reports:
        with columns[0].container(border=True, key="card-not-yet"):
            st.markdown("#### :material/hourglass_empty: Not yet")
            st.write("No SOC report is recommended today. See why below.")
        return
    for column, name in zip(columns, ("SOC 1", "SOC 2", "SOC 3"), strict=True):
        recommended = name in result.reports
        with column.container(border=True, key=f"card-{name.lower().replace(' ', '')}"):
            if recommended:
                kind = "Type II (from the SOC 2 examination)" if name == "SOC 3" else result.report_type
                st.markdown(f"#### :material/verified: {name}")
                st.markdown(f"**Recommended** · {kind}")
            else:
                st.markdown(f"#### :gray[{name}]")
                st.markdown(":gray[Not needed now]")
            st.caption(REPORT_BLURBS[name])


def reasons(result: Result, bank: Bank, items: list[Reason], key: str) -> None:
    """Each reason with the answers behind it and a button back to each of those questions."""
    answers = state.answers()
    for index, reason in enumerate(items):
        with st.container(border=True):
            st.write(reason.statement)
            for qid in reason.because:
                if not bank.has(qid) or qid not in answers:
                    continue
                question = bank.question(qid)
                shown = question.label_for(answers[qid])
                text, button = st.columns([5, 1], vertical_alignment="center")
                text.caption(f"Because you answered **{shown}** to: {question.text}")
                if button.button("Change", key=f"change-{key}-{index}-{qid}", type="tertiary",
                                 icon=":material/edit:", on_click=state.change_answer,
                                 args=(qid, question.section)):
                    go_to_assessment()


def scope(result: Result) -> None:
    if not result.categories:
        st.info("Trust Services Criteria categories only apply to a SOC 2 report, which is not recommended now.")
    for decision in result.category_decisions:
        icon, label = STATUS_ICON[decision.status], STATUS_TEXT[decision.status]
        st.markdown(f"{icon} **{decision.name}** · {label} · {decision.criteria_count} criteria  \n"
                    f"{decision.reason}")
    if result.categories:
        st.warning("Don't add categories \"to be safe\". Each one adds criteria, cost, time and chances of "
                   "exceptions; scope should mirror the commitments you actually make to customers.",
                   icon=":material/warning:")


def readiness(result: Result) -> None:
    summary = result.readiness
    if summary.overall is None:
        st.info("Readiness has not been assessed yet: the quick check only covers scoping. The full "
                "assessment asks about your controls and scores each area.")
        if st.button("Continue with the full assessment", type="primary", on_click=state.start, args=("full",)):
            go_to_assessment()
        return
    scope_note = ", ".join(result.categories) if result.categories else "the common (Security) criteria"
    left, right = st.columns([1, 3])
    left.metric("Overall readiness", f"{summary.overall}%", border=True)
    left.caption(f"Over {len(summary.criteria)} criteria in scope ({scope_note}), from {summary.answered} of "
                 f"{summary.questions} questions answered. Unanswered questions count as not in place.")
    right.plotly_chart(charts.readiness_by_area(summary), key="areas-chart", config={"displayModeBar": False})
    st.markdown("##### Every criterion in scope, coloured by coverage")
    st.plotly_chart(charts.criteria_map(summary), key="criteria-map", config={"displayModeBar": False})


def gaps(result: Result, limit: int = 10) -> None:
    if result.readiness.overall is None:
        st.info("Your action plan appears once you answer the readiness questions.")
        return
    if not result.gaps:
        st.success("No gaps: every control you were asked about is in place.")
        return
    st.caption(f"{len(result.gaps)} controls are missing or partly in place; the top {min(limit, len(result.gaps))} "
               "are below, ranked by how many criteria they support and how weak their area is.")
    for gap in result.gaps[:limit]:
        with st.container(border=True):
            st.markdown(f"{PRIORITY_BADGE[gap.priority]} **{gap.text}**")
            st.markdown(f":material/build: {gap.action}")
            st.caption(f"You answered: {gap.answer} · criteria {', '.join(gap.criteria)}")


def to_settle(result: Result, bank: Bank) -> None:
    if result.follow_ups:
        for follow_up in result.follow_ups:
            st.markdown(f":material/help: **{follow_up.ask}**  \n{follow_up.why}")
    unsure = result.readiness.to_settle
    if unsure:
        st.markdown(f"You answered **Not sure** to {len(unsure)} question{'s' if len(unsure) > 1 else ''}; "
                    "they count as not in place until you check:")
        for qid in unsure:
            st.markdown(f"- {bank.question(qid).text}")
    if not result.follow_ups and not unsure:
        st.success("Nothing left to settle.")


def myths(result: Result) -> None:
    for myth in result.misconceptions:
        with st.expander(myth.myth):
            st.write(myth.fact)
