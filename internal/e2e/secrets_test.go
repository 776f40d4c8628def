package e2e

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// With TF_LOG=TRACE, neither the shared secret nor any auth token appears
// in Terraform's or the provider's logs or output, and the secret is in state
// only as the sensitive input it was.
func TestSecretsNeverLogged(t *testing.T) {
	w := newWorkspace(t, foundation)
	logFile := filepath.Join(w.dir, "trace.log")
	w.env = append(w.env, "TF_LOG=TRACE", "TF_LOG_PATH="+logFile)
	out := w.run(0, "apply", "-auto-approve", "-input=false", "-no-color")
	out += w.run(0, "plan", "-input=false", "-no-color")
	w.write(strings.Replace(foundation, `"AWS Developers"`, `"AWS Engineers"`, 1))
	out += w.run(0, "apply", "-auto-approve", "-input=false", "-no-color")
	logs, err := os.ReadFile(logFile)
	if err != nil {
		t.Fatal(err)
	}
	if len(logs) < 10000 || !strings.Contains(string(logs), "idaas API request") {
		t.Fatalf("the trace log does not hold the provider's request lines (%d bytes)", len(logs))
	}
	secrets := append([]string{w.emu.SharedSecret()}, w.emu.IssuedTokens()...)
	if len(secrets) < 3 {
		t.Fatalf("expected at least two tokens issued, got %d", len(secrets)-1)
	}
	for _, s := range secrets {
		if strings.Contains(string(logs), s) {
			t.Errorf("the trace log contains a secret (%d chars)", len(s))
		}
		if strings.Contains(out, s) {
			t.Errorf("terraform's output contains a secret (%d chars)", len(s))
		}
	}
	state, err := os.ReadFile(filepath.Join(w.dir, "terraform.tfstate"))
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range secrets {
		if strings.Contains(string(state), s) {
			t.Errorf("state contains a secret the user did not put in a resource (%d chars)", len(s))
		}
	}
}
