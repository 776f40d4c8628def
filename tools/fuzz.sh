#!/usr/bin/env bash
# Runs every fuzz target for FUZZTIME (default 30s) and keeps the corpus:
# inputs the fuzzer found interesting are copied from the Go cache into the
# package's testdata/fuzz/<Target>/, so that they are committed and replayed by
# every plain `go test` run.
set -euo pipefail
cd "$(dirname "$0")/.."
fuzztime=${FUZZTIME:-30s}
cache=$(go env GOCACHE)/fuzz/github.com/idaas-terraform/terraform-provider-idaas
grep -rl --include='*_test.go' '^func Fuzz' internal | while read -r file; do
  pkg=./$(dirname "$file")
  for target in $(grep -o '^func Fuzz[A-Za-z0-9_]*' "$file" | cut -d' ' -f2); do
    echo "==> $pkg $target ($fuzztime)"
    go test "$pkg" -run '^$' -fuzz "^${target}\$" -fuzztime "$fuzztime"
    src="$cache/${pkg#./}/$target"
    if [ -d "$src" ]; then
      mkdir -p "$pkg/testdata/fuzz/$target"
      cp -n "$src"/* "$pkg/testdata/fuzz/$target/" 2>/dev/null || true
    fi
  done
done
echo "corpus kept under internal/*/testdata/fuzz; commit it"
