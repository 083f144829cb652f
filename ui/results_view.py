"""Pieces of the Results page: report cards, reasons with links back, scope, readiness, gaps."""

from __future__ import annotations

from datetime import date

import streamlit as st

from questions import Bank
from questions.models import READINESS_OPTIONS
from reports.story import (
    READINESS_MEANING,
    deadline_line,
    expected_line,
    format_date,
    readiness_headline,
    type_ii_line,
    verdict_label,
)
from scoring.models import Readiness, Reason, Result
from ui import charts, state
from ui import pages_registry as pages
from ui.text import literal

REPORT_BLURBS = {
    "SOC 1": "For your customers' **financial auditors**: controls that affect their financial statements.",
    "SOC 2": "For your customers' **security and procurement teams**: how you protect their data and systems.",
    "SOC 3": "A short **public** summary of the SOC 2 examination, for your website.",
}
PRIORITY_BADGE = {"high": ":red-badge[High]", "medium": ":orange-badge[Medium]", "low": ":gray-badge[Low]"}
STATUS_ICON = {"required": ":material/check_circle:", "in_scope": ":material/check_circle:",
               "consider": ":material/help:", "not_needed": ":material/remove_circle_outline:"}
VERDICT_BOX = {"on_track": st.success, "at_risk": st.warning, "not_possible": st.error}
VERDICT_ICON = {"on_track": ":material/check_circle:", "at_risk": ":material/warning:",
                "not_possible": ":material/error:"}
READINESS_BOX = {"not_assessed": st.info, "blocked": st.error, "material_gaps": st.error,
                 "findings_likely": st.warning, "audit_ready": st.success}
SOC1_FAMILIES = {"itgc": "IT general controls", "process": "Business processes"}
STATUS_TEXT = {"required": "Always included", "in_scope": "In scope", "consider": "Consider",
               "not_needed": "Not needed"}


# Four short tab labels fit on one line even on a 320 px phone; six longer ones scrolled the
# last tabs out of sight.
TABS = ("Why", "Scope", "Readiness", "Next steps")
TAB_KEY = "results:tab"


def go_to_assessment() -> None:
    st.switch_page(pages.ASSESSMENT)


@st.fragment
def details(result: Result, bank: Bank) -> None:
    """The tabs under the headline. Only the open tab is built (the readiness charts only when Readiness
    is open), and opening another reruns only this fragment."""
    why, scope_tab, ready, next_steps = st.tabs(list(TABS), key=TAB_KEY, on_change="rerun")
    if why.open:
        with why:
            reasons(result, bank, result.rationale, "why")
            if result.notes:
                st.markdown("##### Also worth knowing")
                reasons(result, bank, result.notes, "notes")
            myths(result)
    if scope_tab.open:
        with scope_tab:
            scope(result)
    if ready.open:
        with ready:
            readiness(result, bank)
    if next_steps.open:
        with next_steps:
            st.markdown("##### What to fix first")
            gaps(result)
            st.markdown("##### To settle")
            to_settle(result, bank)


def promise(result: Result, start: date) -> None:
    """Under the headline: the date every page and export promises (the latest), earliest second."""
    if result.report_type is None:
        return
    st.markdown(f":material/event: **{expected_line(result, start)}**, from a start on {format_date(start)}.")
    if type_ii_line(result, start):
        st.caption(type_ii_line(result, start))


def deadline(result: Result, start: date) -> None:
    """The deadline verdict with its dates, when the customer gave a deadline."""
    label = verdict_label(result)
    if not label or result.timeline.deadline_week is None:
        return
    VERDICT_BOX[result.timeline.verdict](deadline_line(result, start).replace(f"{label}:", f"**{label}:**", 1),
                                         icon=VERDICT_ICON[result.timeline.verdict])


def blockers(result: Result, bank: Bank) -> None:
    """Key controls answered no, partly or not sure, each with a button back to its question."""
    missing = [qid for qid in result.readiness.blockers if bank.has(qid)]
    if not missing:
        return
    answers = state.answers()
    with st.container(border=True, key="blockers"):
        st.markdown(f":material/block: **{len(missing)} key control{'s' if len(missing) != 1 else ''} missing.** "
                    "An auditor tests these first, and a Type II period can only start once they run.")
        for qid in missing:
            question = bank.question(qid)
            text, button = st.columns([5, 1], vertical_alignment="center")
            text.caption(f"**{literal(question.label_for(answers.get(qid)), 200)}** · {question.text}")
            if button.button("Change", key=f"change-blocker-{qid}", type="tertiary", icon=":material/edit:",
                             on_click=state.change_answer, args=(qid, question.section)):
                go_to_assessment()


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
                text.caption(f"Because you answered **{literal(shown, 200)}** to: {question.text}")
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


