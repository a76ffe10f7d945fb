#!/usr/bin/env bash
# Chooses the classical models' settings on validation data only and writes each choice to benchmarks/tuned/,
# then prints the full-ranking and leave-one-out tables with those settings beside NeuMF. Each search scores every
# candidate on validation splits carved from the training part of seeds 1-3; no test rating is read (a test proves it).
# Needs MOVIEREC_DATA pointing at a folder holding ml-100k/ and ml-latest-small/.
#
#   MOVIEREC_DATA=/path/to/datasets benchmarks/tune-presets.sh [tune|deep|evaluate|all]
#
# "deep" searches the grids around the deep models' tuned presets (about two and a half hours on two cores: the rating
# CNNs, NeuMF on one validation split per protocol (each fit trains it twice), the like/dislike MLP, the sequence CNN
# on one validation split), "all" runs tune, deep and evaluate.
#
# One search through the CLI, for example:
#   movierec tune --model ease --data ml-100k --protocol full-ranking --seeds 3 --output benchmarks/tuned/ease-ml-100k-full-ranking.json
set -euo pipefail
cd "$(dirname "$0")/.."
if [[ -z "${MOVIEREC_DATA:-}" ]]; then
  echo "Set MOVIEREC_DATA to the folder that holds ml-100k/ and ml-latest-small/." >&2
  exit 2
fi
what="${1:-all}"
dotnet build -c Release src/MovieRec.Cli >/dev/null
cli=(dotnet src/MovieRec.Cli/bin/Release/net10.0/MovieRec.Cli.dll)
mkdir -p benchmarks/tuned
tuned() { echo "benchmarks/tuned/$1-$2-$3.json"; }

if [[ "$what" == tune || "$what" == all ]]; then
  for data in ml-100k ml-latest-small; do
    for model in ease bpr ials iknn; do
      "${cli[@]}" tune --model "$model" --data "$data" --protocol full-ranking --seeds 3 --output "$(tuned "$model" "$data" full-ranking)" | grep -v '%'
    done
  done
  for model in mf als; do
    "${cli[@]}" tune --model "$model" --data ml-100k --protocol random-80-20 --seeds 3 --output "$(tuned "$model" ml-100k random-80-20)" | grep -v '%'
  done
  "${cli[@]}" tune --model iknn --data ml-100k --protocol random-80-20 --seeds 3 --output "$(tuned iknn ml-100k random-80-20)" | grep -v '%'
  "${cli[@]}" tune --model iknn --data ml-latest-small --protocol loo-99 --seeds 3 --output "$(tuned iknn ml-latest-small loo-99)" | grep -v '%'
  for model in ease bpr ials iknn; do
    "${cli[@]}" tune --model "$model" --data ml-100k --protocol loo-99 --seeds 3 --output "$(tuned "$model" ml-100k loo-99)" | grep -v '%'
  done
fi

if [[ "$what" == deep || "$what" == all ]]; then
  for model in text-cnn-tuned lstm-cnn-tuned; do
    "${cli[@]}" tune --model "$model" --data ml-100k --protocol random-80-20 --seeds 3 --output "$(tuned "$model" ml-100k random-80-20)" | grep -v '%'
  done
  "${cli[@]}" tune --model neumf-tuned --data ml-100k --protocol full-ranking --seeds 1 --output "$(tuned neumf-tuned ml-100k full-ranking)" | grep -v '%'
  "${cli[@]}" tune --model neumf-tuned --data ml-100k --protocol loo-99 --seeds 1 --output "$(tuned neumf-tuned ml-100k loo-99)" | grep -v '%'
  "${cli[@]}" tune --model like-mlp-tuned --data ml-latest-small --protocol random-90-10 --seeds 3 --output "$(tuned like-mlp-tuned ml-latest-small random-90-10)" | grep -v '%'
  "${cli[@]}" tune --model seq-cnn-tuned --data ml-100k --protocol random-80-20 --seeds 1 --output "$(tuned seq-cnn-tuned ml-100k random-80-20)" | grep -v '%'
fi

if [[ "$what" == evaluate || "$what" == all ]]; then
  for data in ml-100k ml-latest-small; do
    settings=$(for m in ease bpr ials iknn; do tuned "$m" "$data" full-ranking; done | paste -sd,)
    if [[ -f "$(tuned neumf-tuned "$data" full-ranking)" ]]; then settings="$settings,$(tuned neumf-tuned "$data" full-ranking)"; fi
    "${cli[@]}" evaluate --data "$data" --protocol full-ranking --seeds 3 --models ease,bpr,ials,iknn,neumf-tuned,pop --settings "$settings" | grep -v '%'
  done
  settings=$(for m in ease bpr ials iknn; do tuned "$m" ml-100k loo-99; done | paste -sd,)
  "${cli[@]}" evaluate --data ml-100k --protocol loo-99 --seeds 3 --models ease,bpr,ials,iknn,neumf-tuned,pop --settings "$settings" | grep -v '%'
fi
