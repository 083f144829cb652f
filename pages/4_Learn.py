"""Learn: SOC 1/2/3, Type I/II, the categories, the 61 criteria, myths and a glossary."""

import streamlit as st

from questions import default_bank
from questions.criteria import all_criteria
from scoring.misconceptions import MISCONCEPTIONS
from ui import learn_content as content
from ui.setup import page_setup

page_setup("Learn", wide=True)
st.title("Learn the basics")
st.caption("Everything here is paraphrased in plain words; criterion titles are short labels, not the "
           "official AICPA text.")

# Four short tab labels fit on one line even on a 320 px phone; six did not, and the last ones
# scrolled out of sight.
reports, criteria, myths, glossary = st.tabs(["Reports", "Criteria", "Myths", "Glossary"])
with reports:
    for heading, items in content.COMPARISONS:
        st.markdown(f"### {heading}")
        # Cards side by side on a laptop, one under the other on a phone (columns stack there).
        for column, (name, rows) in zip(st.columns(len(items)), items, strict=True):
            with column.container(border=True, height="stretch"):
                st.markdown(f"#### {name}")
                st.markdown("\n\n".join(f"**{row}**  \n{text}" for row, text in rows))
    st.write(content.TYPES_NOTE)
with criteria:
    st.markdown("### The five categories")
    for name, text in content.CATEGORIES:
        st.markdown(f"**{name}**: {text}")
    st.markdown("### The 61 criteria")
    bank = default_bank()
    evidence: dict[str, list[str]] = {}
    for question in bank.questions:
        for criterion in question.criteria:
            evidence.setdefault(criterion, []).append(question.id)
    search = st.text_input("Search the criteria", placeholder="e.g. access, CC6, vendor, backup",
                           key="learn:search").strip().lower()
    rows = [
        {"Criterion": c.id, "Category": c.category, "Group": f"{c.group} {c.group_name}", "What it asks": c.title,
         "Questions that evidence it": ", ".join(evidence.get(c.id, []))}
        for c in all_criteria()
    ]
    shown = [r for r in rows if not search or any(search in str(v).lower() for v in r.values())]
    st.caption(f"{len(shown)} of {len(rows)} criteria")
    st.dataframe(shown, hide_index=True, key="criteria-table")
with myths:
    for myth in MISCONCEPTIONS:
        with st.expander(myth.myth):
            st.write(myth.fact)
with glossary:
    for term, meaning in content.GLOSSARY:
        st.markdown(f"**{term}**: {meaning}")
