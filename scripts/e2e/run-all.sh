#!/usr/bin/env bash
# `npm run test:e2e`: installs the real editors (cached, see setup.sh), packages the extension, then runs every
# real-editor test: VS Code's own grammars, Neovim's, Emacs's (eglot) and Vim's (ALE) LSP clients, the extension-host suite
# and the UI smoke test in code-server. Every step runs even if an earlier one failed; the exit code is non-zero
# if any failed.
set -uo pipefail
cd "$(dirname "$0")/../.."
export E2E_CACHE=${E2E_CACHE:-$HOME/.cache/statefulset-e2e}
VERSION=$(node -p "require('./package.json').version")
VSIX="statefulset-authoring-$VERSION.vsix"
mkdir -p test-artifacts
t_all=$(date +%s)
summary=()
failed=0

step() {
  local name=$1 s rc
  shift
  echo "=== e2e: $name"
  s=$(date +%s)
  "$@"
  rc=$?
  summary+=("$(printf '%-12s %-4s %4ss' "$name" "$([ $rc = 0 ] && echo ok || echo FAIL)" $(( $(date +%s) - s )))")
  [ $rc = 0 ] || failed=1
  return $rc
}

# Without the editors nothing below can run: stop here, loudly.
step setup bash scripts/e2e/setup.sh || { printf '%s\n' "${summary[@]}"; exit 1; }
step package npm run --silent package || { printf '%s\n' "${summary[@]}"; exit 1; }
step vsix node scripts/run-tests.mjs test/e2e/package

step grammar env STATEFULSET_VSCODE_EXTENSIONS="$E2E_CACHE/code-server/node_modules/code-server/lib/vscode/extensions" \
  node --import tsx --test --test-reporter=spec test/unit/grammar.test.ts
step neovim node scripts/run-tests.mjs test/e2e/nvim
step emacs node scripts/run-tests.mjs test/e2e/emacs
step vim-ale node scripts/run-tests.mjs test/e2e/vim
step vscode-api node test/e2e/run-code-server.js
step vscode-ui node test/e2e/ui/smoke.js "$VSIX"

echo "=== e2e summary (total $(( $(date +%s) - t_all ))s)"
printf '%s\n' "${summary[@]}" | tee test-artifacts/e2e-timings.txt
exit $failed
