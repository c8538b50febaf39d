#!/usr/bin/env bash
# Installs what building Qilian needs on a fresh Debian/Ubuntu machine: a C compiler (SQLite is
# bundled) and a Rust toolchain if there is none. With --gui, also the libraries the window loads
# at run time (X11/Wayland keyboard, OpenGL/Vulkan through Mesa); the tests need none of them.
set -euo pipefail
SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"
packages=(build-essential)
[ "${1:-}" = "--gui" ] && packages+=(libxkbcommon-x11-0 libegl1 libgl1-mesa-dri libvulkan1 mesa-vulkan-drivers)
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
