#!/usr/bin/env bash
# Sets up what is missing, then builds and launches the Stratus desktop app.
# Pass --dev for the hot-reloading development mode instead of an optimized build.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$ROOT"
export PATH="$HOME/.cargo/bin:$PATH"

ensure_rust
ensure_node
ensure_build_deps
npm_ensure "$ROOT/ui"

if [ "${1:-}" = "--dev" ]; then
  exec ui/node_modules/.bin/tauri dev
fi
ui/node_modules/.bin/tauri build --no-bundle
exec "$ROOT/target/release/stratus-app" "$@"
