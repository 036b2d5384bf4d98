# Shared helpers for run.sh and test.sh: install what Stratus needs on Debian/Ubuntu when
# it is missing. Sourced, not executed.

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
TAURI_DRIVER_VERSION="2.1.0"

log() { printf '\n==> %s\n' "$*"; }

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}

# apt_ensure PKG...: installs the Debian packages that are not installed yet.
apt_ensure() {
  local missing=()
  for pkg in "$@"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "ok installed" || missing+=("$pkg")
  done
  if [ "${#missing[@]}" -gt 0 ]; then
    log "installing Debian packages: ${missing[*]}"
    as_root apt-get update -q
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}"
  fi
}

# Libraries and tools to build the desktop app (WebKitGTK 4.1 and the usual Tauri set).
ensure_build_deps() {
  apt_ensure build-essential pkg-config curl file libwebkit2gtk-4.1-dev libssl-dev \
    libayatana-appindicator3-dev librsvg2-dev libxdo-dev libsoup-3.0-dev fonts-noto-cjk
}

ensure_rust() {
  if ! command -v cargo >/dev/null 2>&1; then
    echo "Rust is required (rustup: https://rustup.rs); cargo was not found." >&2
    exit 1
  fi
  if command -v rustup >/dev/null 2>&1; then
    rustup component list --installed 2>/dev/null | grep -q '^clippy' || rustup component add clippy
    rustup component list --installed 2>/dev/null | grep -q '^rustfmt' || rustup component add rustfmt
  fi
}

# Node.js >= 20.19 is required by Vite 7 (Debian 12's own nodejs 18 is too old).
ensure_node() {
  if ! command -v node >/dev/null 2>&1; then
    echo "Node.js >= 20.19 is required; node was not found." >&2
    exit 1
  fi
  local v major minor
  v="$(node -p 'process.versions.node')"
  major="${v%%.*}"; minor="${v#*.}"; minor="${minor%%.*}"
  if [ "$major" -lt 20 ] || { [ "$major" -eq 20 ] && [ "$minor" -lt 19 ]; }; then
    echo "Node.js >= 20.19 is required; found $v." >&2
    exit 1
  fi
}

# npm_ensure DIR: runs `npm ci` in DIR unless node_modules matches package-lock.json.
npm_ensure() {
  local dir="$1"
  if [ "${CI:-}" = "true" ] || [ ! -f "$dir/node_modules/.package-lock.json" ] \
    || ! cmp -s "$dir/package-lock.json" "$dir/node_modules/.stratus-lock"; then
    log "npm ci in ${dir#"$ROOT"/}"
    (cd "$dir" && npm ci --no-audit --no-fund)
    cp "$dir/package-lock.json" "$dir/node_modules/.stratus-lock"
  fi
}

ensure_e2e_deps() {
  apt_ensure xvfb webkit2gtk-driver
  if ! command -v tauri-driver >/dev/null 2>&1 \
    || ! cargo install --list 2>/dev/null | grep -q "^tauri-driver v$TAURI_DRIVER_VERSION:"; then
    log "installing tauri-driver $TAURI_DRIVER_VERSION"
    cargo install tauri-driver --locked --version "$TAURI_DRIVER_VERSION"
  fi
}

# Prints how long each stage took, at the end of the run.
STAGE_NAME=""
STAGE_START=0
STAGE_REPORT=""
stage() {
  local now
  now=$(date +%s)
  if [ -n "$STAGE_NAME" ]; then
    STAGE_REPORT+=$(printf '%-28s %5ss' "$STAGE_NAME" "$((now - STAGE_START))")$'\n'
  fi
  STAGE_NAME="$1"
  STAGE_START=$now
  [ -n "$1" ] && log "$1"
  return 0
}
