"""One Python function per registered analysis, made from the registry and its option table.

Nothing here knows an analysis's options: each function's keyword arguments, defaults and
docstring come from the option table's JSON Schema (`truce schema NAME`), and the options go
to the engine as the JSON object the table parses, so validation and its messages are the
CLI's. New analyses appear here without a change.
"""

from __future__ import annotations

import json
import keyword
import os
import warnings
from typing import Any, Callable, Dict, List, Optional, Tuple

from . import _truce
from ._errors import OptionError, StoreWarning
from ._results import result_class
from ._scenario import Genius, _plain, as_scenario


def python_name(option: str) -> str:
    """An option's keyword: dots and dashes become underscores ("eum.q" -> "eum_q"); a
    Python keyword gets a trailing underscore ("lambda" -> "lambda_")."""
    name = option.replace(".", "_").replace("-", "_")
    return name + "_" if keyword.iskeyword(name) else name


class AnalysisInfo:
    """What the registry says of one analysis: its name, one line, and its options."""

    def __init__(self, name: str, description: str, schema_json: str):
        self.name = name
        self.description = description
        self.schema: Dict[str, Any] = json.loads(schema_json)
        props = self.schema.get("properties", {})
        self.required = set(self.schema.get("required", []))
        # keyword -> (option name, its schema)
        self.keywords: Dict[str, Tuple[str, Dict[str, Any]]] = {
            python_name(k): (k, v) for k, v in props.items()
        }

    @property
    def function_name(self) -> str:
        return python_name(self.name)


def _accepts(spec: Dict[str, Any]) -> str:
    """What an option accepts, from its schema, in one phrase."""
    t = spec.get("type")
    if "enum" in spec:
        return "one of " + ", ".join(json.dumps(c) for c in spec["enum"])
    if t == "array":
        items = spec.get("items", {})
        if "enum" in items:
            return "a list of " + ", ".join(json.dumps(c) for c in items["enum"])
        return f"a list of {items.get('type', 'values')}s"
    bounds = []
    for key, word in (("minimum", ">="), ("exclusiveMinimum", ">"), ("maximum", "<="), ("exclusiveMaximum", "<")):
        if key in spec:
            bounds.append(f"{word} {spec[key]:g}" if isinstance(spec[key], (int, float)) else f"{word} {spec[key]}")
    kind = {"integer": "a whole number", "number": "a number", "boolean": "True or False",
            "string": "a string", "object": "a dict"}.get(t if isinstance(t, str) else "", "a value")
    return kind + (" " + ", ".join(bounds) if bounds else "")


def _docstring(info: AnalysisInfo) -> str:
    lines = [f"{info.description}.", "",
             f"The `truce {info.name}` analysis, run through the engine's registry: the keyword",
             "arguments are its options (the CLI's flags; `truce schema " + info.name + "`), checked",
             "by the same option table with the same messages (truce.OptionError).", "",
             "Parameters", "----------",
             "scenario : truce.Scenario, a path, or a dict in the scenario format"]
    for kw, (name, spec) in info.keywords.items():
        alias = f" (option '{name}')" if kw != name else ""
        lines.append(f"{kw} : {_accepts(spec)}{alias}")
        desc = spec.get("description", "")
        desc = desc if desc.endswith(".") else desc + "."
        if name in info.required:
            lines.append(f"    {desc} Required.")
        elif "default" in spec:
            lines.append(f"    {desc} Default: {json.dumps(spec['default'])}.")
        else:
            lines.append(f"    {desc}")
        if spec.get("type") == "object" and "properties" in spec:
            for sub, subspec in spec["properties"].items():
                lines.append(f"    - {sub}: {subspec.get('description', '')} ({_accepts(subspec)}; "
                             f"default {json.dumps(subspec.get('default'))})")
    lines += ["store : str or path, True, optional",
              "    Record the run in this run store (SQLite, as `truce ... --store PATH`); True: the",
              "    CLI's default store ($XDG_DATA_HOME/truce/runs.db, else ~/.local/share/truce/runs.db).",
              "", "Returns", "-------",
              f"{result_class(info.name).__name__}: .to_dict() is the JSON `truce {info.name} --format json` prints,",
              "    .to_frame() a pandas DataFrame."]
    return "\n".join(lines)


