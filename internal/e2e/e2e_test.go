package e2e

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/idaas-terraform/terraform-provider-idaas/internal/client"
	"github.com/idaas-terraform/terraform-provider-idaas/internal/emulator"
	"github.com/idaas-terraform/terraform-provider-idaas/internal/emulator/contract"
)

var (
	terraformBin string
	pluginDir    string
)

func TestMain(m *testing.M) {
	terraformBin = os.Getenv("TF_ACC_TERRAFORM_PATH")
	if os.Getenv("TF_ACC") == "" || terraformBin == "" {
		fmt.Println("e2e: TF_ACC and TF_ACC_TERRAFORM_PATH not set; skipping (make test sets them)")
		os.Exit(0)
	}
	dir, err := os.MkdirTemp("", "idaas-e2e-")
	if err != nil {
		panic(err)
	}
	pluginDir = dir
	build := exec.Command("go", "build", "-o", filepath.Join(dir, "terraform-provider-idaas"), "github.com/idaas-terraform/terraform-provider-idaas")
	build.Stdout, build.Stderr = os.Stderr, os.Stderr
	if err := build.Run(); err != nil {
		panic("building the provider: " + err.Error())
	}
	code := m.Run()
	_ = os.RemoveAll(dir)
	os.Exit(code)
}

// workspace is a Terraform working directory wired to the local provider
// build and to one emulator.
type workspace struct {
	t   *testing.T
	dir string
	env []string
	emu *emulator.Emulator
	srv *httptest.Server
	// handler is the emulator's, checked against the API documents
	// (package contract): a violation fails the test.
	handler http.Handler
	// notServed, when switched on, makes the tenant answer its
	// project-defined routes as a tenant that lacks them (not_served_test.go).
	notServed *plain404
}

func newWorkspace(t *testing.T, config string) *workspace {
	t.Helper()
	emu := emulator.New(emulator.Options{})
	h, _ := contract.WrapForTest(t, emu.Handler())
	double := &plain404{}
	srv := httptest.NewServer(double.wrap(h))
	t.Cleanup(srv.Close)
	dir := t.TempDir()
	rc := filepath.Join(dir, "terraform.rc")
	if err := os.WriteFile(rc, []byte(fmt.Sprintf("provider_installation {\n  dev_overrides {\n    \"idaas-terraform/idaas\" = %q\n  }\n  direct {}\n}\n", pluginDir)), 0o600); err != nil {
		t.Fatal(err)
	}
	w := &workspace{t: t, dir: dir, emu: emu, srv: srv, handler: h, notServed: double}
	w.env = []string{"PATH=" + os.Getenv("PATH"), "HOME=" + dir, "TF_CLI_CONFIG_FILE=" + rc, "CHECKPOINT_DISABLE=1", "TF_IN_AUTOMATION=1",
		"TF_VAR_tenant_url=" + srv.URL, "TF_VAR_application_id=" + emu.ApplicationID(), "TF_VAR_shared_secret=" + emu.SharedSecret()}
	w.write(config)
	return w
}

const header = `
terraform {
  required_providers {
    idaas = { source = "idaas-terraform/idaas" }
  }
}
variable "tenant_url" { type = string }
variable "application_id" { type = string }
variable "shared_secret" {
  type      = string
  sensitive = true
}
`

const providerBlock = `
provider "idaas" {
  tenant_url     = var.tenant_url
  application_id = var.application_id
  shared_secret  = var.shared_secret
}
`

func (w *workspace) write(config string) {
	if err := os.WriteFile(filepath.Join(w.dir, "main.tf"), []byte(header+config), 0o600); err != nil {
		w.t.Fatal(err)
	}
}

// run runs terraform and checks its exit code.
func (w *workspace) run(wantExit int, args ...string) string {
	w.t.Helper()
	out, code := w.runCode(args...)
	if code != wantExit {
		w.t.Fatalf("terraform %s: exit %d, want %d\n%s", strings.Join(args, " "), code, wantExit, out)
	}
	return out
}

// runCode runs terraform and returns its output and exit code.
func (w *workspace) runCode(args ...string) (string, int) {
	w.t.Helper()
	cmd := exec.Command(terraformBin, args...)
	cmd.Dir, cmd.Env = w.dir, w.env
	out, err := cmd.CombinedOutput()
	var exitErr *exec.ExitError
	if errors.As(err, &exitErr) {
		return string(out), exitErr.ExitCode()
	} else if err != nil {
		w.t.Fatal(err)
	}
	return string(out), 0
}

// costOf runs terraform and returns the admin API requests it made.
func (w *workspace) costOf(wantExit int, args ...string) emulator.Stats {
	w.emu.ResetStats()
	w.run(wantExit, args...)
	return w.emu.Stats()
}

const foundation = providerBlock + `
resource "idaas_group" "admins" { name = "AWS Administrators" }
resource "idaas_group" "devs" { name = "AWS Developers" }
resource "idaas_user_attribute" "cc" { name = "Cost Centre" }
resource "idaas_user" "jane" {
  user_id   = "jane.doe@example.com"
  email     = "jane.doe@example.com"
  group_ids = [idaas_group.admins.id]
  attribute_values = {
    (idaas_user_attribute.cc.id) = "CC-1"
  }
}
`

func TestValidateNeedsNoCredentials(t *testing.T) {
	w := newWorkspace(t, `
provider "idaas" {}
resource "idaas_group" "g" { name = "g" }
`)
	w.env = append(w.env[:0:0], "PATH="+os.Getenv("PATH"), "HOME="+w.dir, w.env[2], "CHECKPOINT_DISABLE=1")
	out := w.run(0, "validate", "-no-color")
	if !strings.Contains(out, "The configuration is valid") {
		t.Fatal(out)
	}
	if st := w.emu.Stats(); st.Total != 0 {
		t.Fatalf("validate reached the tenant: %+v", st)
	}
}

