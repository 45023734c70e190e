#!/usr/bin/env bash
# Sets up and runs JustPay on embedded defaults: the committed program on the embedded
# local chain, with state kept in .justpay/. No Rust toolchain needed.
set -euo pipefail
cd "$(dirname "$0")/.."
NEED_TOOLCHAIN=0 bash scripts/setup.sh
exec npm start
