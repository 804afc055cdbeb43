"""Typed results: one class per analysis, each over the engine's JSON of its typed result.

`to_json()` is the text `truce ANALYSIS --format json` prints, byte for byte (made by the
engine's to_json, when first asked for); `to_dict()` its parse; the result's top-level JSON
fields are attributes (`fc.issues`, `sim.probability_of_ceasefire`); `to_frame()` a pandas
DataFrame. pandas is imported only when a frame is asked for.
"""

from __future__ import annotations

import json
from typing import Any, Dict, List, Optional, Type


class Result:
    """The result of one analysis run."""

    analysis: str = ""

    def __init__(self, run, scenario):
        self._run = run
        self._data: Optional[Dict[str, Any]] = None
        #: the scenario it was run on
        self.scenario = scenario

    # -- the JSON the CLI prints -------------------------------------------------------------
    def to_json(self) -> str:
        """Exactly what `truce ANALYSIS FILE --format json` prints (indent 2, final newline)."""
        return self._run.json

    def to_dict(self) -> Dict[str, Any]:
        """The result as `truce ANALYSIS --format json` prints it, parsed (a new dict)."""
        return json.loads(self._run.json)

    def _dict(self) -> Dict[str, Any]:
        if self._data is None:
            self._data = json.loads(self._run.json)
        return self._data

    @property
    def options(self) -> Dict[str, Any]:
        """The complete options, every default written out, as the run store keeps them."""
        return json.loads(self._run.options_json)

    @property
    def headline(self) -> List[Dict[str, Any]]:
        """The headline figures (name, label, value, unit) `truce runs list` shows."""
        return self._dict().get("headline", [])

    @property
    def run_id(self) -> Optional[int]:
        """The run's id in the run store when it was recorded (store=), else None."""
        return self._run.run_id

    @property
    def elapsed(self) -> float:
        """Seconds the engine worked on this run (options, analysis; not the JSON)."""
        return (self._run.finished_ns - self._run.started_ns) * 1e-9

    @property
    def engine_interval(self) -> tuple:
        """(start, end) of the engine's work, in nanoseconds of the steady clock: which calls
        ran at the same time (they run without the GIL)."""
        return (self._run.started_ns, self._run.finished_ns)

    def __getattr__(self, key: str) -> Any:
        if key.startswith("_"):
            raise AttributeError(key)
        d = self._dict()
        if key in d:
            return d[key]
        raise AttributeError(f"{type(self).__name__} has no field '{key}'; fields: {', '.join(d)}")

    def __dir__(self):
        return sorted(set(super().__dir__()) | set(self._dict()))

    def __repr__(self) -> str:
        figures = "; ".join(f"{f['label']}: {_value_text(f.get('value'), f.get('unit', ''))}" for f in self.headline[:3])
        return f"<truce.{type(self).__name__}: {figures}>"

    # -- frames ------------------------------------------------------------------------------
    def headline_frame(self):
        """The headline figures as a DataFrame indexed by name (label, value, unit)."""
        import pandas as pd

        return pd.DataFrame(self.headline, columns=["name", "label", "value", "unit"]).set_index("name")

    def to_frame(self):
        """A pandas DataFrame of the result; here, its headline figures."""
        return self.headline_frame()


def _value_text(v: Any, unit: str) -> str:
    if isinstance(v, bool):
        return "yes" if v else "no"
    if v is None:
        return "n/a"
    if isinstance(v, float) and unit == "probability":
        return f"{100 * v:.1f}%"
    if isinstance(v, float):
        return f"{v:.4g}" + (f" {unit}" if unit and unit not in ("position",) else "")
    return str(v)


class ForecastResult(Result):
    """`truce forecast`: where each issue settles under each model."""

    analysis = "forecast"

    def to_frame(self, value: str = "forecast"):
        """Issue x model. `value`: "forecast" (the position on a scale issue, the option on an
        options issue), "position", "option", or "low"/"high" (the interval, where given)."""
        import pandas as pd

        rows: Dict[str, Dict[str, Any]] = {}
        models: List[str] = []
        for issue in self._dict()["issues"]:
            row: Dict[str, Any] = {}
            for f in issue["forecasts"]:
                m = f["model"]
                if m not in models:
                    models.append(m)
                if value == "forecast":
                    row[m] = f.get("position") if f.get("position") is not None else f.get("option")
                elif value in ("low", "high"):
                    row[m] = (f.get("interval") or {}).get(value)
                else:
                    row[m] = f.get(value)
            rows[issue["id"]] = row
        # in the issues' order (from_dict would sort them when every forecast is a number)
        frame = pd.DataFrame(list(rows.values()), index=pd.Index(list(rows), name="issue"), columns=models)
        frame.columns.name = "model"
        return frame


