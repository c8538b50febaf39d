#!/usr/bin/env bash
# Builds Qilian and opens it on the demo federation (347 companies), created on first run.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh --gui
[ -f "$HOME/.cargo/env" ] && . "$HOME/.cargo/env"
cargo build --release
db="${QILIAN_DEMO_DB:-demo/qilian-demo.db}"
mkdir -p "$(dirname "$db")"
[ -f "$db" ] || target/release/qilian demo --db "$db"
exec target/release/qilian --db "$db"
