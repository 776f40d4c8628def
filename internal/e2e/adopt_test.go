package e2e

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/idaas-terraform/terraform-provider-idaas/internal/client"
	"github.com/idaas-terraform/terraform-provider-idaas/internal/emulator/consoleguide"
)

// Adoption end to end: the AWS console guide built in the tenant through the
// admin API only, as an admin clicking through it would, then adopted with
// the real Terraform CLI: examples/adopt's query file (a list block per
// resource type), `terraform query -generate-config-out`, the SCIM token
// given again (the one secret the tenant never returns), a plan that only
// imports, apply, and an empty plan. The generated file is `terraform fmt`
// clean and is, ids masked, testdata/adopt-generated.tf (UPDATE_GOLDEN=1
// rewrites it): the provider's answer to GenerateResourceConfig leaves
// defaults and tenant-computed values out. Giving the token is one edit,
// after which the file is valid.
func TestAdoptConsoleTenant(t *testing.T) {
	w := newWorkspace(t, "")
	skipBelowCLI(t, "1.14.0", "terraform query")
	if err := os.Remove(filepath.Join(w.dir, "main.tf")); err != nil {
		t.Fatal(err)
	}
	if err := os.CopyFS(w.dir, os.DirFS(filepath.Join("..", "..", "examples", "adopt"))); err != nil {
		t.Fatal(err)
	}
	sp, err := os.ReadFile(filepath.Join("..", "..", "examples", "aws-sso", "aws-sso-sp-metadata.xml"))
	if err != nil {
		t.Fatal(err)
	}
	tok, err := w.emu.SCIM().IssueToken(time.Now().AddDate(1, 0, 0))
	if err != nil {
		t.Fatal(err)
	}
	w.env = append(w.env, "TF_VAR_scim_token="+tok)
	c, err := client.New(client.Config{TenantURL: w.srv.URL, ApplicationID: w.emu.ApplicationID(), SharedSecret: w.emu.SharedSecret()})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := consoleguide.Build(context.Background(), c, string(sp), w.srv.URL+w.emu.SCIM().BasePath(), tok); err != nil {
		t.Fatal(err)
	}
	before := w.emu.Inventory()

	w.run(0, "init", "-input=false", "-no-color")
	out := w.run(0, "query", "-no-color", "-generate-config-out=generated.tf")
	t.Logf("terraform query:\n%s", out)
	generated := w.read("generated.tf")
	t.Logf("generated.tf:\n%s", generated)
	if fmtOut := w.run(0, "fmt", "-check", "-diff", "generated.tf"); strings.TrimSpace(fmtOut) != "" {
		t.Errorf("generated.tf is not terraform fmt clean:\n%s", fmtOut)
	}
	compareGolden(t, filepath.Join("testdata", "adopt-generated.tf"), normalizeGenerated(generated, w.srv.URL))
	want := 0
	for typ, n := range consoleguide.Objects {
		want += n
		if got := strings.Count(generated, fmt.Sprintf("resource %q ", typ)); got != n {
			t.Errorf("generated.tf has %d %s resources, want %d", got, typ, n)
		}
	}
	if got := strings.Count(generated, "import {"); got != want {
		t.Errorf("generated.tf has %d import blocks, want %d", got, want)
	}

	// The secret the tenant never returns, given again: as the write-only
	// bearer_token_wo, nothing changes; as bearer_token (a build without
	// write-only arguments), the token is stored by one in-place update.
	edited, changes := supplySCIMToken(t, generated)
	if n := changedLines(generated, edited); n != 1 {
		t.Errorf("giving the SCIM token changed %d lines of generated.tf, want 1", n)
	}
	if err := os.WriteFile(filepath.Join(w.dir, "generated.tf"), []byte(edited), 0o600); err != nil {
		t.Fatal(err)
	}
	w.run(0, "fmt", "-check", "generated.tf")
	if ws := warnings(w.run(0, "validate", "-no-color")); len(ws) > 0 {
		t.Errorf("terraform validate of the adopted configuration warns: %q", ws)
	}

	out = w.run(2, "plan", "-detailed-exitcode", "-input=false", "-no-color")
	t.Logf("plan:\n%s", out[max(0, strings.LastIndex(out, "Plan:")):])
	if !strings.Contains(out, fmt.Sprintf("Plan: %d to import, 0 to add, %d to change, 0 to destroy.", want, changes)) {
		t.Fatalf("the plan of the generated configuration does more than import:\n%s", out)
	}
	out = w.run(0, "apply", "-auto-approve", "-input=false", "-no-color")
	if !strings.Contains(out, fmt.Sprintf("Apply complete! Resources: %d imported, 0 added, %d changed, 0 destroyed.", want, changes)) {
		t.Fatalf("the apply did more than import:\n%s", out)
	}
	w.run(0, "plan", "-detailed-exitcode", "-input=false", "-no-color")
	if after := w.emu.Inventory(); fmt.Sprint(after) != fmt.Sprint(before) {
		t.Errorf("adoption changed the tenant:\nbefore %v\nafter  %v", before, after)
	}
}

