"""Imported once per process by the shared page set-up: load the heavy libraries up front, then
`gc.freeze()` them, so Python's garbage collections only scan objects created since (see bench/:
collections over every loaded library were most of a rerun's cost).

Set SOC_NAVIGATOR_GC_FREEZE=0 to turn it off (the benchmark compares both).
"""

import gc
import os

import fpdf  # noqa: F401 - imported for its objects to be frozen
import openpyxl  # noqa: F401
import pandas  # noqa: F401
import plotly.graph_objects  # noqa: F401
import sqlalchemy  # noqa: F401

import questions
import reports.pdf  # noqa: F401
import scoring  # noqa: F401
import storage  # noqa: F401
from ui import flush, uploads

questions.default_bank()
uploads.guard()
flush.send_promptly()
if os.environ.get("SOC_NAVIGATOR_GC_FREEZE", "1") != "0":
    gc.collect()
    gc.freeze()
