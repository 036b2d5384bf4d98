#!/usr/bin/env bash
# Sets up what is missing and runs every test of Stratus: formatting, lints, Rust tests,
# the UI's type check and unit tests, a debug build of the desktop app, and the end-to-end
# test of the real app under Xvfb driven by WebDriver. Prints the time of each stage.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$ROOT"
export PATH="$HOME/.cargo/bin:$PATH"
T0=$(date +%s)
if [ "${CI:-}" = "true" ]; then
  # A one-off build on a clean clone gains nothing from incremental caches, which would
  # add gigabytes to target/.
  export CARGO_INCREMENTAL=0
fi
log "free disk space: $(df -Ph . | awk 'NR==2 {print $4}') (a clean run fills target/ with about 2 GB)"

stage "setup: system packages"
ensure_rust
ensure_node
ensure_build_deps
ensure_e2e_deps
stage "setup: npm ci"
npm_ensure "$ROOT/ui"
npm_ensure "$ROOT/e2e"
stage "setup: Anki test venv"
# The Anki export test (crates/cli/tests/anki.rs) imports exported decks with Anki's own
# Python package, installed from PyPI into a virtual environment used only by the tests.
# Kept between runs; made again when the pinned version changes.
ANKI_VERSION="26.9.3"
ANKI_VENV="$ROOT/target/anki-venv"
apt_ensure python3-venv
if [ "$(cat "$ANKI_VENV/.stratus-anki-version" 2>/dev/null)" != "$ANKI_VERSION" ]; then
  log "making target/anki-venv with anki $ANKI_VERSION"
  rm -rf "$ANKI_VENV"
  python3 -m venv "$ANKI_VENV"
  "$ANKI_VENV/bin/pip" install --quiet --disable-pip-version-check "anki==$ANKI_VERSION"
  echo "$ANKI_VERSION" >"$ANKI_VENV/.stratus-anki-version"
fi
export STRATUS_ANKI_PYTHON="$ANKI_VENV/bin/python"

stage "cargo fmt --check"
cargo fmt --all -- --check

stage "ui build (embedded by the app)"
npm --prefix ui run build --silent

stage "cargo clippy"
cargo clippy --workspace --all-targets --locked -- -D warnings

stage "cargo test"
# As root (CI), the read-only and full-disk tests must mount their tmpfs, never skip.
if [ "$(id -u)" = "0" ]; then
  export STRATUS_REQUIRE_MOUNT=1
fi
cargo test --workspace --locked
# The test above regenerated the TypeScript bindings; they must match what is committed.
if ! git diff --quiet -- ui/src/lib/bindings.ts; then
  echo "ui/src/lib/bindings.ts is out of date: run 'cargo test -p stratus-app' and commit it." >&2
  git --no-pager diff --stat -- ui/src/lib/bindings.ts >&2
  exit 1
fi

stage "ui: svelte-check"
npm --prefix ui run check --silent

stage "ui: vitest"
npm --prefix ui test --silent

stage "desktop app build (debug)"
# Embeds ui/dist into the binary; the E2E test drives this very binary.
ui/node_modules/.bin/tauri build --debug --no-bundle --ci

stage "e2e (tauri-driver, Xvfb)"
npm --prefix e2e test

stage ""
log "size of target/: $(du -sh target 2>/dev/null | cut -f1)"
printf '\nStage timings:\n%s' "$STAGE_REPORT"
printf 'total %ss\n' "$(( $(date +%s) - T0 ))"
