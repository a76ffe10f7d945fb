#!/usr/bin/env bash
# Reproduces the LSTM-CNN / text-CNN quality table: ML-100K (or --data NAME) random 4:1 split,
# seeds 1..3, test MSE / RMSE / MAE (mean ± std) for biased MF, both models at the papers'
# settings and at the tuned settings (RatingCnnDefaults.Tuned). Needs MOVIEREC_DATA pointing at a
# folder holding ml-100k/. Extra arguments go to the report, for example --seeds 1 or
# --configs lstm-cnn-best,text-cnn-best.
#
#   MOVIEREC_DATA=/path/to/datasets benchmarks/quality-rating-cnn.sh [--seeds 3]
#
# One model on one split through the CLI:
#   movierec train --model lstm-cnn --data ml-100k --seed 1 --tuned --compare-mf --output lstm-cnn.zip
set -euo pipefail
cd "$(dirname "$0")/.."
if [[ -z "${MOVIEREC_DATA:-}" ]]; then
  echo "Set MOVIEREC_DATA to the folder that holds ml-100k/." >&2
  exit 2
fi
dotnet run -c Release --project benchmarks/MovieRec.Benchmarks -- report RatingCnnQuality "$@"
