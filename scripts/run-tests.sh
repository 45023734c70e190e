#!/usr/bin/env bash
# Sets up a fresh machine and runs the whole test suite. Uses the PostgreSQL and Redis
# already running (DATABASE_URL / REDIS_URL override the 127.0.0.1 defaults); starts neither.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
export DATABASE_URL=${DATABASE_URL:-postgresql://postgres@127.0.0.1:5432/test}
export REDIS_URL=${REDIS_URL:-redis://127.0.0.1:6379}
npm test
