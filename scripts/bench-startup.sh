#!/usr/bin/env bash
# Startup and memory benchmark of the desktop app: builds the optimized app (as run.sh does)
# and runs e2e/bench/startup.mjs against it under Xvfb. Arguments go to the script:
#   ./scripts/bench-startup.sh              warm runs (page cache kept)
#   ./scripts/bench-startup.sh --cold       drop the page cache before each run (root only)
#   ./scripts/bench-startup.sh --cold --gl-cached   ... then read Mesa and LLVM back (a desktop)
#   ./scripts/bench-startup.sh --runs 10 --json out.json
# Needs what the E2E suite needs (tauri-driver, WebKitWebDriver, Xvfb): run scripts/test.sh once.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$ROOT"
export PATH="$HOME/.cargo/bin:$PATH"

ensure_e2e_deps
npm_ensure "$ROOT/ui"
npm_ensure "$ROOT/e2e"
if [ -z "${STRATUS_APP:-}" ]; then
  ui/node_modules/.bin/tauri build --no-bundle
  export STRATUS_APP="$ROOT/target/release/stratus-app"
fi
exec node e2e/bench/startup.mjs "$@"
