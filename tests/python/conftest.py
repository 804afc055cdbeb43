"""Shared fixtures of the Python package's tests (tests/CMakeLists.txt runs each file as one
CTest test, python.FILE, with PYTHONPATH on build/python and TRUCE_BINARY the CLI)."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

SOURCE_DIR = Path(os.environ.get("TRUCE_SOURCE_DIR", Path(__file__).resolve().parents[2]))
BINARY = os.environ.get("TRUCE_BINARY", str(SOURCE_DIR / "build" / "truce"))
if "TRUCE_PYTHON_PATH" in os.environ:
    sys.path.insert(0, os.environ["TRUCE_PYTHON_PATH"])

import truce  # noqa: E402

SHARED_DIR = Path(os.environ.get("TRUCE_SHARED_DIR", SOURCE_DIR.parent / "shared"))
REFERENCE = SOURCE_DIR / "scenarios" / "ukraine-ceasefire-2025.yaml"
KTAB = SOURCE_DIR / "data" / "ktab" / "SOE-Pol-Comp.csv"

# A DEU-style table with known outcomes, as tests/cli/backtest_command_test.cpp has it.
DEU = ("prnr,isnr,finact,pde,pfr,pit,sde,sfr,sit,rp,out\n"
       "d1,d1i1,30-05-01,0,100,40,50,50,100,0,50\n"
       "d1,d1i2,30-05-01,20,80,60,100,50,50,,70\n"
       "d2,d2i1,01-01-00,100,0,30,100,100,100,100,30\n"
       "d2,d2i2,01-01-00,50,60,70,10,20,30,,999\n")


def child_env():
    """The environment for a child Python process (or a notebook kernel) that imports truce
    from where this one does."""
    env = dict(os.environ)
    if "TRUCE_PYTHON_PATH" in env:
        env["PYTHONPATH"] = os.pathsep.join(p for p in (env["TRUCE_PYTHON_PATH"], env.get("PYTHONPATH")) if p)
    return env


def cli(*args, check=True):
    """Runs the `truce` binary; returns the CompletedProcess (text)."""
    p = subprocess.run([BINARY, *map(str, args)], capture_output=True, text=True)
    if check and p.returncode != 0:
        raise AssertionError(f"truce {' '.join(map(str, args))} failed ({p.returncode}):\n{p.stderr}")
    return p


@pytest.fixture(scope="session")
def reference():
    return truce.load(REFERENCE)


@pytest.fixture(scope="session")
def ktab():
    return truce.load(KTAB)


@pytest.fixture(scope="session")
def deu_file(tmp_path_factory):
    path = tmp_path_factory.mktemp("deu") / "deu.csv"
    path.write_text(DEU)
    return path
