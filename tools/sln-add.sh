#!/usr/bin/env bash
# Adds host projects to Gateway.sln and keeps the solution's rules (docs/BUILD.md): no x64/x86
# platforms, and the Device configuration builds only the nanoFramework (.nfproj) projects.
# Usage: tools/sln-add.sh <folder> <project.csproj>...   (folder: tools or tests)
set -euo pipefail
cd "$(dirname "$0")/.."
folder=$1; shift
for p in "$@"; do dotnet sln Gateway.sln add --solution-folder "$folder" "$p" >/dev/null; done
python3 - <<'PY'
import re
p = 'Gateway.sln'
s = open(p).read()
nf = '{11A8DD76-328B-46DF-9F39-F559912D0360}'
projs = re.findall(r'Project\("(\{[^}]+\})"\) = "[^"]*", "([^"]+proj)", "(\{[^}]+\})"', s)
nfguids = {g for t, _, g in projs if t == nf}
out = []
for line in s.split('\n'):
    if re.search(r'\|(x64|x86)', line):
        continue
    m = re.match(r'\s*(\{[^}]+\})\.Device\|Any CPU\.Build\.0', line)
    if m and m.group(1) not in nfguids:
        continue
    out.append(line)
open(p, 'w').write('\n'.join(out))
PY
