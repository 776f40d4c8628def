#!/usr/bin/env bash
# Builds the OpenTofu CLI from its Go module source into bin/tofu-<version>.
#
#   tools/build-tofu.sh 1.12.6 [bin-dir]
#
# OpenTofu's go.mod has a replace directive (hcl to a published fork), so
# `go install module@version` refuses it; building ./cmd/tofu inside a copy of
# the downloaded module directory honours the replace. Idempotent.
set -euo pipefail
version="${1:?usage: build-tofu.sh VERSION [BIN_DIR]}"
bindir="${2:-$(cd "$(dirname "$0")/.." && pwd)/bin}"
out="$bindir/tofu-$version"
if [[ -x "$out" ]] && [[ "$("$out" version 2>/dev/null)" == *"OpenTofu v$version"* ]]; then
  exit 0
fi
mkdir -p "$bindir"
export GOFLAGS="${GOFLAGS:-} -modcacherw" CHECKPOINT_DISABLE=1
echo "building OpenTofu v$version from its module source (a few minutes, once)"
src="$(cd "$bindir" && go mod download -json "github.com/opentofu/opentofu@v$version" | sed -n 's/^[[:space:]]*"Dir": "\(.*\)",$/\1/p')"
[[ -d "$src" ]] || { echo "module source of opentofu v$version not found" >&2; exit 1; }
work="$(mktemp -d)"
trap 'chmod -R u+w "$work"; rm -rf "$work"' EXIT
cp -r "$src/." "$work/"
chmod -R u+w "$work"
cd "$work"
go build -trimpath -ldflags "-X github.com/opentofu/opentofu/version.dev=no" -o "$out.tmp" ./cmd/tofu
mv "$out.tmp" "$out"
# The version line (tofu also warns here about a CLI configuration it
# cannot read; reading all of its output keeps pipefail from a SIGPIPE).
v="$("$out" version 2>&1 || true)"
grep -m1 "OpenTofu v" <<<"$v" || true
