#!/usr/bin/env bash
# Rewrites the <Compile Include="..."/> items of a nanoFramework .nfproj from the .cs files in its
# folder (recursively, bin/ and obj/ excluded). An .nfproj does not glob like an SDK project, so run
# this after adding, moving or deleting a source file; the test
# tests/Gateway.Core.Tests/Build/NfprojCompileItemsTests.cs fails while a project and its folder differ.
#
# Usage: tools/sync-nfproj.sh path/to/Project.nfproj [--check]
#   --check  change nothing; print the difference and exit 1 when the project is out of sync.
set -euo pipefail

if [[ $# -lt 1 || ! -f "$1" ]]; then
  echo "usage: $0 path/to/Project.nfproj [--check]" >&2
  exit 2
fi

project=$1
mode=${2:-}
dir=$(cd "$(dirname "$project")" && pwd)

if grep -Eq '<Compile [^>]*[^/]>\s*$' "$project"; then
  echo "$project: has a multi-line <Compile> item (a link?); edit it by hand" >&2
  exit 2
fi

# Keep the file's line endings (Visual Studio may write CRLF).
eol=$'\n'
if grep -q $'\r$' "$project"; then
  eol=$'\r\n'
fi

wanted=$(cd "$dir" && find . -type f -name '*.cs' -not -path '*/bin/*' -not -path '*/obj/*' \
  | sed 's|^\./||' | LC_ALL=C sort | sed 's|/|\\|g')
current=$(grep -o '<Compile Include="[^"]*"' "$project" | sed 's/<Compile Include="//; s/"$//' | LC_ALL=C sort || true)

if [[ "$wanted" == "$(printf '%s\n' "$current" | LC_ALL=C sort | sed '/^$/d')" ]]; then
  [[ "$mode" == "--check" ]] && echo "$project: in sync"
  exit 0
fi

if [[ "$mode" == "--check" ]]; then
  echo "$project: <Compile> items differ from the .cs files in $dir" >&2
  diff <(printf '%s\n' "$current" | sed '/^$/d') <(printf '%s\n' "$wanted") | sed 's/^</  only in the project:/; s/^>/  only on disk:/' | grep '^  ' >&2 || true
  exit 1
fi

items=""
while IFS= read -r f; do
  [[ -z "$f" ]] && continue
  items+="    <Compile Include=\"$f\" />$eol"
done <<< "$wanted"

tmp=$(mktemp)
ITEMS="$items" EOL="$eol" awk '
  BEGIN { items = ENVIRON["ITEMS"]; eol = ENVIRON["EOL"]; done = 0; ORS = "" }
  /<Compile Include="[^"]*"[^>]*\/>/ {
    if (!done) { print items; done = 1 }
    next
  }
  /NFProjectSystem\.CSharp\.targets/ && !done {
    print "  <ItemGroup>" eol items "  </ItemGroup>" eol
    done = 1
  }
  { print $0 "\n" }
' "$project" > "$tmp"
cat "$tmp" > "$project"
rm -f "$tmp"
echo "$project: $(printf '%s\n' "$wanted" | sed '/^$/d' | wc -l) <Compile> items written"
