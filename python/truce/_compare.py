"""truce.compare: two scenarios side by side, their differing inputs and headline figures.

A thin layer over the engine's own comparison of JSON documents (the run store's
json_differences and headline_moves, which `truce runs diff` uses): inputs are compared on the
canonical form, figures by their declared headline names.
"""

from __future__ import annotations

import json
from typing import Any, Dict, Iterable, List, Optional, Sequence

from . import _truce
from ._errors import AnalysisError, OptionError
from ._scenario import Scenario, as_scenario


class Comparison:
    """What differs between two scenarios: `inputs` (one row per changed input, by JSON
    Pointer path into the canonical form: before, after) and `figures` (one row per headline
    figure of each analysis run: analysis, name, label, unit, before, after, change)."""

    def __init__(self, a: Scenario, b: Scenario, inputs: List[Dict[str, Any]], figures: List[Dict[str, Any]],
                 results: Dict[str, tuple]):
        self.a, self.b = a, b
        self._inputs, self._figures = inputs, figures
        #: analysis -> (result for a, result for b)
        self.results = results
        #: analysis -> why it was left out
        self.skipped: Dict[str, str] = {}

    @property
    def inputs(self):
        import pandas as pd

        return pd.DataFrame(self._inputs, columns=["path", "before", "after"])

    @property
    def figures(self):
        import pandas as pd

        return pd.DataFrame(self._figures, columns=["analysis", "name", "label", "unit", "before", "after", "change"])

    def to_dict(self) -> Dict[str, Any]:
        return {"inputs": self._inputs, "figures": self._figures}

    def to_frame(self):
        return self.figures

    def __repr__(self) -> str:
        lines = [f"{len(self._inputs)} input(s) differ:"]
        lines += [f"  {r['path']}: {json.dumps(r['before'])} -> {json.dumps(r['after'])}" for r in self._inputs[:20]]
        if len(self._inputs) > 20:
            lines.append(f"  ... and {len(self._inputs) - 20} more")
        for r in self._figures:
            lines.append(f"{r['analysis']}: {r['label']}: {json.dumps(r['before'])} -> {json.dumps(r['after'])}")
        return "\n".join(lines)

    def _repr_html_(self) -> str:
        return self.inputs.to_html(index=False) + self.figures.to_html(index=False)


def _loads(text: Optional[str]) -> Any:
    return None if text is None else json.loads(text)


def compare(a, b, analyses: Sequence[str] = ("forecast", "space"),
            options: Optional[Dict[str, Dict[str, Any]]] = None) -> Comparison:
    """Compares two scenarios: the inputs that differ (canonical form, by JSON Pointer path),
    and the headline figures of each analysis in `analyses` run on both with the same
    options (`options`: analysis -> its options as truce.run takes them). Analyses that do
    not apply to both scenarios, or refuse one of them (simulate without a dynamics section),
    are left out and named with the reason in `.skipped`."""
    from . import run

    a, b = as_scenario(a), as_scenario(b)
    inputs = [{"path": p, "before": _loads(x), "after": _loads(y)}
              for p, x, y in _truce.json_differences(a.to_json(), b.to_json())]
    figures: List[Dict[str, Any]] = []
    results: Dict[str, tuple] = {}
    skipped: Dict[str, str] = {}
    for name in analyses:
        if not (a.applies(name) and b.applies(name)):
            continue
        o = (options or {}).get(name, {})
        try:
            ra, rb = run(name, a, o), run(name, b, o)
        except (OptionError, AnalysisError) as e:  # e.g. simulate without a dynamics section
            skipped[name] = str(e)
            continue
        results[name] = (ra, rb)
        for fname, label, unit, x, y in _truce.headline_moves(ra.to_json(), rb.to_json()):
            before, after = _loads(x), _loads(y)
            change = after - before if isinstance(before, (int, float)) and isinstance(after, (int, float)) \
                and not isinstance(before, bool) and not isinstance(after, bool) else None
            figures.append({"analysis": name, "name": fname, "label": label, "unit": unit,
                            "before": before, "after": after, "change": change})
    c = Comparison(a, b, inputs, figures, results)
    c.skipped = skipped
    return c
