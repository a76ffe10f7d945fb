#!/usr/bin/env bash
# CPU against CUDA on one machine: builds the CUDA form of the movierec tool (-p:OnnxRuntimePackage=gpu), prints
# `movierec info`, trains LSTM-CNN (random 4:1 split) and NeuMF (leave-one-out, one epoch per stage) for one epoch
# on the CPU and on CUDA with the same seed, and prints a side-by-side table: seconds per epoch, training samples per
# second, the final training loss and whether the two losses agree (relative difference under 2 %: the kernels differ,
# the arithmetic should not). Then runs the GPU test project (tests/MovieRec.Onnx.Gpu.Tests). Where CUDA cannot start,
# the CUDA rows say why (the reason movierec gives) and the script still exits 0 with the CPU figures.
#
#   MOVIEREC_DATA=/path/to/datasets benchmarks/gpu-check.sh [DATA (default ml-100k, else synthetic)] [EPOCHS (default 1)]
#
# Figures, and the machine they came from, go into benchmarks/README.md ("CPU and CUDA").
set -uo pipefail
cd "$(dirname "$0")/.."
data="${1:-}"
epochs="${2:-1}"
if [[ -z "$data" ]]; then
  if [[ -n "${MOVIEREC_DATA:-}" && -f "$MOVIEREC_DATA/ml-100k/u.data" ]]; then data=ml-100k; else data=synthetic; fi
fi
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

echo "building the CUDA form of the tool (Release)..." >&2
if ! dotnet build src/MovieRec.Cli -c Release -p:OnnxRuntimePackage=gpu -o "$work/cli" >"$work/build.log" 2>&1; then
  cat "$work/build.log" >&2
  exit 1
fi
cli=(dotnet "$work/cli/MovieRec.Cli.dll")
"${cli[@]}" info
if command -v nvidia-smi >/dev/null; then
  nvidia-smi --query-gpu=name,memory.total,driver_version --format=csv,noheader
else
  echo "nvidia-smi: not found (no NVIDIA driver on this machine)"
fi

# One training run; prints "seconds<TAB>samples/s<TAB>loss<TAB>device", or "-<TAB>-<TAB>-<TAB>why". The tool wraps its
# output at 80 columns with the break after a space or inside a long word, so lines are joined without adding any.
run() {
  local model="$1" device="$2" log="$work/$1-$2.log"
  if ! "${cli[@]}" train --model "$model" --data "$data" --epochs "$epochs" --device "$device" --seed 1 \
      --output "$work/$model-$device.zip" >"$log" 2>&1; then
    printf -- '-\t-\t-\t%s\n' "$(tr -d '\n' <"$log" | tr -s ' ' | grep -oE '(error|Error): .*' | cut -c1-320)"
    return
  fi
  local flat seconds loss rows device_used
  flat="$(tr -d '\n' <"$log" | tr -s ' ')"
  seconds="$(grep -oE '[0-9.]+ s per epoch' <<<"$flat" | tail -1 | cut -d' ' -f1)"
  loss="$(grep -oE 'final training loss [0-9.]+' <<<"$flat" | tail -1 | awk '{print $4}')"
  rows="$(grep -oE '(split|leave-one-out) [0-9,]+ train' <<<"$flat" | head -1 | grep -oE '[0-9,]+' | tr -d ,)"
  device_used="$(grep -m1 '^Trained on' "$log" | sed 's/^Trained on //; s/ *$//')"
  # NeuMF trains on each positive with four sampled negatives.
  [[ "$model" == neumf ]] && rows=$((rows * 5))
  printf '%s\t%s\t%s\t%s\n' "$seconds" "$(awk -v r="$rows" -v s="$seconds" 'BEGIN { if (s > 0) printf "%.0f", r / s; else print "-" }')" "$loss" "$device_used"
}

printf '\n%s, %s epoch(s) per stage, seed 1\n' "$data" "$epochs"
printf '| model | device | s per epoch | samples/s | final training loss | trained on | loss agrees with CPU |\n|---|---|---:|---:|---:|---|---|\n'
for model in lstm-cnn neumf; do
  IFS=$'\t' read -r cpu_s cpu_rate cpu_loss cpu_dev <<<"$(run "$model" cpu)"
  IFS=$'\t' read -r gpu_s gpu_rate gpu_loss gpu_dev <<<"$(run "$model" cuda)"
  printf '| %s | cpu | %s | %s | %s | %s | |\n' "$model" "$cpu_s" "$cpu_rate" "$cpu_loss" "$cpu_dev"
  if [[ "$gpu_s" == "-" ]]; then
    printf '| %s | cuda | — | — | — | not run: %s | |\n' "$model" "$gpu_dev"
  else
    agree="$(awk -v a="$cpu_loss" -v b="$gpu_loss" 'BEGIN { d = a - b; if (d < 0) d = -d; print (d <= 0.02 * a) ? "yes" : "no" }')"
    printf '| %s | cuda | %s | %s | %s | %s | %s |\n' "$model" "$gpu_s" "$gpu_rate" "$gpu_loss" "$gpu_dev" "$agree"
  fi
done

echo
echo "GPU test project:"
dotnet test tests/MovieRec.Onnx.Gpu.Tests -c Release 2>&1 | grep -E '^(Passed|Failed)!|error' || true
