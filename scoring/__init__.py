"""The scoring engine: pure functions from answers to an explained recommendation. No UI code."""

from scoring.answers import answer_problems
from scoring.engine import assess, question_scope
from scoring.models import SCHEMA_VERSION, PlanOptions, Result

__all__ = ["SCHEMA_VERSION", "PlanOptions", "Result", "answer_problems", "assess", "question_scope"]
