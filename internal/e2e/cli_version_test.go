package e2e

import (
	"encoding/json"
	"testing"

	"github.com/hashicorp/go-version"
)

// cliVersion is the version of the Terraform CLI under test.
func cliVersion(t *testing.T, w *workspace) *version.Version {
	var v struct {
		Version string `json:"terraform_version"`
	}
	if err := json.Unmarshal([]byte(w.run(0, "version", "-json")), &v); err != nil {
		t.Fatal(err)
	}
	return version.Must(version.NewVersion(v.Version))
}

// cliAtLeast reports whether the CLI under test is least or newer.
func cliAtLeast(t *testing.T, w *workspace, least string) bool {
	return cliVersion(t, w).Core().GreaterThanOrEqual(version.Must(version.NewVersion(least)))
}

// skipBelowCLI skips a test on a Terraform CLI older than least, saying why.
func skipBelowCLI(t *testing.T, w *workspace, least, why string) {
	t.Helper()
	if !cliAtLeast(t, w, least) {
		t.Skipf("%s: needs Terraform %s or later, this is %s", why, least, cliVersion(t, w))
	}
}
