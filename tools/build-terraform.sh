#!/usr/bin/env bash
# Builds a Terraform CLI from its Go module source into bin/terraform-<version>.
#
#   tools/build-terraform.sh 1.16.4 [bin-dir]
#   tools/build-terraform.sh 1.17.0-beta1 [bin-dir]   (a pre-release works too)
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
# MAJOR.MINOR of 1.16.4, 1.17.0-beta1 or 1.17.0-rc.1 alike
[[ "$version" =~ ^([0-9]+)\.([0-9]+)\.[0-9]+(-[0-9A-Za-z.-]+)?$ ]] || { echo "not a Terraform version: $version" >&2; exit 1; }
major_minor="${BASH_REMATCH[1]}.${BASH_REMATCH[2]}"
if [[ "$(printf '%s\n' "$major_minor" 1.8 | sort -V | tail -1)" == "1.8" ]]; then
  echo "building Terraform v$version with go install (a few minutes, once)"
  gobin="$(mktemp -d)"
  GOBIN="$gobin" go install -ldflags "-X github.com/hashicorp/terraform/version.dev=no" "github.com/hashicorp/terraform@v$version"
  mv "$gobin/terraform" "$out"
  rmdir "$gobin"
  "$out" version | head -1
  exit 0
fi
# write_tfe2_stub DIR: the stand-in module for github.com/hashicorp/go-tfe/v2.
write_tfe2_stub() {
  mkdir -p "$1/api/models"
  printf 'module github.com/hashicorp/go-tfe/v2\n\ngo 1.24\n' > "$1/go.mod"
  cat > "$1/tfe.go" <<'GO'
// Package tfe stands in for go-tfe/v2, which the module proxy does not serve:
// NewClient always fails, so Terraform's cloud backend never uses it.
package tfe

import (
	"context"
	"errors"
	"net/http"

	"github.com/hashicorp/go-tfe/v2/api/models"
)

type Config struct {
	Address, BasePath, Token            string
	Headers                             http.Header
	RetryRateLimited, RetryServerErrors bool
	RetryMaxRetries                     int
	RetryHook                           func(attemptNum int, resp *http.Response)
}

type Client struct{ API API }

type API struct{}

type Queries struct{}

func (API) Queries() Queries { return Queries{} }

func (Queries) Post(context.Context, *models.QueriesEnvelope, any) (*models.QueriesEnvelope, error) {
	return nil, errors.New("go-tfe/v2 is not part of this build")
}

func NewClient(*Config) (*Client, error) { return nil, errors.New("go-tfe/v2 is not part of this build") }
GO
  cat > "$1/api/models/models.go" <<'GO'
// Package models stands in for go-tfe/v2's models used by the cloud backend.
package models

type Enum int

func (Enum) String() string { return "" }

const (
	TFEAPI_QUERIES_ATTRIBUTES_SOURCE Enum = iota
	CONFIGURATIONVERSIONS_CONFIGURATIONVERSIONSIDENTIFIER_TYPE
	WORKSPACES_WORKSPACESIDENTIFIER_TYPE
	QUERIES_QUERIES_TYPE
)

type Queries_attributes struct{ data map[string]any }

func NewQueries_attributes() *Queries_attributes        { return &Queries_attributes{data: map[string]any{}} }
func (*Queries_attributes) SetGenerateConfigOut(*bool)  {}
func (*Queries_attributes) SetSource(*Enum)             {}
func (*Queries_attributes) SetPolicyPaths([]string)     {}
func (a *Queries_attributes) GetAdditionalData() map[string]any  { return a.data }
func (a *Queries_attributes) SetAdditionalData(d map[string]any) { a.data = d }
func (*Queries_attributes) GetLogReadUrl() *string      { return nil }
func (*Queries_attributes) GetStatus() *Enum            { return nil }

type HasOneData struct{}

func (*HasOneData) SetId(*string)          {}
func (*HasOneData) SetTypeEscaped(*Enum)   {}

type HasOne struct{}

func (*HasOne) SetData(*HasOneData) {}

func NewConfigurationVersionsHasOne_data() *HasOneData { return &HasOneData{} }
func NewConfigurationVersionsHasOne() *HasOne          { return &HasOne{} }
func NewWorkspacesHasOne_data() *HasOneData            { return &HasOneData{} }
func NewWorkspacesHasOne() *HasOne                     { return &HasOne{} }

type Queries_relationships struct{}

func NewQueries_relationships() *Queries_relationships         { return &Queries_relationships{} }
func (*Queries_relationships) SetConfigurationVersion(*HasOne) {}
func (*Queries_relationships) SetWorkspace(*HasOne)            {}

type Queries struct{}

func NewQueries() *Queries                             { return &Queries{} }
func (*Queries) SetTypeEscaped(*Enum)                  {}
func (*Queries) SetAttributes(*Queries_attributes)     {}
func (*Queries) SetRelationships(*Queries_relationships) {}
func (*Queries) GetId() *string                        { return nil }
func (*Queries) GetAttributes() *Queries_attributes    { return nil }

type QueriesEnvelope struct{ data *Queries }

func NewQueriesEnvelope() *QueriesEnvelope       { return &QueriesEnvelope{} }
func (e *QueriesEnvelope) SetData(d *Queries)    { e.data = d }
func (e *QueriesEnvelope) GetData() *Queries     { return e.data }
GO
}
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
# From v1.17 the cloud backend's query path uses github.com/hashicorp/go-tfe/v2,
# which the module proxy does not serve. When it cannot be downloaded, it is
# replaced by a stand-in with the few names that path uses, whose client
# never initializes: `terraform query -policies` against HCP Terraform then
# says its v2 client is missing; nothing else changes.
tfe2v="$(awk '$1=="github.com/hashicorp/go-tfe/v2"{print $2}' go.mod)"
if [[ -n "$tfe2v" ]] && ! go mod download "github.com/hashicorp/go-tfe/v2@$tfe2v" 2>/dev/null; then
  echo "github.com/hashicorp/go-tfe/v2@$tfe2v is not on the module proxy: building with a stand-in (HCP Terraform query -policies unavailable)"
  write_tfe2_stub "$work/third_party/go-tfe-v2"
  go mod edit -replace="github.com/hashicorp/go-tfe/v2=./third_party/go-tfe-v2"
fi
# test-only users of the dropped modules would break `go build ./...`; we build only the CLI
go build -trimpath -ldflags "-X github.com/hashicorp/terraform/version.dev=no" -o "$out.tmp" .
mv "$out.tmp" "$out"
"$out" version | head -1
