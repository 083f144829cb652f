"""Names and notes: control characters removed and counted, so the user can be told."""

from __future__ import annotations

from storage.cleaning import MAX_NAME, MAX_NOTES, clean_name, clean_notes


def test_a_nul_or_other_control_character_in_a_name_is_removed_and_counted():
    assert clean_name("Ac\x00me\x1b Ltd\x7f\x85") == ("Acme Ltd", 4)
    assert clean_name("Lone \ud800surrogate") == ("Lone surrogate", 1)


def test_an_ordinary_name_is_unchanged_and_nothing_is_reported():
    for name in ("Acme Payroll Ltd", "Ünïcødé 🚀 مرحبا", "<b>x</b> [y](z)", "שלום\u200f", "👩\u200d💻 Dev"):
        assert clean_name(name) == (name, 0)


def test_name_whitespace_is_folded_and_length_capped():
    assert clean_name("  Acme \t\n Ltd  ") == ("Acme Ltd", 0)
    assert clean_name("x" * 500)[0] == "x" * MAX_NAME


def test_notes_keep_line_breaks_and_tabs_but_no_other_control_character():
    assert clean_notes("one\r\ntwo\tthree\rfour") == ("one\ntwo\tthree\nfour", 0)
    assert clean_notes("a\x00b\x0bc\x9b") == ("abc", 3)
    assert len(clean_notes("n" * 6000)[0]) == MAX_NOTES


def test_bidirectional_overrides_leave_names_but_real_rtl_marks_stay():
    spoof = "Acme \u202egnp.exe\u202c Ltd"
    cleaned, removed = clean_name(spoof)
    assert cleaned == "Acme gnp.exe Ltd" and removed == 2
    arabic = "\u0634\u0631\u0643\u0629 \u200fAcme"
    assert clean_name(arabic) == (arabic, 0)
