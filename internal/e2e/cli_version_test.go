package e2e

import (
	"encoding/json"
	"os"
	"os/exec"
	"sync"
	"testing"

	"github.com/hashicorp/go-version"
)

// cliVersion is the version of the Terraform CLI under test, asked once.
var cliVersion = sync.OnceValues(func() (*version.Version, error) {
	cmd := exec.Command(terraformBin, "version", "-json")
	cmd.Env = append(os.Environ(), "CHECKPOINT_DISABLE=1")
	out, err := cmd.Output()
	if err != nil {
		return nil, err
	}
	var v struct {
		Version string `json:"terraform_version"`
	}
	if err := json.Unmarshal(out, &v); err != nil {
		return nil, err
	}
	return version.NewVersion(v.Version)
})

// cliAtLeast reports whether the CLI under test is least or newer.
func cliAtLeast(t *testing.T, least string) bool {
	t.Helper()
	v, err := cliVersion()
	if err != nil {
		t.Fatalf("terraform version: %v", err)
	}
	return v.Core().GreaterThanOrEqual(version.Must(version.NewVersion(least)))
}

// skipBelowCLI skips a test on a Terraform CLI older than least, saying why.
func skipBelowCLI(t *testing.T, least, why string) {
	t.Helper()
	if !cliAtLeast(t, least) {
		v, _ := cliVersion()
		t.Skipf("%s: needs Terraform %s or later, this is %s", why, least, v)
	}
}
