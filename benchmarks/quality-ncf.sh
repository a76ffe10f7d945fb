#!/usr/bin/env bash
# Reproduces the NCF quality tables: GMF, MLP, NeuMF without and with pre-training (SGD fine-tuning, the
# default, and Adam) next to implicit ALS, item k-NN (implicit iknn and rating ibcf) and popularity under the NCF paper's protocol
# (leave-one-out by time, 99 sampled negatives, HR@10 and NDCG@10, 3 seeds) on ML-100K and
# ml-latest-small; then the rating task (RMSE, MAE on ML-100K random 4:1, 3 seeds) next to MF.
# Needs MOVIEREC_DATA pointing at a folder holding ml-100k/ and ml-latest-small/.
#
#   MOVIEREC_DATA=/path/to/datasets benchmarks/quality-ncf.sh [output-folder] [extra key=value settings]
#
# The implicit table through the CLI (default NCF settings):
#   movierec evaluate --data ml-100k --protocol loo-99 --seeds 3 --models neumf,neumf-nopre,gmf,mlp,ials,iknn,ibcf,pop
#
# The tuned settings (NcfOptions.Tuned: epochs and alpha chosen on a validation leave-one-out carved
# from the training data, 64 factors, embedding L2 0.005, each user's 10 latest interactions twice):
#   benchmarks/quality-ncf.sh out factors=64 mlp=128-64-32-16 epochs=20 select=retrain selectalpha l2=0.005 latest=10
# or through the CLI:
#   movierec evaluate --data ml-100k --protocol loo-99 --seeds 3 --models neumf-tuned,gmf-tuned,mlp-tuned,ials,iknn,pop
set -euo pipefail
cd "$(dirname "$0")/.."
if [[ -z "${MOVIEREC_DATA:-}" ]]; then
  echo "Set MOVIEREC_DATA to the folder that holds ml-100k/ and ml-latest-small/." >&2
  exit 2
fi
out="${1:-quality-ncf}"
shift || true
run() { dotnet run -c Release --project benchmarks/MovieRec.Benchmarks -- report NcfQuality "$@"; }
run data=ml-100k protocol=loo-99 seeds=3 models=gmf,mlp,neumf-nopre,neumf-adam,neumf,ials,iknn,ibcf,pop "out=$out" "$@"
# ml-latest-small (9,742 movies, so each epoch is several times slower): SGD fine-tuning only.
run data=ml-latest-small protocol=loo-99 seeds=3 models=gmf,mlp,neumf-nopre,neumf,ials,iknn,pop "out=$out" "$@"
run data=ml-100k protocol=random-80-20 seeds=3 models=gmf-rating,mlp-rating,neumf-nopre-rating,neumf-rating,mf,bias "out=$out" "$@"
