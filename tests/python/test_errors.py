"""Scenarios that do not load raise truce.ScenarioError with the located diagnostics, as
`truce validate` prints them."""

from pathlib import Path

import pytest

import truce
from conftest import SOURCE_DIR, cli

INVALID = SOURCE_DIR / "tests" / "data" / "scenarios" / "invalid"
EXPECTED = dict(line.split("\t", 1) for line in (INVALID / "EXPECTED.txt").read_text().splitlines() if line)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_the_error_is_what_validate_prints(name):
    path = INVALID / name
    printed = cli("validate", path, check=False)
    assert printed.returncode != 0
    with pytest.raises(truce.ScenarioError) as e:
        truce.load(path)
    assert str(e.value) + "\n" == printed.stderr
    # the first problem, located as tests/data/scenarios/invalid/EXPECTED.txt has it
    where, message = EXPECTED[name].split("\t", 1)
    line, column = map(int, where.split(":"))
    first = e.value.diagnostics[0]
    assert (first.file, first.line, first.column, first.message) == (str(path), line, column, message)
    assert str(first) in str(e.value)


def test_a_bad_ktab_table_is_located():
    path = SOURCE_DIR / "data" / "ktab" / "bad" / "dummyData_3Dim-salience-sum-over-100.csv"
    with pytest.raises(truce.ScenarioError) as e:
        truce.load(path)
    assert e.value.diagnostics == [truce.Diagnostic(str(path), 3, 65, "expected a salience between 0 and 100, found '105.91'")]
    assert str(e.value) + "\n" == cli("validate", path, check=False).stderr


def test_a_missing_file_is_a_scenario_error(tmp_path):
    with pytest.raises(truce.ScenarioError) as e:
        truce.load(tmp_path / "nope.yaml")
    assert len(e.value.diagnostics) == 1 and e.value.diagnostics[0].file == str(tmp_path / "nope.yaml")


def test_a_dict_that_is_not_a_scenario_is_located(reference):
    data = reference.to_dict()
    data["actors"][0]["capability"] = -5
    with pytest.raises(truce.ScenarioError) as e:
        truce.Scenario.from_dict(data, name="edited")
    d = e.value.diagnostics[0]
    assert d.file == "edited" and d.line > 0 and d.column > 0 and "capability" in d.message
