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

printf '\n%9s %9s %8s %10s %11s %12s %12s %s\n' processes seconds speed-up efficiency collectives "bytes sent" "comm s (r0)" "same bytes"
t1=""
for ((p = 1; p <= max_processes; ++p)); do
  times=()
  for ((r = 0; r < repeats; ++r)); do
    times+=("$(TRUCE_MPI_STATS=1 seconds_of mpirun -np "$p" --oversubscribe --bind-to none "$truce" "${args[@]}")")
    stats=$(grep '^mpi:' "$work/err" || true)
    cmp -s "$work/out" "$work/plain.out" && same=yes || same=NO
  done
  t=$(best "${times[@]}")
  [ -n "$t1" ] || t1=$t
  calls=$(sed -n 's/.* \([0-9]*\) collective calls.*/\1/p' <<<"$stats")
  sent=$(sed -n 's/.* \([0-9]*\) bytes sent.*/\1/p' <<<"$stats")
  comm=$(sed -n 's/.* \([0-9.]*\) s in them.*/\1/p' <<<"$stats")
  awk -v p="$p" -v t="$t" -v t1="$t1" -v c="$calls" -v b="$sent" -v m="$comm" -v s="$same" \
    'BEGIN { printf "%9d %9.3f %8.2f %9.1f%% %11s %12s %12s %s\n", p, t, t1 / t, 100 * t1 / (p * t), c, b, m, s }'
  if [ "$p" = 1 ]; then one_calls=$calls; fi
  if [ "$p" = 2 ]; then two_sent=$sent; two_calls=$calls; fi
done

# Weak scaling: every rank keeps the units of one of the 2-process run's ranks. Each split loop
# costs one allreduce and two allgathers (lengths, then the units' bytes); an allgather of M
# bytes in all over p ranks takes about log2(p) latencies + (p - 1) / p * M / bandwidth.
evaluations=${evaluations:-$((samples * 36))}
awk -v t1="$t1" -v n="$evaluations" -v calls="${two_calls:-$one_calls}" -v sent="${two_sent:-0}" \
    -v alpha="$latency" -v beta="$bandwidth" 'BEGIN {
  per_unit = t1 / n; per_rank_units = n / 2; compute = per_rank_units * per_unit
  loops = calls / 3; bytes_per_rank = sent   # what one rank of the 2-process run sent
  printf "\nper evaluation: %.3g s (1 process: %.3f s / %d evaluations)\n", per_unit, t1, n
  printf "weak-scaling estimate, %d evaluations per rank (%.2f s of work), %d split loops, %d bytes sent per rank;\n", per_rank_units, compute, loops, bytes_per_rank
  printf "interconnect: %.3g s per message step, %.3g bytes/s\n", alpha, beta
  split("64 1024", ranks, " ")
  for (i = 1; i <= 2; ++i) {
    p = ranks[i]; steps = log(p) / log(2)
    comm = calls * steps * alpha + (p - 1) * bytes_per_rank / beta
    printf "%5d ranks: communication %.4f s per rank, efficiency %.1f%%\n", p, comm, 100 * compute / (compute + comm)
  }
}'
