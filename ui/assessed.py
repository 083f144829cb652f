"""The engine's result for this session's answers, computed once per set of answers (and plan options).

Results and Plan run again on every click and every colleague's change; with the same answers they
reuse the result instead of calling the engine. The results are kept per browser session, in its
session state (the last few sets of answers and options), keyed by a fingerprint of the answers, so
no object is ever shared between sessions and no copy is made on a hit.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from typing import TypeVar

import streamlit as st

from questions import Bank, Question, default_bank
from scoring import PlanOptions, Result, assess
from scoring.engine import Measured, measure
from scoring.steps import visible_by_section

Value = TypeVar("Value")
KEPT, MEASURED, SECTIONS = "assessed_results", "assessed_measured", "assessed_sections"
MOST = 6   # the answers as they stand, and a few what-if variants of them
SECTIONS_KEPT = 2   # the answers before and after a scoping answer


def fingerprint(answers: Mapping[str, object]) -> str:
    """The answers as a memo key: the SHA-256 of their sorted repr, 64 characters where a tuple of every
    answer kept about 7 KB per entry in each session. repr tells "1" from 1 and covers a forged value
    (a list, say) that a tuple could not be hashed with."""
    return hashlib.sha256(repr(sorted(answers.items(), key=lambda item: item[0])).encode()).hexdigest()


def result(answers: Mapping[str, object], bank: Bank | None = None, options: PlanOptions | None = None) -> Result:
    """`assess(answers, bank, options)`, from this session's memo when these answers were assessed before."""
    bank = bank or default_bank()
    answered = (bank.version, fingerprint(answers))
    kept: dict[object, Result] = st.session_state.setdefault(KEPT, {})
    found = kept.get((answered, options))
    if found is None:
        found = assess(answers, bank, options, _measured(answered, answers, bank))
        _keep(kept, (answered, options), found)
    return found


def sections(answers: Mapping[str, object], quick: bool) -> dict[str, list[Question]]:
    """`visible_by_section(bank, answers, quick)`, from this session's memo for the same answers: the
    Assessment page, its sidebar, its live poll and the link's section each ask in one run. Read only."""
    bank = default_bank()
    key = (bank.version, quick, fingerprint(answers))
    kept: dict[object, dict[str, list[Question]]] = st.session_state.setdefault(SECTIONS, {})
    found = kept.get(key)
    if found is None:
        found = visible_by_section(bank, answers, quick)
        _keep(kept, key, found, SECTIONS_KEPT)
    return found


def _measured(key: object, answers: Mapping[str, object], bank: Bank) -> Measured:
    """What these answers decide whatever the plan options: a what-if on the Plan page plans again
    from it instead of scoring the answers again."""
    kept: dict[object, Measured] = st.session_state.setdefault(MEASURED, {})
    found = kept.get(key)
    if found is None:
        found = measure(answers, bank, gaps=True)
        _keep(kept, key, found)
    return found


def _keep(kept: dict[object, Value], key: object, value: Value, most: int = MOST) -> None:
    while len(kept) >= most:
        kept.pop(next(iter(kept)))
    kept[key] = value
