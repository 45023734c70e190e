#!/usr/bin/env bash
# Installs what this machine lacks, and only that: the Debian SBF toolchain (for building
# and for the reproducible-build test), redis-server (the embedded stack's private Redis,
# unless REDIS_URL is set), Debian Chromium (the public pages' browser tests drive it through
# playwright-core) and the npm dependencies.
set -euo pipefail
cd "$(dirname "$0")/.."

apt_install() {
  echo "setup: installing Debian packages: $*"
  local sudo_cmd=""
  [ "$(id -u)" = 0 ] || sudo_cmd="sudo"
  $sudo_cmd apt-get update -qq || true
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq "$@"
}

need_toolchain=${NEED_TOOLCHAIN:-1}
apt_packages=(rustc-web rust-web-src llvm-22)
if [ "$need_toolchain" = 1 ]; then
  missing=()
  [ -x /usr/bin/rustc ] || missing+=(rustc-web)
  compgen -G "/usr/src/rustc-*/library/core/src/lib.rs" >/dev/null || missing+=(rust-web-src)
  [ -x /usr/bin/llc-22 ] || missing+=(llvm-22)
  if [ ${#missing[@]} -gt 0 ]; then
    apt_install "${apt_packages[@]}"
  fi
fi

if [ -z "${REDIS_URL:-}" ] && ! command -v redis-server >/dev/null 2>&1; then
  apt_install redis-server
fi

[ -x /usr/bin/chromium ] || apt_install chromium

# Install only when the lockfile changed since the last install. `npm install` rather than
# `npm ci`: the registry we reach lacks litesvm's other-platform binaries, which npm ci
# insists on finding in the lockfile; install resolves the same pinned tree without them.
stamp=node_modules/.package-lock.sha256
want=$(sha256sum package-lock.json | cut -d' ' -f1)
if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$want" ]; then
  echo "setup: installing npm dependencies"
  npm install --no-audit --no-fund
  echo "$want" > "$stamp"
fi
