"""Runs recorded in the run store like the CLI's; long calls release the GIL; Ctrl-C stops
a long call."""

import json
import os
import signal
import subprocess
import sys
import textwrap
import threading

import pytest

import truce
from conftest import REFERENCE, child_env, cli


def test_store_records_the_run_as_the_cli_would(reference, tmp_path):
    store = tmp_path / "runs.db"
    r = truce.space(reference, relax=["russia.territory"], store=store)
    assert r.run_id == 1
    shown = json.loads(cli("runs", "show", "1", "--store", store, "--format", "json").stdout)
    assert shown["command"] == "space"
    assert shown["options"] == r.options
    assert shown["scenario"]["path"] == str(REFERENCE)
    assert shown["scenario"]["json"] == reference.to_dict()
    assert shown["result"] == r.to_dict()
    # the stored run reruns to the same bytes through the CLI
    assert cli("runs", "rerun", "1", "--store", store).returncode == 0
    # the CLI's run of the same analysis is the same result in the same store
    cli("space", REFERENCE, "--relax", "russia.territory", "--store", store)
    stored = json.loads(cli("runs", "show", "2", "--store", store, "--format", "json").stdout)
    assert stored["result"] == shown["result"] and stored["options"] == shown["options"]
    assert stored["scenario"]["sha256"] == shown["scenario"]["sha256"]


def test_store_true_is_the_cli_default_store(reference, tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path))
    r = truce.forecast(reference, models=["mean"], store=True)
    assert r.run_id == 1 and (tmp_path / "truce" / "runs.db").exists()
    listed = cli("runs", "list", "--store", tmp_path / "truce" / "runs.db").stdout
    assert "forecast" in listed
    assert truce.forecast(reference, models=["mean"]).run_id is None  # nothing stored without store=


def test_a_store_that_cannot_be_written_warns_and_returns_the_result(reference, tmp_path):
    with pytest.warns(truce.StoreWarning, match="the run was not stored"):
        r = truce.forecast(reference, models=["mean"], store=tmp_path)  # a folder, not a store file
    assert r.run_id is None and r.headline


def test_two_threads_run_the_engine_at_the_same_time(reference):
    # Each simulate runs single-threaded in the engine; the GIL is released during the call, so
    # the two engine intervals overlap (with the GIL held they could not).
    results = [None, None]

    def work(i):
        results[i] = truce.simulate(reference, runs=6000, seed=i + 1, threads=1)

    threads = [threading.Thread(target=work, args=(i,)) for i in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    (s0, e0), (s1, e1) = (r.engine_interval for r in results)
    overlap = min(e0, e1) - max(s0, s1)
    shorter = min(e0 - s0, e1 - s1)
    assert overlap > 0.5 * shorter, (s0, e0, s1, e1)
    # and they computed what a call alone computes
    assert results[1].to_json() == truce.simulate(reference, runs=6000, seed=2, threads=2).to_json()


def test_ctrl_c_interrupts_a_long_simulate():
    # A child process starts a simulate that would take minutes and sends itself SIGINT once
    # the engine is at work; the call must end with KeyboardInterrupt, not run to the end.
    script = textwrap.dedent(f"""
        import os, signal, sys, threading, time
        import truce
        sc = truce.load({str(REFERENCE)!r})
        truce.set_work_budget(0)
        threading.Timer(1.5, lambda: os.kill(os.getpid(), signal.SIGINT)).start()
        try:
            truce.simulate(sc, runs=2_000_000, months=36, threads=1)
            print("finished")
        except KeyboardInterrupt:
            print("interrupted")
    """)
    p = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=60,
                       env=child_env())
    assert p.stdout.strip() == "interrupted", p.stderr
    assert p.returncode == 0
