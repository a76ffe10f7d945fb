#!/usr/bin/env bash
# Proves the packages work as an application uses them: packs every package into artifacts/packages
# (no warning allowed), builds and runs each sample against that feed on the built-in synthetic data,
# publishes one for every platform ONNX Runtime ships and checks the native files, and installs the
# movierec tool from the feed and runs it.
set -euo pipefail
cd "$(dirname "$0")/.."

feed=artifacts/packages
rm -rf "$feed" artifacts/tool artifacts/publish artifacts/gpu artifacts/tool-gpu
log="$(mktemp)"
trap 'rm -f "$log"' EXIT

echo "== dotnet pack"
dotnet pack MovieRec.sln -c Release -o "$feed" 2>&1 | tee "$log"
if grep -Eiq "warning" "$log"; then
  echo "dotnet pack printed warnings (above)." >&2
  exit 1
fi

version="$(ls "$feed" | sed -nE 's/^MovieRec\.Cli\.([0-9].*)\.nupkg$/\1/p')"
[ -n "$version" ] || { echo "No MovieRec.Cli package in $feed." >&2; exit 1; }
for package in MovieRec MovieRec.Onnx MovieRec.MLNet MovieRec.AspNetCore MovieRec.Cli; do
  [ -f "$feed/$package.$version.nupkg" ] || { echo "Missing $feed/$package.$version.nupkg." >&2; exit 1; }
  # The manifest pack wrote into the package (pack itself fails when a readme it names is absent).
  nuspec="src/$package/obj/Release/$package.$version.nuspec"
  for field in '<readme>PACKAGE.md</readme>' '<license type="expression">' '<repository type="git"'; do
    grep -q "$field" "$nuspec" || { echo "$nuspec lacks $field." >&2; exit 1; }
  done
done
echo "packed $version: readme, licence and repository in every package"

for sample in GettingStarted DeepModels Ncf MLNetWorkflow AspNetCoreApp; do
  echo "== samples/$sample"
  dotnet run --project "samples/$sample" -c Release -p:MovieRecVersion="$version"
done

echo "== an ML.NET application's journey: trained and saved in one process, loaded and asked in another"
journey() { # $1 = a ratings file: the predictions of the two processes must be the same
  local model
  model="artifacts/journey-$(basename "$(dirname "$1")").zip"
  dotnet run --project samples/MLNetWorkflow -c Release --no-build -p:MovieRecVersion="$version" -- "$1" "$model" >"$log"
  grep -v '^prediction:' "$log"
  grep '^prediction:' "$log" >"$log.trained"
  dotnet run --project samples/MLNetWorkflow -c Release --no-build -p:MovieRecVersion="$version" -- --load "$model" "$1" | grep '^prediction:' >"$log.loaded"
  [ "$(wc -l <"$log.trained")" -eq 5 ] || { echo "The ML.NET sample printed no predictions for $1." >&2; exit 1; }
  diff "$log.trained" "$log.loaded" || { echo "The model loaded in a new process predicts otherwise than the one trained on $1 (above)." >&2; exit 1; }
  rm -f "$model" "$log.trained" "$log.loaded"
  echo "the same predictions after a save and a load in a new process ($(basename "$1"))"
}
for ratings in "${MOVIEREC_DATA:-.}/ml-100k/u.data" "${MOVIEREC_DATA:-.}/ml-latest-small/ratings.csv"; do
  if [ -f "$ratings" ]; then journey "$ratings"; else echo "skipped: $ratings is not there (set MOVIEREC_DATA)"; fi
done

echo "== runtime assets"
# A portable publish carries ONNX Runtime's native library for every platform; a linux-x64 one runs here.
dotnet publish samples/DeepModels -c Release -p:MovieRecVersion="$version" -o artifacts/publish/portable >/dev/null
for native in win-x64/native/onnxruntime.dll osx-arm64/native/libonnxruntime.dylib linux-arm64/native/libonnxruntime.so linux-x64/native/libonnxruntime.so; do
  [ -f "artifacts/publish/portable/runtimes/$native" ] || { echo "The published app lacks runtimes/$native." >&2; exit 1; }
done
echo "native ONNX Runtime present for win-x64, osx-arm64, linux-arm64 and linux-x64"
dotnet publish samples/DeepModels -c Release -r linux-x64 --self-contained false -p:MovieRecVersion="$version" -o artifacts/publish/linux-x64 >/dev/null
artifacts/publish/linux-x64/DeepModels >/dev/null
echo "the linux-x64 publish runs"
# Without the native library, the first use of ONNX Runtime says which package to add.
cp -r artifacts/publish/linux-x64 artifacts/publish/no-native
rm -f artifacts/publish/no-native/libonnxruntime*.so
# (The app aborts with an unhandled exception; the subshell keeps the shell's own report of that off the output.)
if (artifacts/publish/no-native/DeepModels >"$log" 2>&1; exit $?) 2>/dev/null; then
  echo "The app ran without ONNX Runtime's native library." >&2
  exit 1
