"""The type stubs (python/truce/__init__.pyi) are what python/make_stubs.py writes from the
registry: a new analysis or option fails here until they are regenerated."""

import importlib.util

import truce
from conftest import SOURCE_DIR


def test_the_stubs_are_up_to_date():
    spec = importlib.util.spec_from_file_location("make_stubs", SOURCE_DIR / "python" / "make_stubs.py")
    make_stubs = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(make_stubs)
    committed = (SOURCE_DIR / "python" / "truce" / "__init__.pyi").read_text()
    assert committed == make_stubs.stubs(), "run: PYTHONPATH=build/python python3 python/make_stubs.py"
    for name in truce.ANALYSES:
        assert f"def {name.replace('-', '_')}(scenario: " in committed
