"""`python -m questions` prints the bank; `--check PATH` validates a tailored bank."""

from __future__ import annotations

import json
import subprocess
import sys

from tests.conftest import readiness_toml


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "questions", *args], capture_output=True, text=True, check=False)


def test_prints_the_bank_in_the_contract_shape():
    done = run()
    assert done.returncode == 0
    bank = json.loads(done.stdout)
    assert set(bank) == {"version", "sections", "questions"}
    first = bank["questions"][0]
    assert {"id", "section", "text", "help", "kind", "options", "criteria", "enable_when"} <= set(first)
    by_id = {q["id"]: q for q in bank["questions"]}
    assert by_id["fin_impact"]["options"] == ["yes", "no", "unsure"]
    assert by_id["PRV-01"]["enable_when"] == {"all": [{"category": "Privacy"}]}
    assert by_id["ACC-01"]["criteria"] == ["CC6.1", "CC6.6"]


def test_check_accepts_a_valid_folder(write_bank):
    done = run("--check", str(write_bank({"10_controls.toml": readiness_toml()})))
    assert done.returncode == 0
    assert "no problems" in done.stdout


def test_check_lists_every_problem_and_exits_2(write_bank):
    text = readiness_toml().replace('kind = "readiness"', 'kind = "essay"')
    folder = write_bank({"10_controls.toml": text, "20_broken.toml": "not toml ["})
    done = run("--check", str(folder))
    assert done.returncode == 2
    assert done.stdout == ""
    lines = done.stderr.strip().splitlines()
    assert any(line.startswith("B002 toml-syntax 20_broken.toml") for line in lines)
    assert any(line.startswith("B003 schema 10_controls.toml: questions[0] (ALL-01).kind") for line in lines)
    assert "Traceback" not in done.stderr