// One authenticate per command and one GET per resource per refresh: the
// foundation issue's cost targets.
func TestCommandCost(t *testing.T) {
	w := newWorkspace(t, foundation)
	// The per-object cost: shared reads off (they are measured by the
	// provider's shared-read tests and the bench; the last plan below has
	// them on).
	base := w.env
	w.env = append(append([]string(nil), base...), "IDAAS_SHARED_READS=never")
	st := w.costOf(0, "apply", "-auto-approve", "-input=false", "-no-color")
	t.Logf("apply from scratch: %+v", st.ByRoute)
	// The provider checks its credentials when it is configured, and
	// Terraform configures it once in each of the two provider processes
	// of `terraform apply` (plan phase, apply phase); the token lives in
	// memory only. So an apply authenticates once per phase, a plan once.
	if n := st.ByRoute["POST /api/web/v1/adminapi/authenticate"]; n != 2 {
		t.Errorf("apply authenticated %d times, want 2 (one per phase)", n)
	}
	st = w.costOf(0, "plan", "-detailed-exitcode", "-input=false", "-no-color")
	want := map[string]int{
		"POST /api/web/v1/adminapi/authenticate": 1,
		"GET /api/web/v1/groups/{id}":            2,
		"GET /api/web/v1/userattributes/{id}":    1,
		"GET /api/web/v3/users/{id}":             1,
	}
	if fmt.Sprint(st.ByRoute) != fmt.Sprint(want) {
		t.Errorf("plan cost %v, want %v", st.ByRoute, want)
	}
	st = w.costOf(0, "apply", "-refresh-only", "-auto-approve", "-input=false", "-no-color")
	// The apply phase of a refresh-only apply configures the provider on
	// Terraform 1.15 and 1.16 but not on 1.8: one authenticate per configured
	// phase.
	if n := st.ByRoute["POST /api/web/v1/adminapi/authenticate"]; n < 1 || n > 2 || st.Total != 4+n {
		t.Errorf("refresh-only apply cost %v, want an authenticate per phase (1 or 2) + 4 GETs", st.ByRoute)
	}
	// With shared reads on (the default), a plan never costs more than
	// one GET per resource.
	w.env = base
	st = w.costOf(0, "plan", "-detailed-exitcode", "-input=false", "-no-color")
	if st.Total > 5 {
		t.Errorf("plan with shared reads cost %v, more than an authenticate + 4 GETs", st.ByRoute)
	}
}

// terraform import of each resource reproduces its state: after importing
// everything into a fresh state, the plan is empty.
func TestImportReproducesState(t *testing.T) {
	w := newWorkspace(t, foundation)
	w.run(0, "apply", "-auto-approve", "-input=false", "-no-color")
	ids := map[string]string{}
	for _, addr := range []string{"idaas_group.admins", "idaas_group.devs", "idaas_user_attribute.cc", "idaas_user.jane"} {
		out := w.run(0, "state", "show", "-no-color", addr)
		for _, line := range strings.Split(out, "\n") {
			f := strings.Fields(line)
			if len(f) == 3 && f[0] == "id" {
				ids[addr] = strings.Trim(f[2], `"`)
			}
		}
	}
	if err := os.Remove(filepath.Join(w.dir, "terraform.tfstate")); err != nil {
		t.Fatal(err)
	}
	for addr, id := range ids {
		w.run(0, "import", "-input=false", "-no-color", addr, id)
	}
	w.run(0, "plan", "-detailed-exitcode", "-input=false", "-no-color")
}

// A provider block whose values are known only at apply does not crash the
// plan, and apply then works.
func TestUnknownProviderConfiguration(t *testing.T) {
	w := newWorkspace(t, `
resource "terraform_data" "tenant" {
  input = var.tenant_url
}
provider "idaas" {
  tenant_url     = terraform_data.tenant.output
  application_id = var.application_id
  shared_secret  = var.shared_secret
}
resource "idaas_group" "g" { name = "late" }
`)
	w.run(2, "plan", "-detailed-exitcode", "-input=false", "-no-color")
	w.run(0, "apply", "-auto-approve", "-input=false", "-no-color")
	c, _ := client.New(client.Config{TenantURL: w.srv.URL, ApplicationID: w.emu.ApplicationID(), SharedSecret: w.emu.SharedSecret()})
	if _, err := c.FindGroupByName(context.Background(), "late"); err != nil {
		t.Fatal(err)
	}
}

func TestUpdateApplyCost(t *testing.T) {
	w := newWorkspace(t, foundation)
	w.env = append(w.env, "IDAAS_SHARED_READS=never") // the per-object cost
	w.run(0, "apply", "-auto-approve", "-input=false", "-no-color")
	w.write(strings.Replace(foundation, `"AWS Developers"`, `"AWS Engineers"`, 1))
	st := w.costOf(0, "apply", "-auto-approve", "-input=false", "-no-color")
	t.Logf("update apply: %v", st.ByRoute)
	// Terraform runs the plan and apply phases of `terraform apply` in two
	// provider processes, and the provider keeps its token in memory only
	// (never on disk), so an apply that changes something authenticates
	// once per phase.
	if n := st.ByRoute["POST /api/web/v1/adminapi/authenticate"]; n != 2 {
		t.Errorf("apply authenticated %d times, want 2 (one per phase)", n)
	}
	if n := st.ByRoute["GET /api/web/v1/groups/{id}"]; n != 2 {
		t.Errorf("apply read the groups %d times, want once each", n)
	}
}
