#!/usr/bin/env bash
# Reproduces the baseline quality table (ML-100K folds, ML-100K and ml-latest-small random 4:1,
# ML-100K leave-one-out with 99 negatives). Needs MOVIEREC_DATA pointing at a folder holding
# ml-100k/ and ml-latest-small/. Writes CSV and JSON per experiment into the given folder.
#
#   MOVIEREC_DATA=/path/to/datasets benchmarks/quality-baselines.sh [output-folder]
#
# The same experiments run one at a time through the CLI, for example:
#   movierec evaluate --data ml-100k --protocol ml100k-folds --models mean,bias,mf,als,ubcf,ibcf,pop-rated
#   movierec evaluate --data ml-100k --protocol random-80-20 --seeds 3 --models mean,bias,mf,als,ials,ubcf,ibcf,iknn,pop,pop-rated
#   movierec evaluate --data ml-latest-small --protocol random-80-20 --seeds 3 --models mean,bias,mf,als,ubcf,ibcf
#   movierec evaluate --data ml-100k --protocol loo-99 --seeds 3 --models ials,iknn,mf,als,ibcf,ubcf,bias,pop,pop-rated
set -euo pipefail
cd "$(dirname "$0")/.."
if [[ -z "${MOVIEREC_DATA:-}" ]]; then
  echo "Set MOVIEREC_DATA to the folder that holds ml-100k/ and ml-latest-small/." >&2
  exit 2
fi
dotnet run -c Release --project benchmarks/MovieRec.Benchmarks -- report BaselinesQuality "${1:-quality-baselines}"
