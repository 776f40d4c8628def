package e2e

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// The whole examples/aws-sso configuration imports into an empty state with
// import blocks and -generate-config-out. The only value the generated
// configuration cannot have is the secret the tenant never returns: the
// provisioner's bearer token, which the plan asks for by name. Given as
// bearer_token_wo from an ephemeral variable, the import applies with no
// change (no replacement, no update) and the next plan is empty.
func TestAWSSSOImportRoundTrip(t *testing.T) {
	w, tok := newAWSSSOWorkspaceWithSCIM(t)
	w.run(0, "apply", "-auto-approve", "-input=false", "-no-color")
	if err := os.Remove(filepath.Join(w.dir, "main.tf")); err != nil {
		t.Fatal(err)
	}
	// actions.tf refers to main.tf's provisioner.
	if err := os.Remove(filepath.Join(w.dir, "actions.tf")); err != nil {
		t.Fatal(err)
	}
	n := w.replaceStateWithImportBlocks()
	vars := "variable \"scim_endpoint\" { type = string }\nvariable \"scim_token\" {\n  type      = string\n  sensitive = true\n  ephemeral = true\n}\n"
	if err := os.WriteFile(filepath.Join(w.dir, "vars.tf"), []byte(vars), 0o600); err != nil {
		t.Fatal(err)
	}
	// Terraform writes the configuration, then says which secret it lacks.
	out := w.run(1, "plan", "-detailed-exitcode", "-input=false", "-no-color", "-generate-config-out=generated.tf")
	if !regexp.MustCompile(`(?s)Error: Missing Attribute Configuration.*with idaas_provisioner\.aws.*Exactly one of these attributes must be\s+configured:\s+\[bearer_token,bearer_token_wo\]`).MatchString(out) ||
		strings.Count(out, "Error:") != 1 {
		t.Fatalf("the plan of the generated configuration should ask for the bearer token only:\n%s", out)
	}
	generated := w.read("generated.tf")
	t.Logf("generated configuration:\n%s", generated)
	tokenLine := regexp.MustCompile(`(?m)^(\s*)bearer_token\s*=\s*null.*$`)
	if !tokenLine.MatchString(generated) {
		t.Fatalf("expected the generated provisioner to lack its bearer token")
	}
	generated = tokenLine.ReplaceAllString(generated, "${1}bearer_token_wo = var.scim_token")
	generated = regexp.MustCompile(`(?m)^\s*bearer_token_wo\s*=\s*null.*\n`).ReplaceAllString(generated, "")
	if err := os.WriteFile(filepath.Join(w.dir, "generated.tf"), []byte(generated), 0o600); err != nil {
		t.Fatal(err)
	}
	out = w.run(0, "apply", "-auto-approve", "-input=false", "-no-color")
	if !strings.Contains(out, fmt.Sprintf("%d imported, 0 added, 0 changed, 0 destroyed", n)) {
		t.Fatalf("the import apply did more than import:\n%s", out)
	}
	t.Logf("%d resources imported: %s", n, out[strings.LastIndex(out, "Apply complete"):])
	w.run(0, "plan", "-detailed-exitcode", "-input=false", "-no-color")
	if state := w.read("terraform.tfstate"); strings.Contains(state, tok) {
		t.Error("the state holds the SCIM token")
	}
}

// newAWSSSOWorkspace is a workspace holding examples/aws-sso. The example
// takes its secrets as ephemeral variables into write-only arguments, so
// the test is skipped on CLIs older than Terraform 1.11.
func newAWSSSOWorkspace(t *testing.T) *workspace {
	t.Helper()
	w := newWorkspace(t, "")
	skipBelowCLI(t, "1.11.0", "examples/aws-sso takes its secrets as ephemeral variables into write-only arguments")
	if err := os.Remove(filepath.Join(w.dir, "main.tf")); err != nil {
		t.Fatal(err)
	}
	if err := os.CopyFS(w.dir, os.DirFS(filepath.Join("..", "..", "examples", "aws-sso"))); err != nil {
		t.Fatal(err)
	}
	return w
}
