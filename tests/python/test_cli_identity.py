"""Every analysis called from Python gives the JSON the CLI prints, byte for byte
(`truce ANALYSIS FILE --format json`), on the reference scenario, a KTAB actor table and a
DEU table; and its complete options are what the run store keeps for the CLI's run."""

import json

import pytest

import truce
from conftest import DEU, KTAB, REFERENCE, cli

# (file, analysis, Python keyword arguments, the same options as CLI flags)
CASES = [
    ("reference", "forecast", {}, []),
    ("reference", "forecast", {"models": ["smp", "ensemble"], "eum": {"q": 1}}, ["--model", "smp", "--model", "ensemble", "--eum-q", "1"]),
    ("reference", "space", {}, []),
    ("reference", "space", {"relax": ["russia.territory", "ukraine.territory"]},
     ["--relax", "russia.territory", "--relax", "ukraine.territory"]),
    ("reference", "simulate", {"runs": 2000, "months": 24, "seed": 7}, ["--runs", "2000", "--months", "24", "--seed", "7"]),
    ("reference", "levers", {"target": "forecast.territory", "samples": 32, "bootstrap": 10},
     ["--target", "forecast.territory", "--samples", "32", "--bootstrap", "10"]),
    ("reference", "what-it-takes", {"goal": "forecast.territory <= 50", "probes": 32},
     ["--goal", "forecast.territory <= 50", "--probes", "32"]),
    ("reference", "policies", {"runs": 2000, "months": 24}, ["--runs", "2000", "--months", "24"]),
    ("reference", "timeline", {"runs": 500}, ["--runs", "500"]),
    ("reference", "negotiate", {"relax": ["russia.territory"], "steps": 50}, ["--relax", "russia.territory", "--steps", "50"]),
    ("ktab", "forecast", {}, []),
    ("ktab", "space", {}, []),
    ("ktab", "levers", {"target": "forecast.ensemble.Policy-Position", "methods": ["tornado"]},
     ["--target", "forecast.ensemble.Policy-Position", "--method", "tornado"]),
    ("ktab", "what-it-takes", {"goal": "forecast.Policy-Position >= 60", "levers": ["position.*"], "probes": 16},
     ["--goal", "forecast.Policy-Position >= 60", "--levers", "position.*", "--probes", "16"]),
    ("deu", "backtest", {"models": ["compromise", "mean"], "folds": 2, "bootstrap": 50},
     ["--model", "compromise", "--model", "mean", "--folds", "2", "--bootstrap", "50"]),
]


def test_every_registered_analysis_has_a_case():
    # a new analysis fails here until it is compared with the CLI too
    assert set(truce.ANALYSES) <= {c[1] for c in CASES}


def _path(which, deu_file):
    return {"reference": REFERENCE, "ktab": KTAB, "deu": deu_file}[which]


@pytest.mark.parametrize("which,analysis,kwargs,flags", CASES,
                         ids=[f"{c[0]}-{c[1]}-{i}" for i, c in enumerate(CASES)])
def test_python_json_is_the_cli_json(which, analysis, kwargs, flags, deu_file, tmp_path):
    path = _path(which, deu_file)
    store = tmp_path / "runs.db"
    expected = cli(analysis, path, *flags, "--format", "json", "--store", store).stdout
    function = getattr(truce, analysis.replace("-", "_"))
    result = function(truce.load(path), **kwargs)
    assert result.to_json() == expected
    assert result.to_dict() == json.loads(expected)
    assert json.dumps(result.to_dict(), indent=2, ensure_ascii=False) + "\n" == \
        json.dumps(json.loads(expected), indent=2, ensure_ascii=False) + "\n"
    # the complete options are the ones the CLI's run recorded
    shown = json.loads(cli("runs", "show", "1", "--store", store, "--format", "json").stdout)
    assert result.options == shown["options"]


def test_truce_run_takes_options_as_data(reference):
    a = truce.run("forecast", reference, {"models": ["mean"], "eum": {"q": 1}})
    b = truce.forecast(reference, models=["mean"], eum={"q": 1})
    assert a.to_json() == b.to_json()
    assert a.options["eum"]["q"] == 1


def test_a_path_or_a_dict_stands_for_a_scenario(reference):
    expected = truce.space(reference).to_json()
    assert truce.space(str(REFERENCE)).to_json() == expected
    assert truce.space(reference.to_dict()).to_json() == expected


def test_threads_do_not_change_the_bytes(reference):
    one = truce.simulate(reference, runs=1500, seed=3, threads=1).to_json()
    assert truce.simulate(reference, runs=1500, seed=3, threads=2).to_json() == one


GENIUS = ["Laptop", "Grocery", "Travel", "EnglandZimbabwe"]


@pytest.mark.parametrize("domain", GENIUS)
@pytest.mark.parametrize("scoring", ["genius", "negmas"])
def test_a_genius_folder_gives_the_cli_space(domain, scoring):
    from conftest import SHARED_DIR

    folder = SHARED_DIR / "data" / "genius" / domain
    if not folder.is_dir():
        pytest.skip(f"needs the shared data folder {folder} (data/README.md)")
    g = truce.load(folder, scoring=scoring)
    files = [g.domain, *g.profiles]
    expected = cli("space", *files, "--scoring", scoring, "--format", "json", "--no-store").stdout
    assert truce.space(g).to_json() == expected
    assert truce.load_genius(g.domain, g.profiles, scoring) is not None
    with pytest.raises(truce.OptionError, match="a GENIUS domain is not a scenario"):
        truce.forecast(g)
