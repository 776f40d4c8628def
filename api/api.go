// Package api holds the OpenAPI documents of the tenant's Administration
// API: the vendor's published 5.46 subset and the project-defined
// endpoints (README.md). It embeds them for the contract validator
// (internal/emulator/contract); the provider does not link it.
package api

import "embed"

// Published and Project are the documents' file names in FS.
const (
	Published = "idaas-admin-api-5.46-subset.json"
	Project   = "idaas-project-api.yaml"
)

// FS holds both documents.
//
//go:embed idaas-admin-api-5.46-subset.json idaas-project-api.yaml
var FS embed.FS
