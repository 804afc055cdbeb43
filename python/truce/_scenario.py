"""Scenarios: loaded by the CLI's loader, built from dicts, changed by parameter name."""

from __future__ import annotations

import json
import os
from typing import Any, Dict, Iterable, List, Mapping, Optional, Union

from . import _truce

PathLike = Union[str, "os.PathLike[str]"]


class Scenario:
    """A validated, immutable scenario, as `truce` loads it.

    Make one with `truce.load(path)` (any format the CLI reads), `Scenario.from_dict(d)` (the
    canonical form `truce show --format json` prints) or `sc.with_changes({...})`.
    """

    __slots__ = ("_native",)

    def __init__(self, native: "_truce.Scenario"):
        self._native = native

    # -- what it is ----------------------------------------------------------------------
    @property
    def path(self) -> Optional[str]:
        """The file it was loaded from (None when built in Python or changed)."""
        return self._native.path or None

    @property
    def id(self) -> str:
        return self._native.id

    @property
    def name(self) -> str:
        return self._native.name

    @property
    def actors(self) -> List[str]:
        """Actor ids, in the scenario's order."""
        return list(self._native.actor_ids)

    @property
    def issues(self) -> List[str]:
        """Issue ids, in the scenario's order."""
        return list(self._native.issue_ids)

    @property
    def has_dynamics(self) -> bool:
        """Whether it has a dynamics section (what `simulate` needs)."""
        return self._native.has_dynamics

    def applies(self, analysis: str) -> bool:
        """Whether the analysis has anything to say about this scenario (e.g. backtest needs
        issues with known outcomes)."""
        return self._native.applies(analysis)

    def __eq__(self, other: object) -> bool:
        """Equal canonical forms: what the run store identifies a scenario by (a loader's
        notes, which the canonical form leaves out, do not count)."""
        return isinstance(other, Scenario) and self.to_json() == other.to_json()

    def __hash__(self) -> int:
        return hash(self.to_json())

    def __repr__(self) -> str:
        where = f" from {self.path}" if self.path else ""
        return (f"<truce.Scenario {self.id!r}{where}: {len(self.actors)} actors, "
                f"{len(self.issues)} issues>")

    # -- the canonical form ----------------------------------------------------------------
    def to_json(self) -> str:
        """The canonical JSON text, byte for byte what `truce show --format json` prints."""
        return self._native.canonical_json()

    def to_dict(self) -> Dict[str, Any]:
        """The canonical form as a dict (every default written out, named points resolved)."""
        return json.loads(self.to_json())

    @classmethod
    def from_dict(cls, data: Mapping[str, Any], name: str = "<dict>") -> "Scenario":
        """A scenario from a dict in the scenario format (the canonical form, or what a YAML
        scenario file holds), checked by the scenario loader: problems raise
        truce.ScenarioError located in the JSON text of `data` (named `name`)."""
        text = json.dumps(_plain(data), indent=2, ensure_ascii=False, allow_nan=False)
        return cls(_truce.scenario_from_text(text, name))

    @classmethod
    def from_text(cls, text: str, name: str = "<text>") -> "Scenario":
        """A scenario from the text of a YAML or JSON scenario file."""
        return cls(_truce.scenario_from_text(text, name))

    def write(self, path: PathLike) -> None:
        """Writes the canonical form: JSON for .json, YAML for .yaml/.yml (both load back with
        truce.load and `truce validate` to an equal scenario)."""
        path = os.fspath(path)
        ext = os.path.splitext(path)[1].lower()
        if ext == ".json":
            text = self.to_json()
        elif ext in (".yaml", ".yml"):
            import yaml  # Debian's python3-yaml; only needed to write YAML

            text = yaml.safe_dump(self.to_dict(), sort_keys=False, allow_unicode=True, width=100)
        else:
            raise ValueError(f"{path}: expected a .json, .yaml or .yml file name")
        with open(path, "w", encoding="utf-8") as f:
            f.write(text)

    def stances_frame(self):
        """The stances as a pandas DataFrame, one row per (actor, issue), the columns of the
        canonical form's stances (evidence and revisions as lists)."""
        import pandas as pd

        return pd.DataFrame(self.to_dict()["stances"])

    def with_stances(self, frame) -> "Scenario":
        """A copy with its stances replaced by the rows of a DataFrame shaped as
        stances_frame() returns it (checked by the loader like any scenario)."""
        data = self.to_dict()
        data["stances"] = _records(frame)
        return Scenario.from_dict(data, name="<stances frame>")

    # -- what-ifs --------------------------------------------------------------------------
    def parameters(self):
        """Every number with_changes can set, as `truce levers --list-parameters` names them:
        a DataFrame indexed by name with form, description, unit, value, min, max."""
        import pandas as pd

        return pd.DataFrame(self._native.settable_parameters()).set_index("name")

    def with_changes(self, changes: Union[Mapping[str, float], Iterable]) -> "Scenario":
        """An immutable copy with numbers changed, each named as `truce levers
        --list-parameters` names it, e.g. {"red_line_min.russia.territory": 50,
        "salience.ukraine.territory": 0.9}. A name the scenario lacks or a value outside the
        number's natural range raises truce.OptionError naming it."""
        items = changes.items() if isinstance(changes, Mapping) else changes
        return Scenario(self._native.with_parameter_values([(str(k), float(v)) for k, v in items]))


