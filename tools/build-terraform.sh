#!/usr/bin/env bash
# Builds a Terraform CLI from its Go module source into bin/terraform-<version>.
#
#   tools/build-terraform.sh 1.16.4 [bin-dir]
#
# No release site is reachable, only the Go module proxy. Up to v1.8 Terraform
# builds with `go install`. From v1.9 on its go.mod replaces nested modules
# (internal/backend/remote-state/{azure,consul,cos,gcs,kubernetes,oss,pg,s3,oci}
# and internal/legacy) with local directories that the module download does not
# contain, so `go install` refuses it. This script copies the downloaded module
# into a scratch directory, drops those replace and require lines, removes the
# registrations of the dropped remote-state backends (local, remote, http,
# inmem and cloud stay: tests use none of the dropped ones), and builds
# ./ from there. Idempotent: an existing binary of the right version is kept.
set -euo pipefail
version="${1:?usage: build-terraform.sh VERSION [BIN_DIR]}"
bindir="${2:-$(cd "$(dirname "$0")/.." && pwd)/bin}"
out="$bindir/terraform-$version"
if [[ -x "$out" ]] && [[ "$("$out" version 2>/dev/null)" == *"Terraform v$version"* ]]; then
  exit 0
fi
mkdir -p "$bindir"
export GOFLAGS="${GOFLAGS:-} -modcacherw" CHECKPOINT_DISABLE=1
major_minor="${version%.*}"
if [[ "$(printf '%s\n' "$major_minor" 1.8 | sort -V | tail -1)" == "1.8" ]]; then
  echo "building Terraform v$version with go install (a few minutes, once)"
  gobin="$(mktemp -d)"
  GOBIN="$gobin" go install -ldflags "-X github.com/hashicorp/terraform/version.dev=no" "github.com/hashicorp/terraform@v$version"
  mv "$gobin/terraform" "$out"
  rmdir "$gobin"
  "$out" version | head -1
  exit 0
fi
echo "building Terraform v$version from its module source (a few minutes, once)"
src="$(cd "$bindir" && go mod download -json "github.com/hashicorp/terraform@v$version" | sed -n 's/^[[:space:]]*"Dir": "\(.*\)",$/\1/p')"
[[ -d "$src" ]] || { echo "module source of terraform v$version not found" >&2; exit 1; }
work="$(mktemp -d)"
trap 'chmod -R u+w "$work"; rm -rf "$work"' EXIT
cp -r "$src/." "$work/"
chmod -R u+w "$work"
cd "$work"
for mod in azure consul cos gcs kubernetes oss pg s3 oci; do
  p="github.com/hashicorp/terraform/internal/backend/remote-state/$mod"
  go mod edit -dropreplace="$p" -droprequire="$p"
  # the import line and the registration line in the backend table
  sed -i -e "\#\"$p\"#d" -e "/^[[:space:]]*\"$( [[ $mod == azure ]] && echo azurerm || echo $mod )\":[[:space:]]*func() backend.Backend/d" internal/backend/init/init.go
done
go mod edit -dropreplace=github.com/hashicorp/terraform/internal/legacy -droprequire=github.com/hashicorp/terraform/internal/legacy
# test-only users of the dropped modules would break `go build ./...`; we build only the CLI
go build -trimpath -ldflags "-X github.com/hashicorp/terraform/version.dev=no" -o "$out.tmp" .
mv "$out.tmp" "$out"
"$out" version | head -1
