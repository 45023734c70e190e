#!/usr/bin/env bash
# Sets up and runs JustPay on embedded defaults: the API, indexer and workers in one process
# on PGlite, a private redis-server and the embedded local chain (the committed program),
# with state kept in .justpay/. No Rust toolchain needed.
set -euo pipefail
cd "$(dirname "$0")/.."
NEED_TOOLCHAIN=0 bash scripts/setup.sh
exec npm start
