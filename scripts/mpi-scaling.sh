#!/usr/bin/env bash
# Scaling of `truce levers` Sobol on the reference scenario under MPI (docs/scale.md):
#   - strong scaling: the same analysis (9,216 evaluations of 200 runs) on 1..MAX_PROCESSES
#     processes of one thread each, best of REPEATS, with each output compared byte for byte
#     with the plain (no mpirun) run's;
#   - the communication each run measured (TRUCE_MPI_STATS: collective calls, bytes, seconds
#     on rank 0), and from it and the per-evaluation cost a weak-scaling estimate for 64 and
#     1,024 ranks (the model and its interconnect figures are printed with the estimate).
#
#   scripts/mpi-scaling.sh                       # 1 and 2 processes, best of 3
#   MAX_PROCESSES=4 REPEATS=5 scripts/mpi-scaling.sh
#   TRUCE=path/to/truce SAMPLES=128 scripts/mpi-scaling.sh
set -euo pipefail
cd "$(dirname "$0")/.."

truce=${TRUCE:-build/truce}
repeats=${REPEATS:-3}
max_processes=${MAX_PROCESSES:-2}
samples=${SAMPLES:-256}
# A cluster interconnect for the estimate (InfiniBand HDR-class): latency per message step and
# bandwidth per rank; override to match yours.
latency=${LATENCY_SECONDS:-2e-6}
bandwidth=${BANDWIDTH_BYTES_PER_SECOND:-1e10}

command -v mpirun >/dev/null || { echo "mpirun is not installed (openmpi-bin)" >&2; exit 1; }
"$truce" --version | grep -q "with MPI" || { echo "$truce was built without MPI" >&2; exit 1; }
# Open MPI refuses root unless told; containers and CI run as root.
if [ "$(id -u)" = 0 ]; then export OMPI_ALLOW_RUN_AS_ROOT=1 OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1; fi

args=(levers scenarios/ukraine-ceasefire-2025.yaml --target p_ceasefire@12 --method sobol --samples "$samples"
      --threads 1 --no-store --budget 0)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

seconds_of() {  # runs "$@", prints its wall-clock seconds; output to $work/out, stderr to $work/err
  local start end
  start=$(date +%s%N)
  "$@" >"$work/out" 2>"$work/err"
  end=$(date +%s%N)
  awk -v s="$start" -v e="$end" 'BEGIN { printf "%.3f", (e - s) / 1e9 }'
}

best() { printf '%s\n' "$@" | sort -g | head -1; }

echo "truce: $("$truce" --version)"
echo "machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"
echo "work: ${args[*]}"

times=()
for ((r = 0; r < repeats; ++r)); do times+=("$(seconds_of "$truce" "${args[@]}")"); done
plain=$(best "${times[@]}")
cp "$work/out" "$work/plain.out"
evaluations=$(grep -o '[0-9,]* model runs' "$work/plain.out" | head -1 | tr -d ', model runs' || true)
echo
echo "plain (no mpirun): ${plain} s (best of $repeats: ${times[*]})"

printf '\n%9s %9s %8s %10s %9s %9s %10s %10s %12s %9s %s\n' processes "wall s" speed-up efficiency "cpu crit" "cpu sum" "cpu eff." operations "bytes sent" "in them s" "same bytes"
t1=""
for ((p = 1; p <= max_processes; ++p)); do
  times=()
  cpus=()
  same=yes
  for ((r = 0; r < repeats; ++r)); do
    times+=("$(TRUCE_MPI_STATS=1 seconds_of mpirun -np "$p" --oversubscribe --bind-to none "$truce" "${args[@]}")")
    line=$(grep '^mpi:' "$work/err" || true)
    cpus+=("$(sed -n 's/.*max outside collective operations \([0-9.]*\).*/\1/p' <<<"$line") $line")
    cmp -s "$work/out" "$work/plain.out" || same=NO
  done
  t=$(best "${times[@]}")
  # The statistics of the run whose busiest rank used the least CPU.
  stats=$(printf '%s\n' "${cpus[@]}" | sort -g | head -1)
  cpu_max=${stats%% *}
  cpu_sum=$(sed -n 's/.*, sum \([0-9.]*\).*/\1/p' <<<"$stats")
  in_them=$(sed -n 's/.* \([0-9.]*\) s in them.*/\1/p' <<<"$stats")
  operations=$(sed -n 's/.* \([0-9]*\) collective operations.*/\1/p' <<<"$stats")
  sent=$(sed -n 's/.* \([0-9]*\) bytes sent.*/\1/p' <<<"$stats")
  [ -n "$t1" ] || { t1=$t; c1=$cpu_max; }
  awk -v p="$p" -v t="$t" -v t1="$t1" -v cm="$cpu_max" -v cs="$cpu_sum" -v c1="$c1" -v o="$operations" -v b="$sent" \
      -v m="$in_them" -v s="$same" \
    'BEGIN { printf "%9d %9.3f %8.2f %9.1f%% %9.3f %9.3f %9.1f%% %10s %12s %9.4f %s\n", p, t, t1 / t, 100 * t1 / (p * t), cm, cs, 100 * c1 / (p * cm), o, b, m, s }'
  if [ "$p" = 2 ]; then two_cpu_max=$cpu_max; two_sent=$sent; two_operations=$operations; fi
done
echo "(wall: best of $repeats elapsed. cpu crit: the busiest rank's CPU seconds outside collective operations (where a"
echo " waiting rank may spin), from the run of $repeats where it was least; on a shared machine the wall clock also"
echo " measures the other users, this does not. cpu sum: every rank's CPU. in them: rank 0's seconds in collective"
echo " operations, waiting for the slower rank included)"

# Weak scaling: every rank keeps the evaluations of one rank of the 2-process run. Per rank:
#   time = share of the evaluations (u * c) + what every rank does whole (S: start, scenario,
#          the point estimate, the rank's share of the bootstrap) + communication,
#   S    = busiest rank's CPU outside collectives at 2 processes - half of the 1-process CPU,
#   communication of each collective operation ~ log2(p) latencies, and of the bytes ~
#          (p - 1) * (bytes one rank sends) / bandwidth (ring or recursive-doubling allgather).
[ -n "${two_cpu_max:-}" ] || exit 0
evaluations=${evaluations:-$((samples * 36))}
awk -v c1="$c1" -v c2="$two_cpu_max" -v n="$evaluations" -v ops="$two_operations" -v sent="$two_sent" \
    -v alpha="$latency" -v beta="$bandwidth" 'BEGIN {
  serial = c2 - c1 / 2; if (serial < 0) serial = 0
  per_unit = (c1 - serial) / n; u = n / 2; compute = u * per_unit
  printf "\nper evaluation: %.3g s; whole on every rank (S): %.3f s; per rank: %d evaluations (%.2f s), %d collective operations, %d bytes sent\n", per_unit, serial, u, compute, ops, sent
  printf "weak-scaling estimate, interconnect %.3g s per message step and %.3g bytes/s:\n", alpha, beta
  split("2 64 1024", ranks, " ")
  for (i = 1; i <= 3; ++i) {
    p = ranks[i]; steps = log(p) / log(2)
    comm = ops * steps * alpha + (p - 1) * sent / beta
    printf "%5d ranks: communication %.4f s, S %.3f s, work %.2f s per rank: efficiency %.1f%%\n", p, comm, serial, compute, 100 * compute / (compute + serial + comm)
  }
}'
