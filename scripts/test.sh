#!/usr/bin/env bash
# The one check that people and CI run: formatting, lints, every test (the screen snapshots
# render on Mesa's software drivers; no display or GPU needed).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh --tests
[ -f "$HOME/.cargo/env" ] && . "$HOME/.cargo/env"
# Mesa's loader wants a runtime folder; a headless machine may have none.
if [ -z "${XDG_RUNTIME_DIR:-}" ] || [ ! -d "$XDG_RUNTIME_DIR" ]; then
  XDG_RUNTIME_DIR="$(mktemp -d)"
  export XDG_RUNTIME_DIR
fi
cargo fmt --all -- --check
cargo clippy --all-targets --locked -- -D warnings
cargo test --locked