def store_path(store) -> Optional[str]:
    """store=: a path, True for the CLI's default store, None/False for none."""
    if store is None or store is False:
        return None
    if store is True:
        path = _truce.default_store_path()
        if path is None:
            raise OptionError("store: no place for the run store: neither XDG_DATA_HOME nor HOME is an absolute "
                              "folder; pass store=PATH")
        return path
    return os.fspath(store)


def _run(info: AnalysisInfo, scenario, kwargs: Dict[str, Any], store):
    given = {info.keywords[kw][0]: value for kw, value in kwargs.items()}
    try:
        options_json = json.dumps(_plain(given), allow_nan=False)
    except (TypeError, ValueError) as e:
        raise OptionError(f"{info.name} options: {e}") from None
    sc = as_scenario(scenario)
    if isinstance(sc, Genius):
        return _genius_space(info, sc, options_json, store)
    run = _truce.run(info.name, sc._native, options_json, store_path(store))
    if run.store_error:
        warnings.warn(f"the run was not stored: {run.store_error}", StoreWarning, stacklevel=3)
    return result_class(info.name)(run, sc)


class _Default:
    """A keyword's default as the option table declares it: shown in the signature as the
    value, and not sent, so the table applies its own default."""

    __slots__ = ("value",)

    def __init__(self, value: Any):
        self.value = value

    def __repr__(self) -> str:
        return repr(self.value)


class _Required:
    __slots__ = ()

    def __repr__(self) -> str:
        return "<required>"


def _default_of(spec: Dict[str, Any]) -> Any:
    """An option's default; a group's is the dict of its fields' defaults."""
    if "default" in spec:
        return spec["default"]
    if spec.get("type") == "object" and "properties" in spec:
        return {k: _default_of(v) for k, v in spec["properties"].items()}
    return None


def _genius_space(info: AnalysisInfo, g: Genius, options_json: str, store):
    """A GENIUS domain goes to the space analysis as `truce space DOMAIN PROFILE...` sends it
    (the run store records scenarios only, as on the command line)."""
    if info.name != "space":
        raise OptionError(f"{info.name}: a GENIUS domain is not a scenario; only space analyses it")
    if store_path(store) is not None:
        raise OptionError("space: GENIUS domains are not recorded in the run store (it records scenarios)")
    return result_class("space")(_truce.space_of_genius(g._native, options_json), g)


def make_function(info: AnalysisInfo) -> Callable[..., Any]:
    """A real function with the options as keyword-only parameters (so help(), editors and
    inspect.signature show them), generated as source: inspect is too slow to import."""
    defaults: Dict[str, Any] = {}
    params = []
    for kw, (name, spec) in info.keywords.items():
        defaults[kw] = _Required() if name in info.required else _Default(_default_of(spec))
        params.append(f"{kw}=_defaults[{kw!r}]")
    has_store = "store" not in info.keywords
    if has_store:
        params.append("store=None")
    fname = info.function_name
    passed = ", ".join(f"{kw!r}: {kw}" for kw in info.keywords)
    src = (f"def {fname}(scenario, /, *, {', '.join(params)}):\n"
           f"    return _call(_info, scenario, {{{passed}}}, {'store' if has_store else 'None'})\n")
    namespace: Dict[str, Any] = {"_defaults": defaults, "_info": info, "_call": _call}
    exec(compile(src, f"<truce.{fname}>", "exec"), namespace)
    f = namespace[fname]
    f.__doc__ = _docstring(info)
    f.__module__ = "truce"
    f.__qualname__ = fname
    f.analysis = info
    return f


def _call(info: AnalysisInfo, scenario, given: Dict[str, Any], store):
    missing = [info.keywords[kw][0] for kw, v in given.items() if isinstance(v, _Required)]
    if missing:
        raise OptionError(f"{info.name} option '{missing[0]}': required")
    return _run(info, scenario, {kw: v for kw, v in given.items() if not isinstance(v, _Default)}, store)


def registered() -> List[AnalysisInfo]:
    return [AnalysisInfo(*a) for a in _truce.analyses()]
