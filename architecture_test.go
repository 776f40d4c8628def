package main

import (
	"os/exec"
	"strings"
	"testing"
)

// deps lists the packages pkgs link (go list -deps, test files excluded).
func deps(t *testing.T, pkgs ...string) []string {
	t.Helper()
	out, err := exec.Command("go", append([]string{"list", "-deps"}, pkgs...)...).Output()
	if err != nil {
		t.Fatalf("go list -deps %v: %v", pkgs, err)
	}
	return strings.Fields(string(out))
}

// The import direction of DESIGN.md, checked on what is linked (depguard in
// .golangci.yml checks the direct imports when linting): the provider binary
// links nothing of the tenant stand-in or of the test fixtures, and the
// client packages link nothing of Terraform.
func TestImportDirection(t *testing.T) {
	const module = "github.com/idaas-terraform/terraform-provider-idaas/"
	for _, p := range deps(t, ".") {
		if strings.HasPrefix(p, module+"internal/emulator") || strings.HasPrefix(p, module+"internal/samlutil/samltest") ||
			p == module+"api" || strings.HasPrefix(p, "github.com/getkin/kin-openapi") {
			t.Errorf("the provider binary links %s; only tests may", p)
		}
	}
	for _, p := range deps(t, "./internal/client", "./internal/scim/...", "./internal/httpx", "./internal/samlutil") {
		if strings.HasPrefix(p, "github.com/hashicorp/terraform-plugin") {
			t.Errorf("a client package links %s; client packages know nothing of Terraform", p)
		}
	}
}
