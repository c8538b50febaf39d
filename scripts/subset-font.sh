#!/usr/bin/env bash
# Rebuilds assets/fonts/NotoSansSC-Qilian.otf: Noto Sans CJK SC Regular (SIL OFL 1.1, from Debian's
# fonts-noto-cjk) cut down to Latin, punctuation, symbols, full-width forms and the whole basic CJK
# block, so every Chinese company name renders on a machine without CJK fonts.
set -euo pipefail
cd "$(dirname "$0")/.."
command -v pyftsubset >/dev/null || pip install fonttools
src=/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc
[ -f "$src" ] || apt-get install -y fonts-noto-cjk
pyftsubset "$src" --font-number=2 \
  --unicodes="U+0020-007E,U+00A0-00FF,U+2000-206F,U+20AC,U+2100-215F,U+2190-21FF,U+2212,U+2460-24FF,U+2500-25FF,U+2605-2606,U+2713-2717,U+3000-303F,U+3200-32FF,U+4E00-9FFF,U+FE30-FE4F,U+FF00-FFEF" \
  --layout-features='' --no-hinting --desubroutinize \
  --output-file=assets/fonts/NotoSansSC-Qilian.otf
