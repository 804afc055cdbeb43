"""Scenarios in Python: the canonical form, dicts, DataFrames, files, with_changes, compare."""

import json

import pandas as pd
import pytest

import truce
from conftest import KTAB, REFERENCE, cli


@pytest.mark.parametrize("path", [REFERENCE, KTAB], ids=["reference", "ktab"])
def test_the_canonical_form_is_truce_show(path):
    sc = truce.load(path)
    assert sc.to_json() == cli("show", path, "--format", "json").stdout


@pytest.mark.parametrize("path", [REFERENCE, KTAB], ids=["reference", "ktab"])
def test_dict_and_files_round_trip(path, tmp_path):
    sc = truce.load(path)
    assert truce.Scenario.from_dict(sc.to_dict()) == sc
    for name in ("copy.json", "copy.yaml"):
        sc.write(tmp_path / name)
        assert truce.load(tmp_path / name) == sc
        assert cli("validate", tmp_path / name).returncode == 0
    assert (tmp_path / "copy.json").read_text() == sc.to_json()


@pytest.mark.parametrize("path", [REFERENCE, KTAB], ids=["reference", "ktab"])
def test_a_dataframe_of_stances_round_trips(path):
    sc = truce.load(path)
    frame = sc.stances_frame()
    assert len(frame) == len(sc.to_dict()["stances"])
    assert sc.with_stances(frame) == sc
    # an edit made in the frame reaches the scenario, and the analyses
    edited = frame.copy()
    row = edited.index[(edited["actor"] == sc.actors[0]) & (edited["issue"] == sc.issues[0])][0]
    edited.loc[row, "salience"] = 0.05
    changed = sc.with_stances(edited)
    assert changed != sc
    stance = [s for s in changed.to_dict()["stances"] if s["actor"] == sc.actors[0] and s["issue"] == sc.issues[0]][0]
    assert stance["salience"] == 0.05
    assert changed == sc.with_changes({f"salience.{sc.actors[0]}.{sc.issues[0]}": 0.05})


def test_with_changes_is_a_modified_copy_the_cli_agrees_with(reference, tmp_path):
    changed = reference.with_changes({"red_line_min.russia.territory": 50})
    assert reference.parameters().loc["red_line_min.russia.territory", "value"] == 65
    assert changed.parameters().loc["red_line_min.russia.territory", "value"] == 50
    russia_territory = [s for s in changed.to_dict()["stances"] if s["actor"] == "russia" and s["issue"] == "territory"][0]
    # The reference scenario is dated: the red line as it stands is its Alaska revision's
    # (min donbas = 65), so the edit lands there; March's four oblasts (85) stay as they were.
    assert russia_territory["revisions"][-1]["red_line"]["min"] == 50
    assert russia_territory["red_line"]["min"] == 85
    # the same scenario written out and analysed by the CLI gives the same bytes
    changed.write(tmp_path / "changed.json")
    assert truce.space(changed).to_json() == cli("space", tmp_path / "changed.json", "--format", "json", "--no-store").stdout
    # relaxing Russia's territorial red line to 50 opens a zone of agreement
    assert truce.space(reference).zopa == 0
    assert truce.space(changed).zopa == 432


def test_with_changes_refuses_unknown_names_and_values_outside_the_range(reference):
    with pytest.raises(truce.OptionError) as e:
        reference.with_changes({"russia.territory.red_line.min": 50})
    assert str(e.value) == ("parameter 'russia.territory.red_line.min': no such number in this scenario; expected a "
                            "name as `truce levers --list-parameters` lists them, e.g. 'capability.russia'")
    with pytest.raises(truce.OptionError) as e:
        reference.with_changes({"salience.russia.territory": 2})
    assert str(e.value) == "parameter 'salience.russia.territory': expected a number from 0.0 to 1.0, found 2.0"


def test_the_parameters_are_what_levers_lists(reference):
    listed = json.loads(cli("levers", REFERENCE, "--list-parameters", "--format", "json", "--target", "zopa_size").stdout)
    names = {p["name"] for p in (listed["parameters"] if isinstance(listed, dict) else listed)}
    assert names <= set(reference.parameters().index)


def test_compare_lists_inputs_and_headline_figures(reference):
    changed = reference.with_changes({"red_line_min.russia.territory": 50})
    c = truce.compare(reference, changed, analyses=("space", "simulate"), options={"simulate": {"runs": 500}})
    assert c.inputs.to_dict("records") == [{"path": "/stances/0/revisions/0/red_line/min", "before": 65.0, "after": 50.0}]
    figures = c.figures.set_index(["analysis", "name"])
    assert figures.loc[("space", "zopa_size"), "before"] == 0
    assert figures.loc[("space", "zopa_size"), "after"] == 432
    assert figures.loc[("space", "zopa_size"), "change"] == 432
    assert "simulate" in set(c.figures["analysis"])
    # an analysis that refuses one of them is named with the reason
    ktab = truce.load(KTAB)
    c2 = truce.compare(ktab, ktab, analyses=("forecast", "simulate"))
    assert c2.inputs.empty and (c2.figures["change"].fillna(0) == 0).all()
    assert c2.skipped == {"simulate": "expected a scenario with a dynamics section"}