// supplySCIMToken gives the generated provisioner its SCIM token (see
// consoleguide.SupplySCIMToken) and returns the configuration and how many
// resources the plan will change: none with bearer_token_wo, the
// provisioner once with bearer_token.
func supplySCIMToken(t *testing.T, generated string) (string, int) {
	t.Helper()
	out, writeOnly, err := consoleguide.SupplySCIMToken(generated, "var.scim_token")
	if err != nil {
		t.Fatalf("%v:\n%s", err, generated)
	}
	if writeOnly {
		return out, 0
	}
	t.Log("this build has no bearer_token_wo: the token is given as bearer_token, which the import stores with one in-place update")
	return out, 1
}

var (
	uuidRE        = regexp.MustCompile(`[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}`)
	mapKeyIDRE    = regexp.MustCompile(`(?m)^(\s*)"?<id>"? =`)
	generatedMark = "# __generated__ by Terraform\n"
)

// normalizeGenerated makes what terraform query generated comparable from
// run to run: every UUID becomes <id> (a list of them ["<id>", ...] keeps
// its length), the emulator's URL <tenant>, and the sections (one per list
// block, each with its own "__generated__" mark, written in the order the
// list calls end) are sorted.
func normalizeGenerated(s, tenantURL string) string {
	s = uuidRE.ReplaceAllString(strings.ReplaceAll(s, tenantURL, "<tenant>"), "<id>")
	// Terraform quotes a map key that is an id only when it does not
	// start with a letter.
	s = mapKeyIDRE.ReplaceAllString(s, `${1}"<id>" =`)
	parts := strings.Split(s, generatedMark)
	head, sections := parts[0], parts[1:]
	for i := range sections {
		sections[i] = strings.TrimSpace(sections[i]) + "\n"
	}
	slices.Sort(sections)
	return head + generatedMark + strings.Join(sections, "\n"+generatedMark)
}

// warnings are the summaries of the warnings terraform printed, but the
// one about the e2e workspaces' dev_overrides of the provider.
func warnings(out string) []string {
	var ws []string
	for _, line := range strings.Split(out, "\n") {
		line = strings.TrimSpace(strings.TrimLeft(line, "│╷╵ "))
		if w, ok := strings.CutPrefix(line, "Warning: "); ok && w != "Provider development overrides are in effect" {
			ws = append(ws, w)
		}
	}
	return ws
}

// compareGolden fails the test when got differs from the file, showing
// the first differing lines; UPDATE_GOLDEN=1 writes got to the file.
func compareGolden(t *testing.T, file, got string) {
	t.Helper()
	if os.Getenv("UPDATE_GOLDEN") != "" {
		if err := os.WriteFile(file, []byte(got), 0o600); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	if got == string(want) {
		return
	}
	g, wl := strings.Split(got, "\n"), strings.Split(string(want), "\n")
	for i := 0; i < max(len(g), len(wl)); i++ {
		var gl, ww string
		if i < len(g) {
			gl = g[i]
		}
		if i < len(wl) {
			ww = wl[i]
		}
		if gl != ww {
			t.Errorf("%s differs from what was generated (UPDATE_GOLDEN=1 rewrites it), first at line %d:\n got: %s\nwant: %s\n\ngenerated, ids masked:\n%s", file, i+1, gl, ww, got)
			return
		}
	}
}

// changedLines counts the lines that differ between a and b, which have
// the same number of lines.
func changedLines(a, b string) int {
	al, bl := strings.Split(a, "\n"), strings.Split(b, "\n")
	if len(al) != len(bl) {
		return -1
	}
	n := 0
	for i := range al {
		if al[i] != bl[i] {
			n++
		}
	}
	return n
}
