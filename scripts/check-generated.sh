#!/usr/bin/env bash
# Fails when the generated code in the work tree differs from what the spec produces. Run after
# `pnpm generate` (turbo's check:generated task does): any diff against git's index, or any new
# generated file git does not know, means the committed code is stale or was edited by hand.
set -euo pipefail
cd "$(dirname "$0")/.."
dirs=(packages/types/src/generated packages/client/src/generated apps/simulator/src/generated
  packages/client/REFERENCE.md packages/mcp/src/generated)
untracked=$(git ls-files --others --exclude-standard -- "${dirs[@]}")
if ! git diff --exit-code --stat -- "${dirs[@]}" || [ -n "$untracked" ]; then
  [ -z "$untracked" ] || printf 'untracked generated files:\n%s\n' "$untracked"
  echo 'Generated code differs from the spec: run `pnpm generate`, review the diff and commit it.' >&2
  exit 1
fi
echo 'Generated code matches the spec.'
