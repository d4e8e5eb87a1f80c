#!/usr/bin/env bash
# Installs, idempotently, what the build and the tests need on a fresh Debian machine of this kind.
# Safe to run again: it installs only what is missing.
set -euo pipefail

# Debian packages the build and tests use. Add a package here when a test starts needing one.
PACKAGES=(curl unzip ca-certificates procps)
PACKAGES+=(nftables iproute2 sip-tester kamailio)  # issue4: SIP lab (netns, NAT, SIP ALG, real SIP peers)
PACKAGES+=(snmpd snmp iperf3 ethtool)  # issue11: busy-hour lab (router's real IF-MIB counters, load, offloads off)
PACKAGES+=(coturn)  # issue12: an independent RFC 5780 STUN server for the NAT checks
PACKAGES+=(miniupnpd-nftables)  # issue12: a real NAT-PMP router for the router-WAN-address double-NAT signal
PACKAGES+=(chromium)  # issue13: the readiness report is tested in a real headless browser
PACKAGES+=(poppler-utils)  # issue13: pdfinfo and pdftoppm check the report PDF and make its first page a PNG
PACKAGES+=(lintian)  # issue14: the agent's .deb is checked the way Debian checks packages
PACKAGES+=(systemd man-db adduser binutils util-linux)  # issue14: systemd-analyze verify/security of the agent unit (its man: link), the package user, strip for the jlinked runtime, setpriv

missing=()
for p in "${PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
if ((${#missing[@]})); then
  if [[ $(id -u) -ne 0 ]]; then
    echo "install-deps: not root, cannot install ${missing[*]}; tests that need them will fail or skip" >&2
    exit 0
  fi
  echo "install-deps: installing ${missing[*]}"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}"
fi

# JDK 25 is not in Debian 12; this kind of machine ships Temurin 25 under /usr/lib/jvm.
if ! ls -d /usr/lib/jvm/*25* >/dev/null 2>&1 && [[ -z "${JAVA_HOME:-}" ]]; then
  echo "install-deps: no JDK 25 under /usr/lib/jvm and JAVA_HOME is unset; install Temurin 25 first" >&2
  exit 1
fi
# issue13: the dashboards' schema check (@grafana/schema + tsc, exact versions in dashboards/schema/package-lock.json).
# Node.js and npm come with this kind of machine; npm ci runs again only when the lockfile changed.
SCHEMA_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)/dashboards/schema"
if [[ ! -x "$SCHEMA_DIR/node_modules/.bin/tsc" || "$SCHEMA_DIR/package-lock.json" -nt "$SCHEMA_DIR/node_modules/.package-lock.json" ]]; then
  command -v npm >/dev/null || { echo "install-deps: npm not found; install Node.js 20 with npm" >&2; exit 1; }
  echo "install-deps: npm ci in dashboards/schema"
  (cd "$SCHEMA_DIR" && npm ci --no-audit --no-fund --prefer-offline --loglevel=error)
fi
# issue14: PGlite with TimescaleDB for the TimescaleDB ITs (exact versions in collector/src/test/timescale/package-lock.json).
TIMESCALE_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)/collector/src/test/timescale"
if [[ ! -f "$TIMESCALE_DIR/node_modules/.package-lock.json" || "$TIMESCALE_DIR/package-lock.json" -nt "$TIMESCALE_DIR/node_modules/.package-lock.json" ]]; then
  command -v npm >/dev/null || { echo "install-deps: npm not found; install Node.js 20 with npm" >&2; exit 1; }
  echo "install-deps: npm ci in collector/src/test/timescale"
  (cd "$TIMESCALE_DIR" && npm ci --no-audit --no-fund --prefer-offline --loglevel=error)
fi
echo "install-deps: ok"
