"""The garbage-collection rows of `make bench`'s table: the shipped setting always, the others when
measured, marked when they come from an earlier run (`python -m bench.run --gc-variants`)."""

from __future__ import annotations

from bench.report import gc_rows

SOAK = {"wave_p50_ms": [50, 60, 70], "wave_p95_ms": [140, 150, 160], "errors": 0,
        "rss_kb": [217088, 217600], "growth_kb_second_half": 264}


def test_the_shipped_setting_alone_gives_one_row():
    rows = gc_rows({"gc_freeze": SOAK})
    assert len(rows) == 1 and "(shipped)" in rows[0] and "60 / 150 ms" in rows[0] and "212 → 212 MiB" in rows[0]


def test_settings_carried_over_from_an_earlier_run_say_so():
    rows = gc_rows({"gc_freeze": SOAK, "gc_on": {**SOAK, "earlier_run": True}, "gc_off": SOAK})
    assert len(rows) == 3
    assert "Streamlit's default" in rows[0] and "an earlier run" in rows[0]
    assert "an earlier run" not in rows[1] + rows[2]