fi
grep -q "references one native package, Microsoft.ML.OnnxRuntime (CPU) or Microsoft.ML.OnnxRuntime.Gpu (CUDA)" "$log" \
  || { cat "$log" >&2; echo "Without the native library the error does not name the package to add (above)." >&2; exit 1; }
# The same through an ML.NET estimator, whose model first meets ONNX Runtime in ML.NET's OnnxTransformer: before training.
dotnet publish samples/MLNetWorkflow -c Release -r linux-x64 --self-contained false -p:MovieRecVersion="$version" -o artifacts/publish/mlnet-no-native >/dev/null
rm -f artifacts/publish/mlnet-no-native/libonnxruntime*.so
if (artifacts/publish/mlnet-no-native/MLNetWorkflow >"$log" 2>&1; exit $?) 2>/dev/null; then
  echo "The ML.NET sample ran without ONNX Runtime's native library." >&2
  exit 1
fi
grep -q "references one native package, Microsoft.ML.OnnxRuntime (CPU) or Microsoft.ML.OnnxRuntime.Gpu (CUDA)" "$log" \
  || { cat "$log" >&2; echo "Without the native library the ML.NET estimator does not name the package to add (above)." >&2; exit 1; }
echo "without the native library, the error names the package to add (library and ML.NET estimator)"

echo "== movierec tool"
dotnet tool install MovieRec.Cli --version "$version" --tool-path artifacts/tool --add-source "$feed"
artifacts/tool/movierec --version
artifacts/tool/movierec info >/dev/null
artifacts/tool/movierec quickstart --ratings 5000 --epochs 2 >/dev/null
echo "the installed tool runs"

echo "== the CUDA build (Microsoft.ML.OnnxRuntime.Gpu): restored, built, packed, installed and run without a GPU"
# No package of the graph may bring the CPU native library beside the CUDA one.
only_cuda_native() { # $1 = a project.assets.json
  if grep -q '"Microsoft.ML.OnnxRuntime/' "$1"; then
    echo "$1 resolves the CPU package Microsoft.ML.OnnxRuntime beside Microsoft.ML.OnnxRuntime.Gpu." >&2
    exit 1
  fi
  grep -q '"Microsoft.ML.OnnxRuntime.Gpu/' "$1" || { echo "$1 does not resolve Microsoft.ML.OnnxRuntime.Gpu." >&2; exit 1; }
}
cuda_reported() { # $1 = a log of movierec info: CUDA starts, or the reason it cannot is named
  grep -Eq "CUDA +│ (starts|cannot be started: .*)" "$1" || { cat "$1" >&2; echo "movierec info does not say whether CUDA starts (above)." >&2; exit 1; }
}
dotnet run --project samples/CudaApp -c Release -p:MovieRecVersion="$version"
only_cuda_native samples/CudaApp/obj/project.assets.json
dotnet pack src/MovieRec.Cli -c Release -p:OnnxRuntimePackage=gpu -o artifacts/gpu 2>&1 | tee "$log"
only_cuda_native src/MovieRec.Cli/obj/project.assets.json
if grep -Eiq "warning" "$log"; then
  echo "dotnet pack of the CUDA tool printed warnings (above)." >&2
  exit 1
fi
[ -f "artifacts/gpu/MovieRec.Cli.Gpu.$version.nupkg" ] || { echo "Missing artifacts/gpu/MovieRec.Cli.Gpu.$version.nupkg." >&2; exit 1; }
dotnet tool install MovieRec.Cli.Gpu --version "$version" --tool-path artifacts/tool-gpu --add-source artifacts/gpu
artifacts/tool-gpu/movierec info >"$log" 2>&1
cuda_reported "$log"
dotnet run --project src/MovieRec.Cli -c Release -p:OnnxRuntimePackage=gpu -- info >"$log" 2>&1
cuda_reported "$log"
rm -rf artifacts/tool-gpu
echo "the CUDA build restores, packs, installs and reports whether CUDA starts"

# The packs of this run leave the NuGet cache: each local pack has a version of its own.
packages="$(dotnet nuget locals global-packages --list | sed -E 's/^[^:]*: *//')"
for package in movierec movierec.onnx movierec.mlnet movierec.aspnetcore movierec.cli movierec.cli.gpu; do
  rm -rf "${packages:?}/$package/$version"
done
