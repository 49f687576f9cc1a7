#!/usr/bin/env bash
# Executes testdata/notebooks/newskg.ipynb headless under the GoNB Go
# kernel, as a notebook user would run it; fails when a cell fails.
# Needs jupyter-nbconvert, python3-nbclient, jupyter-client,
# python3-ipykernel and graphviz (.ci/run installs them).
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$(pwd)
shared=$(cd ../shared && pwd)
tools=$(mktemp -d)
trap 'rm -rf "$tools"' EXIT

# GoNB and goimports, built in a scratch module (the module proxy here
# refuses "go install gonb@v0.11.1", which lists the module's versions)
(
  cd "$tools"
  go mod init notebook-tools >/dev/null 2>&1
  go get github.com/janpfeifer/gonb@v0.11.1 >/dev/null 2>&1
  go build -o "$tools/bin/gonb" github.com/janpfeifer/gonb
  GOBIN="$tools/bin" go install golang.org/x/tools/cmd/goimports@v0.29.0
)
export PATH="$tools/bin:$PATH"
# the kernel goes into a Jupyter data folder of this run only; gopls
# (completion) is not needed to execute
export JUPYTER_DATA_DIR="$tools/jupyter"
gonb --install --force_deps >/dev/null 2>&1

NEWSKG_DIR="$repo" NEWSKG_SHARED="$shared" jupyter nbconvert --to notebook --execute \
  --ExecutePreprocessor.timeout=600 testdata/notebooks/newskg.ipynb --output "$tools/executed.ipynb" \
  2> >(grep -v '^[IW][0-9]\{4\} ' >&2)
# GoNB reports a cell whose program panics or exits non-zero as output,
# not as an error, so nbconvert succeeds: look for it in the result
python3 - "$tools/executed.ipynb" <<'PY'
import json, re, sys
failed = []
for i, cell in enumerate(json.load(open(sys.argv[1]))["cells"]):
    for out in cell.get("outputs", []):
        text = "".join(out.get("text", ""))
        if out.get("output_type") == "error" or out.get("name") == "stderr" and re.search(r"^(panic: |exit status [1-9])", text, re.M):
            failed.append("cell %d: %s" % (i, (text or out.get("evalue", "")).strip().splitlines()[0]))
if failed:
    sys.exit("notebook: a cell failed\n" + "\n".join(failed))
PY
echo "notebook: every cell ran"
