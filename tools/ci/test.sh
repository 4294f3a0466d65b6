#!/usr/bin/env bash
# The README's test command: builds the solution, runs every host test project, then the device
# build and the device tests on nanoCLR (tools/device-build.sh), and prints a summary whose last line
# is "N passed, N failed" (after a line "N skipped"; host and device counts together; exit code 0
# only when nothing failed).
set -uo pipefail
cd "$(dirname "$0")/../.."

log=$(mktemp)
results=$(mktemp -d)
trap 'rm -rf "$log" "$results"' EXIT

dotnet build Gateway.sln -c Release 2>&1 | tee "$log" | grep -E "error|Warn|warn|Build succeeded|Elapsed" | grep -v "^\s*0 " | tail -n 40
if [ "${PIPESTATUS[0]}" -ne 0 ]; then
  echo "build failed"
  echo "0 passed, 1 failed"
  exit 1
fi

dotnet test Gateway.sln -c Release --no-build --logger "trx" --results-directory "$results" 2>&1 | tee "$log" \
  | grep -vE "^\s*$|^Test run for|^A total of|^VSTest|^Starting test execution|^Results File" 
status=${PIPESTATUS[0]}

passed=0; failed=0; skipped=0
for trx in "$results"/*.trx; do
  [ -f "$trx" ] || continue
  counters=$(grep -o '<Counters [^>]*>' "$trx" | head -n 1)
  p=$(sed -n 's/.* passed="\([0-9]*\)".*/\1/p' <<<"$counters")
  f=$(sed -n 's/.* failed="\([0-9]*\)".*/\1/p' <<<"$counters")
  t=$(sed -n 's/.* total="\([0-9]*\)".*/\1/p' <<<"$counters")
  e=$(sed -n 's/.* executed="\([0-9]*\)".*/\1/p' <<<"$counters")
  passed=$((passed + ${p:-0})); failed=$((failed + ${f:-0})); skipped=$((skipped + ${t:-0} - ${e:-0}))
done

if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then
  # The runner failed without a failing test (crash, no test assembly): count it as a failure.
  failed=1
fi

# The device build: every .nfproj compiled against the real nanoFramework libraries, converted to .pe,
# loaded on nanoCLR, sizes against the .pe limits, and the device tests run on nanoCLR
# (docs/BUILD.md, "The device build"). Without the toolchain it prints one line and adds nothing,
# except under CI=true, where that is a failure. The solution build has built the tool already.
echo "== device build"
bash tools/device-build.sh --no-build --results "$results/device.txt"
device_status=$?
dp=0; df=0; ds=0
if [ -f "$results/device.txt" ]; then
  read -r dp df ds < <(sed -n 's/^device tests: \([0-9]*\) passed, \([0-9]*\) failed, \([0-9]*\) skipped$/\1 \2 \3/p' "$results/device.txt") || true
fi
dp=${dp:-0}; df=${df:-0}; ds=${ds:-0}
if [ "$device_status" -ne 0 ] && [ "$df" -eq 0 ]; then
  # A compile, conversion, link or budget failure (or, under CI, a skipped device test): one failure.
  df=1
fi
passed=$((passed + dp)); failed=$((failed + df)); skipped=$((skipped + ds))
if [ $((passed + failed)) -eq 0 ]; then
  echo "no test ran"
  failed=1
fi
echo "${skipped} skipped"
echo "${passed} passed, ${failed} failed"
[ "$failed" -eq 0 ]
