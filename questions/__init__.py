"""The question bank: TOML data validated into frozen pydantic models. No UI code here."""

from questions.conditions import enabled, visible_questions
from questions.errors import BankError, Code, Problem
from questions.loader import DEFAULT_BANK_DIR, default_bank, load_bank
from questions.models import Bank, Option, Question, Section

__all__ = [
    "DEFAULT_BANK_DIR",
    "Bank",
    "BankError",
    "Code",
    "Option",
    "Problem",
    "Question",
    "Section",
    "default_bank",
    "enabled",
    "load_bank",
    "visible_questions",
]
