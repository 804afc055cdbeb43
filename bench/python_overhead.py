#!/usr/bin/env python3
"""What the Python package costs over the engine (docs/python.md, "Performance").

  PYTHONPATH=build/python python3 bench/python_overhead.py [--repeat N]

1. `truce.space` on the reference scenario, called from Python, against the same analysis in
   C++: the engine's own time for that call (the registry's complete_options + typed_run,
   timed inside the native module around exactly what the CLI runs). The difference is what
   the binding adds: argument conversion, the GIL hand-over, the worker thread that lets
   Ctrl-C through, the result object. Targets: under 10%.
   Also shown: the JSON (to_json, made only when asked for, as the CLI makes it to print).
2. `import truce` in a fresh interpreter (pandas is imported only by .to_frame()). Target:
   under 100 ms.
Medians over the repetitions; each figure is printed with its spread (min..max). On a busy
machine the per-call ratio's median carries the scheduler's noise (the GIL hand-over waits for
a core); the fastest call against the fastest engine run shows the binding's own cost.
"""

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def spread(xs, unit=1e3, fmt="{:.2f}"):
    return f"{fmt.format(statistics.median(xs) * unit)} (min {fmt.format(min(xs) * unit)}, max {fmt.format(max(xs) * unit)})"


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--repeat", type=int, default=30)
    ap.add_argument("--scenario", default=str(ROOT / "scenarios" / "ukraine-ceasefire-2025.yaml"))
    args = ap.parse_args()

    import truce

    sc = truce.load(args.scenario)
    for kwargs in ({}, {"relax": ["russia.territory", "ukraine.territory"]}):
        truce.space(sc, **kwargs)  # warm up
        wall, engine, to_json, kept = [], [], [], []
        for _ in range(args.repeat):
            t0 = time.perf_counter()
            r = truce.space(sc, **kwargs)
            t1 = time.perf_counter()
            kept.append(r)  # freed after the loop: the engine's timing does not free its result either
            r.to_json()
            t2 = time.perf_counter()
            wall.append(t1 - t0)
            engine.append(r.elapsed)
            to_json.append(t2 - t1)
        del kept
        overhead = [(w - e) / e for w, e in zip(wall, engine)]
        label = "space" + (f" {json.dumps(kwargs)}" if kwargs else "")
        print(f"{label}: Python call {spread(wall)} ms; the same analysis in C++ {spread(engine)} ms; "
              f"binding overhead {statistics.median(overhead) * 100:.1f}% (median of per-call ratios), "
              f"{(min(wall) - min(engine)) / min(engine) * 100:.1f}% (fastest call vs fastest engine run), "
              f"{statistics.median(w - e for w, e in zip(wall, engine)) * 1e6:.0f} us per call; "
              f"+ JSON when asked for {spread(to_json)} ms")

    times = []
    for _ in range(max(5, args.repeat // 3)):
        out = subprocess.run([sys.executable, "-c",
                              "import time; t = time.perf_counter(); import truce; print(time.perf_counter() - t)"],
                             capture_output=True, text=True, check=True, env=dict(os.environ))
        times.append(float(out.stdout))
    print(f"import truce: {spread(times, fmt='{:.1f}')} ms")


if __name__ == "__main__":
    main()
