#!/usr/bin/env bash
# Prints, for every analysis on the reference scenario and the test scenarios, the JSON a
# truce binary writes (--format json and the text table), one file per run, into OUT; and
# records the same runs in OUT/runs.db. Run it with an older truce and a newer one, then
# `diff -r` the two folders (the results must match byte for byte) and `truce runs rerun ID
# --store OLD/runs.db` each stored run with the newer one.
#   scripts/result-bytes.sh TRUCE OUT
set -euo pipefail
truce=$(realpath "$1")
out=$2
mkdir -p "$out"
out=$(realpath "$out")
cd "$(dirname "$0")/.."
store=(--store "$out/runs.db")
run() {  # NAME ARGS...: the JSON (stored) and the table of one run
  local name=$1
  shift
  "$truce" "$@" --format json "${store[@]}" >"$out/$name.json" 2>"$out/$name.err" || echo "exit $?" >>"$out/$name.err"
  "$truce" "$@" --no-store >"$out/$name.txt" 2>&1 || echo "exit $?" >>"$out/$name.txt"
  if [[ $1 != space ]]; then "$truce" "$@" --no-store --format csv >"$out/$name.csv" 2>&1 || true; fi
}
ref=scenarios/ukraine-ceasefire-2025.yaml
talks=tests/report/fixtures/talks.yaml
war=tests/levers/data/war.yaml
for s in "$ref" "$talks" "$war" tests/data/scenarios/minimal.yaml tests/data/scenarios/seed.yaml \
         tests/data/scenarios/two-issues.yaml; do
  n=$(basename "$s" .yaml)
  run "$n-forecast" forecast "$s"
  run "$n-forecast-all" forecast "$s" --model compromise --model median --model nash --model eum --model smp --model exchange
  run "$n-forecast-joint" forecast "$s" --mode joint --model eum --model exchange
  "$truce" forecast "$s" --model eum --model smp --model exchange --history --no-store >"$out/$n-forecast-history.txt" 2>&1 || true
  "$truce" forecast "$s" --model exchange --trades --no-store >"$out/$n-forecast-trades.txt" 2>&1 || true
  run "$n-space" space "$s"
  run "$n-space-no-deal" space "$s" --reservation north=0.75 --reservation south=0.6
done
for s in "$ref" "$talks" "$war"; do
  n=$(basename "$s" .yaml)
  run "$n-simulate" simulate "$s" --months 24 --runs 400 --seed 3
  run "$n-trace" simulate "$s" --months 24 --runs 400 --seed 3 --trace 5
done
run talks-levers levers "$talks" --target zopa_size --method tornado
run talks-levers-sobol levers "$talks" --target forecast.territory --model compromise --samples 32 --bootstrap 20
run war-levers levers "$war" --target p_ceasefire@12 --method tornado --target-option runs=200
run talks-wit what-it-takes "$talks" --goal "zopa nonempty" --levers 'red_line_*'
run talks-wit-unreachable what-it-takes "$talks" --goal "forecast.territory >= 99" --levers capability.north --model compromise
run war-wit what-it-takes "$war" --goal "p_ceasefire@12 >= 0.4" --target-option runs=200 --probes 16
run ref-wit what-it-takes "$ref" --goal "zopa nonempty" --levers 'red_line_*'
"$truce" runs list "${store[@]}" >"$out/runs-list.txt" 2>&1 || true
