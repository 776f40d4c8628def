package e2e

import (
	"archive/zip"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/idaas-terraform/terraform-provider-idaas/internal/emulator/idp"
	"github.com/idaas-terraform/terraform-provider-idaas/internal/emulator/scimwrite"
	"github.com/idaas-terraform/terraform-provider-idaas/internal/scim"
)

// The whole AWS configuration plus an uploaded certificate, with the SCIM
// token and the certificate's key given only as ephemeral variables (into
// bearer_token_wo, private_key_pem_wo and the ephemeral idaas_scim_groups),
// applied, planned, saved as a plan file and rotated with TF_LOG=TRACE: the
// users are provisioned, the next plan is empty, and the shared secret,
// every admin API token, both SCIM bearer tokens and the private key appear
// nowhere: not in the logs, the output, the state, the saved plan file nor
// `terraform show -json` of it.
func TestSecretsNeverLoggedAWS(t *testing.T) {
	w := newAWSSSOWorkspace(t)
	key, err := idp.GenerateKey("ECDSA_P256")
	if err != nil {
		t.Fatal(err)
	}
	certPEM, err := idp.SelfSignedCertificate(key, "uploaded.example.com", time.Now().Add(-time.Hour), 90*24*time.Hour, nil)
	if err != nil {
		t.Fatal(err)
	}
	keyPEM, err := idp.EncodePrivateKeyPEM(key)
	if err != nil {
		t.Fatal(err)
	}
	upload := fmt.Sprintf(`
variable "uploaded_key" {
  type      = string
  sensitive = true
  ephemeral = true
}
resource "idaas_signing_certificate" "uploaded" {
  name               = "uploaded"
  certificate_pem    = <<-PEM
%sPEM
  private_key_pem_wo = var.uploaded_key
}
`, certPEM)
	if err := os.WriteFile(filepath.Join(w.dir, "uploaded.tf"), []byte(upload), 0o600); err != nil {
		t.Fatal(err)
	}
	mock := w.emu.SCIM()
	scimToken, err := mock.IssueToken(time.Now().AddDate(1, 0, 0))
	if err != nil {
		t.Fatal(err)
	}
	logFile := filepath.Join(w.dir, "trace.log")
	base := append(w.env, "TF_VAR_scim_endpoint="+w.srv.URL+mock.BasePath(), "TF_VAR_uploaded_key="+keyPEM, "TF_LOG=TRACE", "TF_LOG_PATH="+logFile)
	w.env = append(base, "TF_VAR_scim_token="+scimToken)

	out := w.run(0, "apply", "-auto-approve", "-input=false", "-no-color")
	if len(mock.Users()) != 3 || len(mock.Groups()) != 2 {
		t.Fatalf("the SCIM mock holds %d users and %d groups, want 3 and 2", len(mock.Users()), len(mock.Groups()))
	}
	if strings.Contains(out, "Check block assertion failed") {
		t.Errorf("the check on the ephemeral idaas_scim_groups failed:\n%s", out)
	}
	out += w.run(0, "plan", "-detailed-exitcode", "-input=false", "-no-color")
	out += w.run(0, "plan", "-input=false", "-no-color", "-out=saved.tfplan")
	shown := w.run(0, "show", "-json", "saved.tfplan")
	if !strings.Contains(shown, `"idaas_provisioner"`) {
		t.Fatalf("terraform show -json of the saved plan does not show the provisioner:\n%.500s", shown)
	}
	out += w.run(0, "output", "-no-color")

	// Rotation: AWS issues a new token and revokes the old one. With the new
	// token and version, the provisioner is updated in place, and the
	// synchronization that a changed user triggers uses the new token.
	newToken, err := mock.IssueToken(time.Now().AddDate(1, 0, 0))
	if err != nil {
		t.Fatal(err)
	}
	mock.RevokeToken(scimToken)
	w.env = append(base, "TF_VAR_scim_token="+newToken, "TF_VAR_scim_token_version=2")
	main := w.read("main.tf")
	if !strings.Contains(main, `last = "Wei"`) {
		t.Fatal("examples/aws-sso no longer has Li Wei")
	}
	if err := os.WriteFile(filepath.Join(w.dir, "main.tf"), []byte(strings.Replace(main, `last = "Wei"`, `last = "Wei-Chen"`, 1)), 0o600); err != nil {
		t.Fatal(err)
	}
	rotate := w.run(0, "apply", "-auto-approve", "-input=false", "-no-color")
	out += rotate
	if !regexp.MustCompile(`idaas_provisioner\.aws will be updated in-place`).MatchString(rotate) ||
		!regexp.MustCompile(`bearer_token_wo_version\s+=\s+1 -> 2`).MatchString(rotate) {
		t.Errorf("the rotation did not update the provisioner in place:\n%s", rotate)
	}
	sync := w.run(0, "output", "-json", "sync")
	if !strings.Contains(sync, `"status":"SUCCEEDED"`) || !strings.Contains(sync, `"users_updated":1`) {
		t.Errorf("the synchronization after the rotation: %s", sync)
	}
	out += w.run(0, "plan", "-detailed-exitcode", "-input=false", "-no-color")

	// The check reads AWS through the ephemeral idaas_scim_groups: a member
	// removed in AWS shows up as the check's warning.
	sc, err := scimwrite.New(scim.Config{Endpoint: w.srv.URL + mock.BasePath(), Token: newToken, AWSMode: true})
	if err != nil {
		t.Fatal(err)
	}
	admins, err := sc.FindGroupByDisplayName(context.Background(), "AWS Administrators")
	if err != nil {
		t.Fatalf("AWS Administrators in the SCIM mock: %v %v", admins, err)
	}
	some, err := sc.ListUsers(context.Background(), `groups.value eq "`+admins.ID+`"`)
	if err != nil || len(some) == 0 {
		t.Fatalf("members of AWS Administrators: %v %v", some, err)
	}
	if err := sc.RemoveMembers(context.Background(), admins.ID, []string{some[0].ID}); err != nil {
		t.Fatal(err)
	}
	drift := w.run(0, "plan", "-input=false", "-no-color")
	out += drift
	if !regexp.MustCompile(`(?s)Warning: Check block assertion failed.*AWS Administrators in AWS IAM Identity Center differs`).MatchString(drift) {
		t.Errorf("the check did not see the member removed in AWS:\n%s", drift)
	}

	logs := w.read("trace.log")
	if !strings.Contains(logs, "idaas API request") {
		t.Fatal("the trace log does not hold the provider's request lines")
	}
	keyBody := strings.Split(strings.TrimSpace(keyPEM), "\n")[1] // a line of the key's base64
	secrets := map[string]string{"shared secret": w.emu.SharedSecret(), "SCIM bearer token": scimToken,
		"new SCIM bearer token": newToken, "private key": keyBody}
	for i, tok := range w.emu.IssuedTokens() {
		secrets[fmt.Sprintf("admin token %d", i)] = tok
	}
	state := w.read("terraform.tfstate")
	plan := w.read("saved.tfplan") // a zip archive; stored, not compressed, for small files: look inside too
	planFiles := unzipAll(t, filepath.Join(w.dir, "saved.tfplan"))
	for name, s := range secrets {
		for where, text := range map[string]string{"the trace log": logs, "terraform's output": out, "the state": state,
			"the saved plan file": plan + planFiles, "terraform show -json of the saved plan": shown} {
			if strings.Contains(text, s) {
				t.Errorf("%s contains the %s", where, name)
			}
		}
	}
	// Both write-only arguments were used, and are null in state.
	var st struct {
		Resources []struct {
			Type      string `json:"type"`
			Instances []struct {
				Attributes map[string]any `json:"attributes"`
			} `json:"instances"`
		} `json:"resources"`
	}
	if err := json.Unmarshal([]byte(state), &st); err != nil {
		t.Fatal(err)
	}
	seen := 0
	for _, r := range st.Resources {
		for _, inst := range r.Instances {
			for _, a := range []string{"bearer_token", "bearer_token_wo", "private_key_pem", "private_key_pem_wo"} {
				if v, ok := inst.Attributes[a]; ok {
					seen++
					if v != nil {
						t.Errorf("%s.%s is %v in state, want null", r.Type, a, v)
					}
				}
			}
		}
	}
	if seen < 4 {
		t.Errorf("found %d of the secret attributes in state, want 4 or more", seen)
	}
}

// unzipAll returns the contents of every file in a zip archive.
func unzipAll(t *testing.T, name string) string {
	t.Helper()
	z, err := zip.OpenReader(name)
	if err != nil {
		t.Fatal(err)
	}
	defer z.Close()
	var b strings.Builder
	for _, f := range z.File {
		r, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		data, err := io.ReadAll(r)
		_ = r.Close()
		if err != nil {
			t.Fatal(err)
		}
		b.Write(data)
	}
	return b.String()
}
