"""Options: keyword arguments generated from the option tables, with the CLI's defaults, and
refused with the CLI's message (the same table checks both)."""

import inspect
import json

import pytest

import truce
from conftest import REFERENCE, cli


def _refusal(analysis, *flags):
    """The message the CLI prints for refused options, without its "truce ANALYSIS: " prefix."""
    p = cli(analysis, REFERENCE, *flags, "--no-store", check=False)
    assert p.returncode == 2, p.stderr
    prefix = f"truce {analysis}: "
    assert p.stderr.startswith(prefix)
    return p.stderr[len(prefix):].rstrip("\n")


@pytest.mark.parametrize("analysis,kwargs,flags", [
    ("simulate", {"runs": 0}, ["--runs", "0"]),
    ("simulate", {"months": 5000}, ["--months", "5000"]),
    ("forecast", {"eum": {"q": 2.0}}, ["--eum-q", "2"]),
    ("space", {"kalai": "foo"}, ["--kalai", "foo"]),
    ("forecast", {"models": ["nope"]}, ["--model", "nope"]),
])
def test_refused_with_the_cli_message(reference, analysis, kwargs, flags):
    expected = _refusal(analysis, *flags)
    with pytest.raises(truce.OptionError) as e:
        getattr(truce, analysis)(reference, **kwargs)
    assert str(e.value) == expected


def test_an_unknown_option_is_named_with_the_known_ones(reference):
    with pytest.raises(truce.OptionError) as e:
        truce.run("simulate", reference, {"runz": 3})
    assert str(e.value) == "simulate option 'runz': no such option; expected one of months, runs, seed, threads"
    with pytest.raises(TypeError):
        truce.simulate(reference, runz=3)


def test_a_required_option_is_required(reference):
    with pytest.raises(truce.OptionError, match=r"^levers option 'target': required$"):
        truce.levers(reference)


def test_keywords_and_defaults_are_the_schema_the_cli_prints():
    for analysis in truce.ANALYSES:
        schema = json.loads(cli("schema", analysis).stdout)
        assert truce.schema(analysis) == schema
        sig = inspect.signature(getattr(truce, analysis.replace("-", "_")))
        params = dict(sig.parameters)
        assert list(params)[0] == "scenario" and list(params)[-1] == "store"
        for name, spec in schema["properties"].items():
            p = params[name.replace(".", "_").replace("-", "_")]
            assert p.kind is inspect.Parameter.KEYWORD_ONLY
            if name in schema.get("required", []):
                assert repr(p.default) == "<required>"
            elif "default" in spec:
                assert p.default.value == spec["default"]
        assert len(params) == len(schema["properties"]) + 2


def test_docstrings_carry_the_field_descriptions():
    schema = truce.schema("simulate")
    for name, spec in schema["properties"].items():
        assert f"{name} : " in truce.simulate.__doc__
        assert spec["description"] in truce.simulate.__doc__


def test_simulate_without_a_dynamics_section_is_refused(ktab):
    with pytest.raises(truce.OptionError, match="expected a scenario with a dynamics section"):
        truce.simulate(ktab)


def test_work_over_the_budget_is_refused_before_it_starts(reference):
    before = truce.work_budget()
    try:
        truce.set_work_budget(0.001)
        with pytest.raises(truce.WorkTooLarge, match="runs"):
            truce.simulate(reference, runs=10_000_000)
    finally:
        truce.set_work_budget(before)
