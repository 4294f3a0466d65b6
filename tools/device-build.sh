#!/usr/bin/env bash
# The device build anyone can run (docs/BUILD.md, "The device build"): compiles every .nfproj under
# firmware/ and tests/ against the real nanoFramework libraries with the language rules of
# tools/Gateway.Analyzers, converts the assemblies to .pe, loads them on nanoCLR, prints each
# assembly's share of the .pe limits and the image against the boards' deployment partitions, and
# runs the device tests.
# The toolchain: $NANOFRAMEWORK_TOOLCHAIN, default <repo>/../shared/nanoframework; without one it
# prints one line and exits 0, except under CI=true. Last line: "device tests: N passed, N failed, N skipped".
#
# Usage: tools/device-build.sh [--no-build] [options of tools/Gateway.DeviceBuild, --help lists them]
#   --no-build   use the tool and the analyzer as already built (tools/ci/test.sh: the solution
#                build built them; the tool still builds a missing analyzer)
set -uo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
project="$root/tools/Gateway.DeviceBuild/Gateway.DeviceBuild.csproj"
dll="$root/tools/Gateway.DeviceBuild/bin/Release/net10.0/Gateway.DeviceBuild.dll"

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

build=1
args=()
for a in "$@"; do
  if [[ "$a" == "--no-build" ]]; then build=0; else args+=("$a"); fi
done

if [[ $build -eq 1 || ! -f "$dll" ]]; then
  if ! out=$(dotnet build "$project" -c Release -nologo -v:q -clp:NoSummary 2>&1); then
    echo "$out" | grep -E "error" | sort -u | head -n 20
    echo "device build: FAILED: the tool tools/Gateway.DeviceBuild does not build"
    echo "device tests: 0 passed, 0 failed, 0 skipped"
    exit 1
  fi
fi

exec dotnet "$dll" --repo "$root" ${args[@]+"${args[@]}"}
