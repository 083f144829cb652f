"""Learn: the comparisons, the searchable criteria table, myths and glossary."""

from __future__ import annotations

from tests.app.conftest import open_app

LEARN = "pages/4_Learn.py"


def test_learn_explains_reports_types_and_terms():
    at = open_app(LEARN)
    text = "\n".join(m.value for m in at.markdown)
    assert "**Read by**" in text and "Type II" in text
    assert "**Bridge letter**" in text and "**CUEC**" in text and "**Carve-out**" in text
    assert len(at.expander) == 16   # every misconception


def test_criteria_table_is_searchable_and_names_the_questions():
    at = open_app(LEARN)
    table = at.dataframe[0].value
    assert len(table) == 61
    at.text_input(key="learn:search").input("vendor").run()
    table = at.dataframe[0].value
    assert 0 < len(table) < 61
    row = table[table["Criterion"] == "CC9.2"].iloc[0]
    assert "VEN-01" in row["Questions that evidence it"]
