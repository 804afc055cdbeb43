"""Typed results: fields as attributes, and pandas frames that hold the JSON's numbers."""

import pandas as pd
import pytest

import truce
from conftest import REFERENCE


@pytest.fixture(scope="module")
def forecast(reference):
    return truce.forecast(reference, models=["smp", "ensemble"])


def test_forecast_frame_is_issue_by_model(forecast, reference):
    frame = forecast.to_frame()
    assert list(frame.columns) == ["smp", "ensemble"]
    assert list(frame.index) == reference.issues
    d = forecast.to_dict()
    for issue in d["issues"]:
        for f in issue["forecasts"]:
            expected = f["position"] if f["position"] is not None else f["option"]
            assert frame.loc[issue["id"], f["model"]] == expected
    assert frame.loc["territory", "ensemble"] == 50.616108433734944
    assert frame.loc["security-guarantees", "ensemble"] == "armed-self-defence"
    low = forecast.to_frame("low")
    assert low.loc["territory", "ensemble"] == d["issues"][0]["forecasts"][1]["interval"]["low"]


def test_forecast_frame_keeps_the_issues_order_with_one_model(reference):
    frame = truce.forecast(reference, models=["mean"]).to_frame()
    assert list(frame.index) == reference.issues and list(frame.columns) == ["mean"]
    assert frame.loc["armed-forces", "mean"] == 35.0


def test_fields_are_attributes(forecast):
    assert forecast.mode == "per_issue"
    assert forecast.headline[0] == {"label": "Territory (Ensemble)", "name": "territory.ensemble",
                                    "unit": "position", "value": 50.616108433734944}
    assert forecast.headline_frame().loc["territory.ensemble", "value"] == 50.616108433734944
    with pytest.raises(AttributeError):
        forecast.no_such_field
    assert isinstance(forecast, truce.Result)


def test_simulate_curve_with_its_interval(reference):
    sim = truce.simulate(reference, months=36, runs=2000, seed=1)
    curve = sim.ceasefire_by_month
    assert list(curve.columns) == ["probability", "low", "high"]
    assert list(curve.index) == list(range(37))
    for row in sim.to_dict()["ceasefire_by_month"]:
        assert tuple(curve.loc[row["month"]]) == (row["probability"], row["low"], row["high"])
    assert curve.loc[36, "probability"] == sim.probability_of_ceasefire
    assert sim.to_frame().equals(curve)


def test_space_frontier_frame(reference):
    sp = truce.space(reference, relax=["russia.territory", "ukraine.territory"])
    frame = sp.to_frame()
    assert len(frame) == sp.frontier_size == 376
    first = sp.frontier[0]
    assert frame.index[0] == first["package"]
    for issue, value in first["values"].items():
        assert frame.iloc[0][f"value.{issue}"] == value
    for actor, u in first["utility"].items():
        assert frame.iloc[0][f"utility.{actor}"] == u
    points = sp.points_frame()
    assert list(points.index) == ["nash", "kalai_smorodinsky", "max_welfare"]
    assert points.loc["nash", "package"] == sp.nash["package"]
    blocked = truce.space(reference).blocking_frame()
    assert list(blocked["remove"]) == [", ".join(b["remove"]) for b in truce.space(reference).blocking_sets]


def test_levers_and_what_it_takes_frames(reference):
    lv = truce.levers(reference, target="forecast.territory", methods=["tornado"])
    tornado = lv.to_frame()
    bars = lv.tornado["bars"]
    assert list(tornado.index) == [b["parameter"] for b in bars]
    assert tornado.iloc[0]["swing"] == bars[0]["swing"]
    wt = truce.what_it_takes(reference, goal="forecast.territory <= 50", probes=16)
    frame = wt.to_frame()
    assert list(frame.index) == [l["name"] for l in wt.levers]
    assert frame["closest"].tolist() == [x["value"] for x in wt.closest["levers"]]


def test_an_unknown_analysis_still_gets_a_result_class():
    cls = truce._results.result_class("negotiate")
    assert cls.__name__ == "NegotiateResult" and issubclass(cls, truce.Result)
