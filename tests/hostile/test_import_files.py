"""Hostile import files: each is refused with a short, clear message, nothing is stored, and the
page shows the message literally (ui/text.py `literal_list`)."""

from __future__ import annotations

import pytest

from questions import default_bank
from scoring.summary import summarise
from storage import open_store
from storage.transfer import MAX_PROBLEMS, import_assessment, parse_import
from tests.hostile.inputs import FILES, encoded, export
from ui.text import literal_list

BANK = default_bank()


@pytest.fixture
def store(tmp_path):
    return open_store(f"sqlite:///{tmp_path / 'hostile.db'}")


@pytest.mark.parametrize("name", list(FILES))
def test_a_hostile_file_is_refused_with_a_clear_message_and_nothing_is_stored(store, name):
    raw, expected = FILES[name]
    created, problems = import_assessment(store, raw, BANK, summarise)
    assert created is None
    assert any(expected in problem for problem in problems), problems
    assert len(problems) <= MAX_PROBLEMS + 1 and all(len(p) <= 300 for p in problems)
    assert store.list() == []


def test_every_problem_is_listed_but_only_the_first_twenty_are_shown():
    answers = {f"UNKNOWN-{n}": "[x](https://evil.example)" for n in range(500)}
    _, problems = parse_import(encoded(export(answers=answers)), BANK)
    assert len(problems) == MAX_PROBLEMS + 1 and problems[-1] == "… and 480 more problems."
    shown = literal_list(problems)
    assert "](" not in shown and "https://" not in shown and len(shown) < 20 * 250


def test_a_900_kb_echo_is_cut_to_a_few_hundred_characters_per_problem():
    shown = literal_list(["x" * 900_000, "y" * 10], limit=200)
    assert len(shown) < 500 and shown.endswith("y" * 10)


def test_a_store_error_on_create_is_a_message_and_saves_nothing(store, monkeypatch, caplog):
    from sqlalchemy.exc import OperationalError

    def broken(*args, **kwargs):
        raise OperationalError("INSERT", {}, Exception("disk I/O error"))

    monkeypatch.setattr(store, "create", broken)
    created, problems = import_assessment(store, encoded(export()), BANK, summarise)
    assert created is None and problems == ["The database could not save the imported assessment, so nothing "
                                            "was imported. Please try again in a minute."]
    assert "Import could not be saved" in caplog.text
    monkeypatch.undo()
    assert store.list() == []


def test_a_valid_export_with_hostile_but_printable_text_imports_literally(store):
    name, notes = "[Acme](https://evil.example) <b>", "<script>alert(1)</script>\n**not bold**"
    (record, _), problems = import_assessment(store, encoded(export(client_name=name, notes=notes)), BANK, summarise)
    assert problems == [] and record.client_name == name and record.notes == notes


def test_a_repeated_key_at_the_end_of_a_large_object_is_found():
    """90,000 keys with the last one repeated (a file under 1 MB): refused, naming the key."""
    body = ",".join(f'"{n}":0' for n in range(90_000)) + ',"0":1'
    raw = ('{"format": "soc-navigator/assessment", "schema_version": 2, "client_name": "A", "answers": {'
           + body + "}}").encode()
    assert len(raw) < 1_000_000
    imported, problems = parse_import(raw, BANK)
    assert imported is None and any("appears twice" in p for p in problems)
