#!/usr/bin/env bash
# Seconds per training epoch of LSTM-CNN and text-CNN (batch 256) on ML-100K 4:1 and on a
# synthetic dataset of ML-1M size, and top-10 inference time (one user: p50/p90; every user).
# Needs MOVIEREC_DATA pointing at a folder holding ml-100k/. Extra arguments go to the report:
# --epochs N, --threads N (ONNX Runtime intra-op threads), --skip-ml1m.
#
#   MOVIEREC_DATA=/path/to/datasets benchmarks/speed-rating-cnn.sh
set -euo pipefail
cd "$(dirname "$0")/.."
if [[ -z "${MOVIEREC_DATA:-}" ]]; then
  echo "Set MOVIEREC_DATA to the folder that holds ml-100k/." >&2
  exit 2
fi
dotnet run -c Release --project benchmarks/MovieRec.Benchmarks -- report RatingCnn "$@"