class SimulateResult(Result):
    """`truce simulate`: bargaining while fighting, P(ceasefire) by month."""

    analysis = "simulate"

    @property
    def ceasefire_by_month(self):
        """P(ceasefire by month) with its 95% interval: a DataFrame indexed by month with
        columns probability, low, high (`.plot()` draws the curve and its band's ends)."""
        import pandas as pd

        frame = pd.DataFrame(self._dict()["ceasefire_by_month"], columns=["month", "probability", "low", "high"])
        return frame.set_index("month")

    def to_frame(self):
        """The ceasefire_by_month frame."""
        return self.ceasefire_by_month


class SpaceResult(Result):
    """`truce space`: packages, ZOPA, Pareto frontier, bargaining points, blocking red lines."""

    analysis = "space"

    @staticmethod
    def _packages(items: List[Dict[str, Any]]):
        import pandas as pd

        rows = []
        for p in items:
            row = {"package": p.get("package"), "in_zopa": p.get("in_zopa")}
            row.update({f"value.{k}": v for k, v in (p.get("values") or {}).items()})
            row.update({f"utility.{k}": v for k, v in (p.get("utility") or {}).items()})
            rows.append(row)
        frame = pd.DataFrame(rows, columns=None if rows else ["package", "in_zopa"])
        return frame.set_index("package")

    def to_frame(self):
        """The Pareto frontier: one row per package (indexed by package number), its value on
        each issue (value.ISSUE) and each actor's utility (utility.ACTOR)."""
        return self._packages(self._dict()["frontier"])

    def points_frame(self):
        """The Nash, Kalai-Smorodinsky and max-welfare packages (where they exist), by point."""
        import pandas as pd

        d = self._dict()
        names = [n for n in ("nash", "kalai_smorodinsky", "max_welfare") if d.get(n)]
        frame = self._packages([d[n] for n in names]).reset_index()
        frame.index = pd.Index(names, name="point")
        return frame

    def blocking_frame(self):
        """The smallest sets of constraints whose removal opens a deal: the constraints
        removed and the package that then opens."""
        import pandas as pd

        return pd.DataFrame([{"remove": ", ".join(b["remove"]), "nash_product": b.get("nash_product"),
                              "package": (b.get("opens") or {}).get("package")}
                             for b in self._dict().get("blocking_sets", [])],
                            columns=["remove", "nash_product", "package"])


class LeversResult(Result):
    """`truce levers`: which inputs move an outcome."""

    analysis = "levers"

    def to_frame(self):
        """The tornado table: one row per parameter (by rank), its range and output at each end."""
        import pandas as pd

        bars = (self._dict().get("tornado") or {}).get("bars", [])
        return pd.DataFrame(bars).set_index("parameter") if bars else pd.DataFrame()

    def sobol_frame(self):
        """Sobol indices with their intervals, one row per parameter."""
        import pandas as pd

        rows = (self._dict().get("sobol") or {}).get("indices", [])
        return pd.DataFrame(rows).set_index("parameter") if rows else pd.DataFrame()


class WhatItTakesResult(Result):
    """`truce what-it-takes`: the smallest change of some levers that reaches a goal."""

    analysis = "what-it-takes"

    def to_frame(self):
        """The levers: range, base, and the change found (or the closest point)."""
        import pandas as pd

        d = self._dict()
        levers = pd.DataFrame(d.get("levers", []))
        if levers.empty:
            return levers
        levers = levers.set_index("name")
        for key in ("change", "closest"):
            found = d.get(key)
            if isinstance(found, dict) and "levers" in found:
                levers[key] = pd.Series({x["lever"]: x["value"] for x in found["levers"]})
        return levers


class BacktestResult(Result):
    """`truce backtest`: every forecast model scored on past decisions."""

    analysis = "backtest"

    def to_frame(self):
        """One row per model with its scores."""
        import pandas as pd

        d = self._dict()
        models = d.get("models") or d.get("scores") or []
        if isinstance(models, list) and models and isinstance(models[0], dict):
            flat = pd.json_normalize(models)
            key = "model" if "model" in flat.columns else flat.columns[0]
            return flat.set_index(key)
        return self.headline_frame()


_CLASSES: Dict[str, Type[Result]] = {c.analysis: c for c in
                                     (ForecastResult, SimulateResult, SpaceResult, LeversResult, WhatItTakesResult,
                                      BacktestResult)}


def result_class(analysis: str) -> Type[Result]:
    """The result class of an analysis (Result itself for one added since this module was
    written: its JSON, attributes and headline work all the same)."""
    c = _CLASSES.get(analysis)
    if c is None:
        c = type("".join(w.capitalize() for w in analysis.replace("-", "_").split("_")) + "Result", (Result,),
                 {"analysis": analysis, "__doc__": f"`truce {analysis}`."})
        _CLASSES[analysis] = c
    return c
