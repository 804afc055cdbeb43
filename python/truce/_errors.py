"""The exceptions truce raises (the native module raises them by these names)."""

from __future__ import annotations

from typing import List, NamedTuple


class Diagnostic(NamedTuple):
    """One problem found in an input file, located as `truce validate` prints it."""

    file: str
    line: int  # 1-based; 0 when the problem is the whole file
    column: int  # 1-based; 0 when unknown
    message: str  # what was expected and what was found

    def __str__(self) -> str:
        if self.line <= 0:
            return f"{self.file}: error: {self.message}"
        if self.column <= 0:
            return f"{self.file}:{self.line}: error: {self.message}"
        return f"{self.file}:{self.line}:{self.column}: error: {self.message}"


class TruceError(Exception):
    """Base class of every error truce raises."""


class ScenarioError(TruceError, ValueError):
    """A scenario that does not load: `str(e)` is what `truce validate` prints on stderr
    (every located problem, then "FILE: N problems found; nothing was loaded");
    `e.diagnostics` the problems (file, line, column, message); `e.omitted` how many more
    were found than kept."""

    def __init__(self, text: str, diagnostics: List[Diagnostic] = (), omitted: int = 0):
        super().__init__(text)
        self.diagnostics: List[Diagnostic] = list(diagnostics)
        self.omitted: int = omitted


class OptionError(TruceError, ValueError):
    """Options an analysis refuses, worded as the CLI words them, e.g.
    "simulate option 'runs': expected a whole number from 1 to 10000000, found 0"."""


class WorkTooLarge(TruceError, RuntimeError):
    """Work refused before it started: estimated over the work budget
    (truce.set_work_budget) or beyond this machine's memory."""


class AnalysisError(TruceError, RuntimeError):
    """A scenario the analysis cannot take (the CLI's "FILE: error: ...")."""


class StoreWarning(UserWarning):
    """The run could not be recorded in the run store; the result is returned all the same."""
