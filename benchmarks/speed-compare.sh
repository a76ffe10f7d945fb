#!/usr/bin/env bash
# Speed of this working tree against another commit, side by side on one machine: both are built in
# Release, then the same reports run alternately (old, new, then new, old, ...) for several rounds,
# and the medians are printed with their ratio. Measures the LSTM-CNN epoch on ML-100K 4:1 and top-10
# scoring (report RatingCnn), the NeuMF epoch on ML-100K leave-one-out and the scoring of its 943 × 100
# candidates (report Ncf), and training steps (report TrainingStep), all with one ONNX Runtime thread.
# Needs MOVIEREC_DATA pointing at a folder holding ml-100k/. The base commit is built in a temporary
# git worktree with its own build prerequisites.
#
#   MOVIEREC_DATA=/path/to/datasets benchmarks/speed-compare.sh [BASE_COMMIT (default HEAD~1)] [ROUNDS (default 5)] [all|ncf]
#
# "ncf" runs only the NCF report (each run scores with two models of each architecture), for a closer
# look at NCF epochs and scoring.
set -euo pipefail
cd "$(dirname "$0")/.."
if [[ -z "${MOVIEREC_DATA:-}" ]]; then
  echo "Set MOVIEREC_DATA to the folder that holds ml-100k/." >&2
  exit 2
fi
base="${1:-HEAD~1}"
rounds="${2:-5}"
only="${3:-all}"
work="$(mktemp -d)"
trap 'git worktree remove --force "$work/base" >/dev/null 2>&1 || true; rm -rf "$work"' EXIT

git worktree add --detach -q "$work/base" "$base"
echo "building $base and the working tree (Release)..." >&2
dotnet build -c Release "$work/base/benchmarks/MovieRec.Benchmarks" >"$work/build-old.log" 2>&1 || { cat "$work/build-old.log" >&2; exit 1; }
dotnet build -c Release benchmarks/MovieRec.Benchmarks >"$work/build-new.log" 2>&1 || { cat "$work/build-new.log" >&2; exit 1; }
declare -A dll=(
  [old]="$work/base/benchmarks/MovieRec.Benchmarks/bin/Release/net10.0/MovieRec.Benchmarks.dll"
  [new]="benchmarks/MovieRec.Benchmarks/bin/Release/net10.0/MovieRec.Benchmarks.dll"
)

measure() { # $1 = old|new, $2 = round: appends "metric value" lines to $work/$1.txt
  local out="$work/$1-$2.log"
  if [[ "$only" == ncf ]]; then
    dotnet "${dll[$1]}" report Ncf 2 1 >"$out" 2>&1
    # Epochs at batch 256; scoring does not depend on the training batch, so both rows count.
    awk -F'|' '$2 ~ /NeuMF|Gmf|Mlp/ { b = $3; gsub(/ /, ""); if (b ~ / 256 /) print tolower($2) "_epoch_s " $5; print tolower($2) "_score_943x100_s " $7 }' "$out" >>"$work/$1.txt"
    return
  fi
  dotnet "${dll[$1]}" report RatingCnn --epochs 2 --threads 1 --skip-ml1m >"$out" 2>&1
  dotnet "${dll[$1]}" report Ncf 3 1 >>"$out" 2>&1
  dotnet "${dll[$1]}" report TrainingStep 1 100000 >>"$out" 2>&1
  {
    echo "lstm_epoch_s $(grep -oP 'lstm-cnn +batch 256: \K[0-9.]+' "$out")"
    echo "top10_user_p50_ms $(grep -oP 'one user p50 \K[0-9.]+' "$out")"
    echo "top10_all_users_s $(grep -oP 'all [0-9,]+ users of [^ ]+ \K[0-9.]+' "$out")"
    awk -F'|' '$2 ~ /NeuMF/ && $3 ~ / 256 / { gsub(/ /, ""); print "neumf_epoch_s " $5; print "neumf_score_943x100_s " $7 }' "$out"
    awk -F'|' '$1 ~ /^ *256 *$/ { gsub(/ /, "", $3); print "step_256_ms " $3 } $1 ~ /^ *1024 *$/ { gsub(/ /, "", $3); print "step_1024_ms " $3 }' "$out"
  } >>"$work/$1.txt"
}

for ((r = 1; r <= rounds; r++)); do
  if ((r % 2)); then order=(old new); else order=(new old); fi
  for side in "${order[@]}"; do
    echo "round $r/$rounds: $side" >&2
    measure "$side" "$r"
  done
done

stats() { # $1 = file, $2 = metric: "median min max"
  awk -v m="$2" '$1 == m { print $2 }' "$1" | sort -g | awk '{ v[NR] = $1 } END { print ((NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2), v[1], v[NR] }'
}

echo
echo "$(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg); base $(git rev-parse --short "$base"); $rounds alternating rounds; median (min–max)"
echo
echo "| measure | base | this tree | this / base, medians | this / base, minima |"
echo "|---|---:|---:|---:|---:|"
metrics=(lstm_epoch_s neumf_epoch_s step_256_ms step_1024_ms top10_user_p50_ms top10_all_users_s neumf_score_943x100_s)
if [[ "$only" == ncf ]]; then
  metrics=(neumf_epoch_s gmf_epoch_s mlp_epoch_s neumf_score_943x100_s gmf_score_943x100_s mlp_score_943x100_s)
fi
for m in "${metrics[@]}"; do
  read -r om on ox <<<"$(stats "$work/old.txt" "$m")"
  read -r nm nn nx <<<"$(stats "$work/new.txt" "$m")"
  awk -v m="$m" -v om="$om" -v on="$on" -v ox="$ox" -v nm="$nm" -v nn="$nn" -v nx="$nx" \
    'BEGIN { printf "| %s | %s (%s–%s) | %s (%s–%s) | %.3f | %.3f |\n", m, om, on, ox, nm, nn, nx, (om > 0 ? nm / om : 0), (on > 0 ? nn / on : 0) }'
done