class Genius:
    """A GENIUS (ANAC) negotiation domain with one utility profile per party: not a scenario
    (no sources, no red lines), so only `truce.space` takes it, as `truce space DOMAIN.xml
    PROFILE.xml ...` does. Made by truce.load(FOLDER) or truce.load_genius(...)."""

    __slots__ = ("_native",)

    def __init__(self, native: "_truce.Genius"):
        self._native = native

    @property
    def domain(self) -> str:
        return self._native.domain_path

    @property
    def profiles(self) -> List[str]:
        return list(self._native.profile_paths)

    @property
    def scoring(self) -> str:
        return self._native.scoring

    @property
    def actors(self) -> List[str]:
        """One per profile: the profile's file name without .xml."""
        return list(self._native.actor_ids)

    def __repr__(self) -> str:
        return (f"<truce.Genius {self.domain}: {len(self.actors)} profiles, "
                f"{self._native.packages:.0f} packages, {self.scoring} scoring>")


def load_genius(domain: PathLike, profiles: Iterable[PathLike], scoring: str = "genius") -> Genius:
    """A GENIUS domain and its utility profiles (`scoring`: "genius", normalised as GENIUS does,
    or "negmas", raw as NegMAS does; the CLI's --scoring). Problems in any of the files raise
    truce.ScenarioError with every location."""
    return Genius(_truce.load_genius(os.fspath(domain), [os.fspath(p) for p in profiles], scoring))


def _genius_folder(folder: str, scoring: str) -> Genius:
    """The domain of a GENIUS folder is its XML file whose root is <negotiation_template>; the
    other XML files are the profiles, in name order."""
    xml = sorted(os.path.join(folder, n) for n in os.listdir(folder) if n.lower().endswith(".xml"))
    domains = []
    for path in xml:
        with open(path, "rb") as f:
            if b"<negotiation_template" in f.read(4096):
                domains.append(path)
    if len(domains) != 1:
        raise ValueError(f"{folder}: expected one GENIUS domain (an XML file whose root is <negotiation_template>), "
                         f"found {len(domains)}")
    return load_genius(domains[0], [p for p in xml if p != domains[0]], scoring)


def load(path: PathLike, *, scoring: str = "genius") -> Union[Scenario, Genius]:
    """Loads a scenario file as the CLI does: YAML/JSON scenarios, KTAB actor tables, BDM and
    DEU tables (.csv), Decide files. Problems raise truce.ScenarioError with their locations.
    A folder is read as a GENIUS domain with its profiles (see Genius; `scoring` as in
    load_genius)."""
    path = os.fspath(path)
    if os.path.isdir(path):
        return _genius_folder(path, scoring)
    return Scenario(_truce.load(path))


def as_scenario(value: Union[Scenario, "Genius", PathLike, Mapping[str, Any]]):
    if isinstance(value, (Scenario, Genius)):
        return value
    if isinstance(value, Mapping):
        return Scenario.from_dict(value)
    return load(value)


def _plain(value: Any) -> Any:
    """Values JSON can carry (numpy scalars and arrays, pandas' missing values, tuples)."""
    if isinstance(value, Mapping):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if hasattr(value, "tolist") and not isinstance(value, (str, bytes)):
        return _plain(value.tolist())
    if hasattr(value, "item") and not isinstance(value, (str, bytes)):
        return value.item()
    return value


def _missing(v: Any) -> bool:
    """A cell a DataFrame filled for a row without the column (NaN / None)."""
    if v is None:
        return True
    return isinstance(v, float) and v != v


def _records(frame) -> List[Dict[str, Any]]:
    return [_plain({k: v for k, v in r.items() if not _missing(v)}) for r in frame.to_dict(orient="records")]
