"""`small`: our own small print inside a larger markdown element, with nothing in it read as markup."""

import re

from hypothesis import given
from hypothesis import strategies as st

from ui.text import small

ESCAPED = re.compile(r"\\(.)")   # a backslash and the character it shows as typed


@given(st.text(alphabet="ab $[]\\.,", max_size=40))
def test_small_print_wraps_the_text_once_and_escapes_every_dollar_and_bracket(text):
    shown = small(text)
    assert shown.startswith(":small[:gray[") and shown.endswith("]]")
    inner = shown.removeprefix(":small[:gray[").removesuffix("]]")
    bare = ESCAPED.sub("", inner)                 # what markdown would read as markup
    assert not set(bare) & set("$[]\\")           # no formula and no early end of the directive
    assert ESCAPED.sub(r"\1", inner) == text       # and the reader sees the text as written


def test_a_fee_range_keeps_its_dollars():
    assert small("$20,000 – $60,000 [reported]") == r":small[:gray[\$20,000 – \$60,000 \[reported\]]]"


def test_the_banks_wording_is_escaped_as_literal_shows_it():
    """The question texts and choice labels the list of changes reads from one table are the text as
    `literal` shows it, every one of them."""
    from questions import default_bank
    from services.wording import field_title, value_text
    from ui.text import bank_wording, literal

    wording = bank_wording()
    bank = default_bank()
    expected = {q.id: literal(field_title(q.id), 300) for q in bank.questions} | {
        f"{q.id}={o.value}": literal(value_text(q.id, o.value), 300) for q in bank.questions for o in q.options}
    assert dict(wording) == expected
    assert any("\\(" in text for text in wording.values())   # punctuation arrives escaped
