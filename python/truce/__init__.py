"""truce: multi-party, multi-issue negotiations from Python (docs/python.md).

    import truce
    sc = truce.load("scenarios/ukraine-ceasefire-2025.yaml")
    fc = truce.forecast(sc, models=["smp", "ensemble"])
    fc.to_frame()                       # issue x model
    sim = truce.simulate(sc, months=36, runs=10_000, seed=1)
    sim.ceasefire_by_month.plot()       # P(ceasefire by month) with its interval columns
    sc2 = sc.with_changes({"red_line_min.russia.territory": 50})
    truce.compare(sc, sc2)

Every analysis the CLI has is a function here, made from the engine's registry: its keyword
arguments are the analysis's options (the CLI's flags, dots and dashes as underscores), with
the same defaults, checks and messages. Results give .to_dict() (exactly the JSON `truce
ANALYSIS --format json` prints) and .to_frame() (pandas).
"""

from __future__ import annotations

import json as _json
import os as _os
from typing import Any, Dict, List, Optional

from ._errors import (AnalysisError, Diagnostic, OptionError, ScenarioError, StoreWarning,
                      TruceError, WorkTooLarge)
from . import _truce
from ._scenario import Genius, Scenario, load, load_genius, as_scenario as _as_scenario
from ._results import Result, result_class as _result_class
from . import _analyses
from ._compare import Comparison, compare

__version__: str = _truce.version

_registry = {info.name: info for info in _analyses.registered()}

#: Names of the registered analyses, in the registry's order ("forecast", "space", ...).
ANALYSES: List[str] = list(_registry)

for _info in _registry.values():
    globals()[_info.function_name] = _analyses.make_function(_info)
del _info


def run(analysis: str, scenario, options: Optional[Dict[str, Any]] = None, *, store=None) -> Result:
    """Runs an analysis by name with its options as the JSON object the option table reads
    (option names as in `truce schema ANALYSIS`, e.g. {"eum": {"q": 1}}): what the generated
    functions do, for code that holds options as data."""
    if analysis not in _registry:
        raise ValueError(f"no analysis named '{analysis}'; expected one of {', '.join(ANALYSES)}")
    info = _registry[analysis]
    text = _json.dumps(options or {}, allow_nan=False)
    sc = _as_scenario(scenario)
    if isinstance(sc, Genius):
        return _analyses._genius_space(info, sc, text, store)
    native = _truce.run(info.name, sc._native, text, _analyses.store_path(store))
    if native.store_error:
        import warnings

        warnings.warn(f"the run was not stored: {native.store_error}", StoreWarning, stacklevel=2)
    return _result_class(analysis)(native, sc)


def schema(analysis: str) -> Dict[str, Any]:
    """The JSON Schema of an analysis's options, as `truce schema ANALYSIS` prints it."""
    return _json.loads(_json.dumps(_registry[analysis].schema))


def set_work_budget(seconds: float) -> None:
    """Refuse work estimated to take longer than this many seconds (0 = no limit; default
    600), as `--budget` does on the command line: truce.WorkTooLarge says what to shrink."""
    _truce.set_work_budget_seconds(float(seconds))


def work_budget() -> float:
    """The current work budget in seconds (0 = no limit)."""
    return _truce.work_budget_seconds()


__all__ = ["load", "Scenario", "load_genius", "Genius", "run", "schema", "compare", "Comparison", "Result", "ANALYSES",
           "set_work_budget", "work_budget", "TruceError", "ScenarioError", "Diagnostic",
           "OptionError", "WorkTooLarge", "AnalysisError", "StoreWarning"] + \
          [i.function_name for i in _registry.values()]
