package e2e

import (
	"bufio"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"testing"

	"github.com/idaas-terraform/terraform-provider-idaas/internal/emulator"
)

// startEmulatorCommand builds tools/emulator and starts it with args, as a
// user's CI starts the released idaas-emulator; it returns the connection
// line. The process is stopped when the test ends.
func startEmulatorCommand(t *testing.T, args ...string) emulator.ConnectionInfo {
	t.Helper()
	bin := filepath.Join(t.TempDir(), "idaas-emulator")
	if out, err := exec.Command("go", "build", "-o", bin, "github.com/idaas-terraform/terraform-provider-idaas/tools/emulator").CombinedOutput(); err != nil {
		t.Fatalf("building the emulator: %v\n%s", err, out)
	}
	cmd := exec.Command(bin, args...)
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	cmd.Stderr = os.Stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = cmd.Process.Signal(os.Interrupt); _ = cmd.Wait() })
	line, err := bufio.NewReader(stdout).ReadString('\n')
	if err != nil {
		t.Fatalf("the emulator printed no connection line: %v", err)
	}
	var conn emulator.ConnectionInfo
	if err := json.Unmarshal([]byte(line), &conn); err != nil {
		t.Fatalf("the emulator's first line is not its connection JSON: %q", line)
	}
	return conn
}

// `terraform test` on examples/aws-sso (examples/aws-sso/tests) passes
// against the emulator command, wired as the guide "Testing your
// configuration without a tenant" tells users to: the connection line's
// values as TF_VAR_*, the provider through dev_overrides.
func TestTerraformTestAWSSSO(t *testing.T) {
	w := newAWSSSOWorkspace(t)
	skipBelowCLI(t, "1.14.0", "examples/aws-sso/actions.tf needs actions")
	conn := startEmulatorCommand(t, "-contract") // the admin API traffic is checked against api/
	w.env = append(w.env, "TF_VAR_tenant_url="+conn.TenantURL, "TF_VAR_application_id="+conn.ApplicationID,
		"TF_VAR_shared_secret="+conn.SharedSecret, "TF_VAR_scim_endpoint="+conn.SCIMEndpoint, "TF_VAR_scim_token="+conn.SCIMToken)
	w.run(0, "init", "-input=false", "-no-color") // installs the test's helper module; the provider comes from dev_overrides
	out := w.run(0, "test", "-no-color")
	m := regexp.MustCompile(`Success! (\d+) passed, (\d+) failed`).FindStringSubmatch(out)
	if m == nil || m[1] != "2" || m[2] != "0" {
		t.Fatalf("terraform test did not pass both runs:\n%s", out)
	}
	fmt.Fprintln(os.Stderr, "terraform test on examples/aws-sso:", m[0])
}