def readiness(result: Result, bank: Bank) -> None:
    summary = result.readiness
    if summary.overall is None:
        st.info("Readiness has not been assessed yet: the quick check only covers scoping. The full "
                "assessment asks about your controls and scores each area.")
        if st.button("Continue with the full assessment", type="primary", on_click=state.start, args=("full",)):
            go_to_assessment()
        return
    READINESS_BOX[summary.verdict](f"**{readiness_headline(summary)}.** {READINESS_MEANING[summary.verdict]}")
    if summary.blockers:
        st.markdown("\n".join(f"- {bank.question(qid).text}" for qid in summary.blockers if bank.has(qid)))
    if "SOC 1" in result.reports and "SOC 2" not in result.reports:
        _soc1_only(summary)
        return
    scope_note = ", ".join(result.categories) if result.categories else "the common (Security) criteria"
    left, right = st.columns([1, 3])
    left.metric("Overall readiness", f"{summary.overall}%", border=True)
    scored = {name: score for name, score in summary.by_report.items() if score is not None}
    if len(scored) > 1:
        left.markdown(" · ".join(f"**{name}** {score}%" for name, score in scored.items()))
        left.caption("Overall is the less ready of the two reports: the plan waits for it.")
    left.caption(f"Over {len(summary.criteria)} criteria in scope ({scope_note}), from {summary.answered} of "
                 f"{summary.questions} questions answered. Unanswered questions count as not in place.")
    right.plotly_chart(charts.readiness_by_area(summary), key="areas-chart", config={"displayModeBar": False})
    if summary.soc1_areas:
        _soc1_areas(summary)
    st.markdown("##### Every criterion in scope, coloured by coverage")
    st.caption(":red[Red]: under 50% covered · :orange[Amber]: 50% to 79% · :green[Green]: 80% or more. "
               "Tap an area to zoom in; hover a criterion for what it asks and which questions evidence it.")
    st.plotly_chart(charts.criteria_map(summary), key="criteria-map", config={"displayModeBar": False})


def _soc1_areas(summary: Readiness) -> None:
    st.markdown("##### SOC 1 control-objective areas")
    st.caption("SOC 1 has no fixed criteria: your auditor tests the control objectives you agree, usually in "
               "these areas (IT general controls and the business processes behind your customers' "
               "financial reporting).")
    for column, (family, title) in zip(st.columns(2), SOC1_FAMILIES.items(), strict=True):
        if any(a.family == family for a in summary.soc1_areas):
            column.markdown(f"**{title}**")
            column.plotly_chart(charts.soc1_by_area(summary, family), key=f"soc1-{family}-chart",
                                config={"displayModeBar": False})


def _soc1_only(summary: Readiness) -> None:
    """A SOC 1 alone is measured on its control objectives; the common criteria are only context."""
    st.metric("SOC 1 readiness", f"{summary.overall}%", border=True)
    st.caption(f"Over {len(summary.soc1_areas)} SOC 1 control-objective areas, from {summary.answered} of "
               f"{summary.questions} questions answered. Unanswered questions count as not in place.")
    _soc1_areas(summary)
    st.markdown("##### Security basics, for reference")
    st.caption("A SOC 1 report does not test the SOC 2 criteria, but its IT general controls overlap them, and "
               "customers' security teams will ask about them sooner or later.")
    st.plotly_chart(charts.readiness_by_area(summary), key="areas-chart", config={"displayModeBar": False})


def gaps(result: Result, limit: int = 10) -> None:
    if result.readiness.overall is None:
        st.info("Your action plan appears once you answer the readiness questions.")
        return
    if not result.gaps:
        st.success("No gaps: every control you were asked about is in place.")
        return
    count, top = len(result.gaps), min(limit, len(result.gaps))
    st.caption(f"{count} control{'s are' if count != 1 else ' is'} missing, partly in place or not confirmed; "
               + ("it is below" if count == 1 else f"the top {top} are below") + ", ranked by how much "
               "they support and how weak their area is.")
    labels = dict(READINESS_OPTIONS)
    for gap in result.gaps[:limit]:
        with st.container(border=True):
            st.markdown(f"{PRIORITY_BADGE[gap.priority]} **{gap.text}**")
            st.markdown(f":material/build: {gap.action}")
            covers = f" · criteria {', '.join(gap.criteria)}" if gap.criteria else ""
            st.caption(f"You answered: {literal(labels.get(gap.answer, gap.answer), 200)}{covers}")


def to_settle(result: Result, bank: Bank) -> None:
    unsure = result.readiness.to_settle
    # "Not sure" readiness answers are follow-ups too (contract v2); they are listed once, below.
    for follow_up in [f for f in result.follow_ups if f.question not in unsure]:
        st.markdown(f":material/help: **{follow_up.ask}**  \n{follow_up.why}")
    if unsure:
        st.markdown(f"You answered **Not sure** to {len(unsure)} question{'s' if len(unsure) > 1 else ''}; "
                    "they count as not in place until you check:")
        for qid in unsure:
            st.markdown(f"- {bank.question(qid).text}")
    if not result.follow_ups and not unsure:
        st.success("Nothing left to settle.")


def myths(result: Result) -> None:
    if result.misconceptions:
        st.markdown("##### Myths to avoid")
    for myth in result.misconceptions:
        with st.expander(myth.myth):
            st.write(myth.fact)
