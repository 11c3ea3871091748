#!/usr/bin/env bash
# The published package works on its own: pack it, install the tarball into an empty folder, run
# `kpi --version` and the demo report from there.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cd "$root"
tgz="$(npm pack --silent --pack-destination "$work" | tail -n 1)"
cd "$work"
npm init -y >/dev/null
npm install --no-audit --no-fund --omit=dev "./$tgz" >/dev/null
want="$(node -p "require('$root/package.json').version")"
got="$(npx --no-install kpi --version)"
if [ "$got" != "$want" ]; then echo "pack smoke: kpi --version printed '$got', expected '$want'"; exit 1; fi
npx --no-install kpi report --demo -p 2025-12 --today 2026-01-10 -O json > report.json
node -e "const r=require('./report.json'); if (r.schema!=='kpi-report/1'||r.rows.length<10) { console.error('pack smoke: bad demo report'); process.exit(1) }"
echo "pack smoke: ok ($tgz, kpi $got)"
