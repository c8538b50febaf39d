#!/usr/bin/env bash
# Installs what building Qilian needs on a fresh Debian/Ubuntu machine: a C compiler (SQLite is
# bundled) and a Rust toolchain if there is none. Then, for the tests (--tests), Mesa's software
# Vulkan and OpenGL drivers, which the screen snapshot tests render with (no GPU or display
# needed); for the app (--gui), also the libraries the window loads (X11/Wayland keyboard).
set -euo pipefail
SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"
packages=(build-essential)
case "${1:-}" in
  --tests) packages+=(libvulkan1 mesa-vulkan-drivers libegl1 libgl1-mesa-dri) ;;
  --gui) packages+=(libxkbcommon-x11-0 libvulkan1 mesa-vulkan-drivers libegl1 libgl1-mesa-dri) ;;
esac
need=()
for pkg in "${packages[@]}"; do
  dpkg -s "$pkg" >/dev/null 2>&1 || need+=("$pkg")
done
if [ ${#need[@]} -gt 0 ]; then
  $SUDO apt-get update
  $SUDO apt-get install -y --no-install-recommends "${need[@]}"
fi
if ! command -v cargo >/dev/null 2>&1; then
  [ -f "$HOME/.cargo/env" ] && . "$HOME/.cargo/env"
fi
if ! command -v cargo >/dev/null 2>&1; then
  $SUDO apt-get install -y rustup
  rustup default stable
fi
rustup component add rustfmt clippy >/dev/null 2>&1 || true
