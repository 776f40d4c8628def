package e2e

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/idaas-terraform/terraform-provider-idaas/internal/samlutil"
)

// The whole AWS configuration plus an uploaded certificate, applied, planned
// and changed with TF_LOG=TRACE: the shared secret, every admin API token,
// the SCIM bearer token and the uploaded private key appear nowhere in the
// logs or the output. In state, only the values the user supplied appear (the
// bearer token and the private key), and only in attributes marked
// sensitive.
func TestSecretsNeverLoggedAWS(t *testing.T) {
	w := newWorkspace(t, "")
	if err := os.Remove(filepath.Join(w.dir, "main.tf")); err != nil {
		t.Fatal(err)
	}
	if err := os.CopyFS(w.dir, os.DirFS(filepath.Join("..", "..", "examples", "aws-sso"))); err != nil {
		t.Fatal(err)
	}
	key, err := samlutil.GenerateKey("ECDSA_P256")
	if err != nil {
		t.Fatal(err)
	}
	certPEM, err := samlutil.SelfSignedCertificate(key, "uploaded.example.com", time.Now().Add(-time.Hour), 90*24*time.Hour, nil)
	if err != nil {
		t.Fatal(err)
	}
	keyPEM, err := samlutil.EncodePrivateKeyPEM(key)
	if err != nil {
		t.Fatal(err)
	}
	upload := fmt.Sprintf(`
variable "uploaded_key" {
  type      = string
  sensitive = true
}
resource "idaas_signing_certificate" "uploaded" {
  name            = "uploaded"
  certificate_pem = <<-PEM
%sPEM
  private_key_pem = var.uploaded_key
}
`, certPEM)
	if err := os.WriteFile(filepath.Join(w.dir, "uploaded.tf"), []byte(upload), 0o600); err != nil {
		t.Fatal(err)
	}
	scimToken, err := w.emu.SCIM().IssueToken(time.Now().AddDate(1, 0, 0))
	if err != nil {
		t.Fatal(err)
	}
	logFile := filepath.Join(w.dir, "trace.log")
	w.env = append(w.env, "TF_VAR_scim_endpoint="+w.srv.URL+w.emu.SCIM().BasePath(), "TF_VAR_scim_token="+scimToken,
		"TF_VAR_uploaded_key="+keyPEM, "TF_LOG=TRACE", "TF_LOG_PATH="+logFile)

	out := w.run(0, "apply", "-auto-approve", "-input=false", "-no-color")
	out += w.run(0, "plan", "-input=false", "-no-color")
	out += w.run(0, "output", "-no-color")
	logs := w.read("trace.log")
	if !strings.Contains(logs, "idaas API request") {
		t.Fatal("the trace log does not hold the provider's request lines")
	}
	keyBody := strings.Split(strings.TrimSpace(keyPEM), "\n")[1] // a line of the key's base64
	secrets := map[string]string{"shared secret": w.emu.SharedSecret(), "SCIM bearer token": scimToken, "private key": keyBody}
	for i, tok := range w.emu.IssuedTokens() {
		secrets[fmt.Sprintf("admin token %d", i)] = tok
	}
	for name, s := range secrets {
		if strings.Contains(logs, s) {
			t.Errorf("the trace log contains the %s", name)
		}
		if strings.Contains(out, s) {
			t.Errorf("terraform's output contains the %s", name)
		}
	}

	// State: user-supplied secrets only where supplied, marked sensitive.
	var state struct {
		Resources []struct {
			Type      string `json:"type"`
			Instances []struct {
				Attributes          map[string]any    `json:"attributes"`
				SensitiveAttributes []json.RawMessage `json:"sensitive_attributes"`
			} `json:"instances"`
		} `json:"resources"`
	}
	raw := w.read("terraform.tfstate")
	if err := json.Unmarshal([]byte(raw), &state); err != nil {
		t.Fatal(err)
	}
	for name, s := range secrets {
		if (name == "shared secret" || strings.HasPrefix(name, "admin token")) && strings.Contains(raw, s) {
			t.Errorf("state contains the %s", name)
		}
	}
	found := map[string]bool{}
	for _, r := range state.Resources {
		for _, inst := range r.Instances {
			for attr, v := range inst.Attributes {
				str, _ := v.(string)
				for name, s := range secrets {
					if str == "" || !strings.Contains(str, s) {
						continue
					}
					sensitive := false
					for _, p := range inst.SensitiveAttributes {
						if strings.Contains(string(p), `"`+attr+`"`) {
							sensitive = true
						}
					}
					if !sensitive {
						t.Errorf("%s.%s holds the %s but is not marked sensitive", r.Type, attr, name)
					}
					found[r.Type+"."+attr+": "+name] = true
				}
			}
		}
	}
	want := []string{"idaas_provisioner.bearer_token: SCIM bearer token", "idaas_scim_groups.token: SCIM bearer token",
		"idaas_signing_certificate.private_key_pem: private key"}
	for _, k := range want {
		if !found[k] {
			t.Errorf("expected %s in state (the user supplied it); found %v", k, found)
		}
	}
	if len(found) != len(want) {
		t.Errorf("secrets in state: %v, want exactly %v", found, want)
	}
}
