#!/usr/bin/env bash
# Installs every Debian package and npm dependency Kehu needs to build, run and test.
# Idempotent, non-interactive; run as root on Debian 12. Skips apt entirely when all is present.
set -euo pipefail
cd "$(dirname "$0")/.."

PACKAGES=(
  # toolchain
  build-essential cmake ninja-build pkg-config git ca-certificates
  # server libraries
  libboost1.81-dev libboost-json1.81-dev libssl-dev zlib1g-dev
  libsqlite3-dev libpq-dev libsodium-dev libicu-dev libopencc-dev opencc unicode-data
  libspdlog-dev libfmt-dev libcli11-dev libtomlplusplus-dev libhowardhinnant-date-dev tzdata
  libcurl4-openssl-dev libkainjow-mustache-dev
  libjemalloc-dev  # the server's allocator
  # documents: XLSX write/read, PDF with CJK fonts
  libxlsxwriter-dev libminizip-dev libexpat1-dev libcairo2-dev libpango1.0-dev fonts-noto-cjk
  fonts-hanazono  # CJK Extension B+ glyphs that Noto lacks (𠀀)
  # tests and benchmarks
  libgtest-dev libgmock-dev libbenchmark-dev postgresql-15 wrk hyperfine
  chromium chromium-driver python3-aiosmtpd poppler-utils
  openssl  # self-signed certificates for the SMTP STARTTLS/TLS tests
)
# Node.js: use the machine's if present (it may come from another source than Debian's).
command -v npm >/dev/null 2>&1 || PACKAGES+=(nodejs npm)

missing=()
for p in "${PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  echo "install-deps: installing ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

# Front-end dependencies, exactly as locked.
if [ -f web/package-lock.json ]; then
  if [ ! -d web/node_modules ] || [ web/package-lock.json -nt web/node_modules/.package-lock.json ]; then
    (cd web && npm ci --no-audit --no-fund --loglevel=error)
  fi
fi
