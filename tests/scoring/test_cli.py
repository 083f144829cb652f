"""`python -m scoring FILE|-`: the contract's output, and exit 2 with one line per problem."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from tests.conftest import profile


def run(stdin: str | bytes | None = None, *args: str) -> subprocess.CompletedProcess[bytes]:
    data = stdin.encode() if isinstance(stdin, str) else stdin
    return subprocess.run([sys.executable, "-m", "scoring", *(args or ("-",))], input=data,
                          capture_output=True, check=False)


def test_valid_input_prints_the_contract_shape():
    done = run(json.dumps({"answers": profile(uptime_sla="yes", **{"GOV-01": "partial"})}))
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout)
    assert list(result)[:9] == ["schema_version", "reports", "headline", "report_type", "categories",
                                "readiness", "timeline", "rationale", "gaps"]
    assert result["schema_version"] == 2
    assert result["reports"] == ["SOC 2"]
    assert result["categories"] == ["Security", "Availability"]
    assert result["report_type"] in ("Type I", "Type II")
    assert isinstance(result["readiness"]["overall"], int)
    assert {"id", "name", "codes", "score"} <= set(result["readiness"]["areas"][0])
    assert result["readiness"]["verdict"] == "not_assessed"     # 1 of many readiness questions answered
    assert result["readiness"]["blockers"] == ["GOV-01"]        # a key control answered "partial"
    assert result["readiness"]["by_report"] == {"SOC 2": result["readiness"]["overall"]}
    assert {"id", "name", "start_week", "end_week"} <= set(result["timeline"]["phases"][0])
    assert result["timeline"]["verdict"] == "no_deadline"
    assert isinstance(result["follow_ups"], list)
    assert result["gaps"][0]["question"] == "GOV-01"
    assert result["gaps"][0]["priority"] in ("high", "medium", "low")


def test_reads_a_file(tmp_path):
    path = tmp_path / "answers.json"
    path.write_text(json.dumps({"answers": profile()}), encoding="utf-8")
    done = run(None, str(path))
    assert done.returncode == 0
    assert json.loads(done.stdout)["readiness"]["overall"] is None


@pytest.mark.parametrize(
    ("stdin", "expected"),
    [
        ("", "input is empty"),
        ("{not json", "not valid JSON"),
        (b"\xff\xfe", "not valid JSON"),
        ("[1, 2]", "expected a JSON object"),
        ("{}", "answers: missing"),
        ('{"answers": [1]}', "answers: expected an object"),
        ('{"answers": {}, "extra": 1}', "extra: unexpected key"),
        ('{"answers": {"nope": "yes"}}', "nope: unknown question id"),
        ('{"answers": {"b2b": "maybe"}}', "b2b: 'maybe' is not allowed; use one of yes, no"),
        ('{"answers": {"b2b": true}}', "b2b: expected one of yes, no, got true/false"),
        ('{"answers": {"headcount": "ten"}}', "headcount: expected a whole number, got text"),
        ('{"answers": {"headcount": 2.5}}', "headcount: expected a whole number, got a number"),
        ('{"answers": {"headcount": 0}}', "headcount: 0 is outside the allowed range"),
        ('{"answers": {"deadline_months": 37}}', "deadline_months: 37 is outside the allowed range 0-36"),
        ('{"answers": {"GOV-01": "sometimes"}}',
         "GOV-01: 'sometimes' is not allowed; use one of yes, partial, no, unsure"),
    ],
)
def test_bad_input_exits_2_with_a_clear_line_and_no_output(stdin, expected):
    done = run(stdin)
    assert done.returncode == 2
    assert done.stdout == b""
    stderr = done.stderr.decode()
    assert expected in stderr
    assert "Traceback" not in stderr


def test_every_problem_gets_its_own_line():
    done = run('{"answers": {"b2b": "maybe", "nope": 1, "headcount": -3}}')
    lines = done.stderr.decode().strip().splitlines()
    assert len(lines) == 3
    assert [line.split(":")[0] for line in lines] == ["b2b", "nope", "headcount"]


def test_missing_file_and_too_large_input(tmp_path):
    missing = run(None, str(tmp_path / "nope.json"))
    assert missing.returncode == 2 and b"cannot read the file" in missing.stderr
    huge = run(b'{"answers": {"b2b": "' + b"x" * 1_100_000 + b'"}}')
    assert huge.returncode == 2 and b"larger than" in huge.stderr


def test_wrong_usage_exits_2():
    done = subprocess.run([sys.executable, "-m", "scoring"], capture_output=True, check=False)
    assert done.returncode == 2 and b"usage" in done.stderr
