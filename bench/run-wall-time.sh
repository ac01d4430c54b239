#!/usr/bin/env bash
# End-to-end harness: wall time of `vanta run` on the bundled sample tape, start-up included,
# into a fresh home each time (Release build). Needs hyperfine (Debian package `hyperfine`).
set -euo pipefail
cd "$(dirname "$0")/.."
out=$(mktemp -d)
dotnet build src/Vanta.Cli -c Release -o "$out/bin" >/dev/null
hyperfine --warmup 1 --runs "${RUNS:-10}" \
  --prepare "rm -rf $out/home" \
  "dotnet $out/bin/vanta.dll run --home $out/home --tape samples/tape"
rm -rf "$out"
