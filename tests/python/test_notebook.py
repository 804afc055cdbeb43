"""examples/ukraine.ipynb runs from top to bottom (nbclient, Debian's python3-nbclient):
any cell that raises fails the test."""

import os

import nbformat
from nbclient import NotebookClient

from conftest import SOURCE_DIR, child_env


def test_the_example_notebook_runs(monkeypatch):
    # the kernel is a new process: it finds the package built in build/python through PYTHONPATH
    if "PYTHONPATH" in child_env():
        monkeypatch.setenv("PYTHONPATH", child_env()["PYTHONPATH"])
    monkeypatch.setenv("PYDEVD_DISABLE_FILE_VALIDATION", "1")
    path = SOURCE_DIR / "examples" / "ukraine.ipynb"
    nb = nbformat.read(path, as_version=4)
    client = NotebookClient(nb, timeout=120, kernel_name="python3",
                            resources={"metadata": {"path": str(path.parent)}})
    client.execute()  # raises CellExecutionError naming the cell when one raises
    outputs = [o for c in nb.cells if c.cell_type == "code" for o in c.outputs]
    assert not [o for o in outputs if o.output_type == "error"]
    # the last cell printed the option table's message
    assert nb.cells[-1].outputs[0]["text"].startswith("simulate option 'runs': expected a whole number from 1")
