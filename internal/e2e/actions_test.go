package e2e

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/idaas-terraform/terraform-provider-idaas/internal/client"
	"github.com/idaas-terraform/terraform-provider-idaas/internal/emulator/scimmock"
)

// actionsConfig is an aws provisioner of every user, with both actions.
func actionsConfig(endpoint, token string) string {
	return providerBlock + fmt.Sprintf(`
resource "idaas_provisioner" "aws" {
  name          = "AWS IAM Identity Center"
  type          = "aws"
  enabled       = true
  scim_endpoint = %q
  bearer_token  = %q
}

action "idaas_synchronize_provisioner" "aws" {
  config {
    provisioner_id = idaas_provisioner.aws.id
  }
}

action "idaas_test_provisioner" "aws" {
  config {
    provisioner_id = idaas_provisioner.aws.id
  }
}

action "idaas_test_provisioner" "typo" {
  config {
    provisioner_id = "00000000-0000-0000-0000-00000000dead"
  }
}
`, endpoint, token)
}

// newActionsWorkspace applies actionsConfig with n users in the tenant.
func newActionsWorkspace(t *testing.T, users int) (*workspace, string) {
	t.Helper()
	w := newWorkspace(t, "")
	skipBelowCLI(t, "1.14.0", "actions")
	token, err := w.emu.SCIM().IssueToken(time.Now().AddDate(1, 0, 0))
	if err != nil {
		t.Fatal(err)
	}
	w.write(actionsConfig(w.srv.URL+w.emu.SCIM().BasePath(), token))
	c, err := client.New(client.Config{TenantURL: w.srv.URL, ApplicationID: w.emu.ApplicationID(), SharedSecret: w.emu.SharedSecret()})
	if err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	errs := make(chan error, users)
	for i := range users {
		wg.Go(func() {
			uid := fmt.Sprintf("user%04d@example.com", i)
			first, last := "First", "Last"+strconv.Itoa(i)
			_, err := c.CreateUser(t.Context(), client.UserParms{UserID: uid, FirstName: &first, LastName: &last, Email: &uid})
			errs <- err
		})
		if i%8 == 7 {
			wg.Wait()
		}
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			t.Fatal(err)
		}
	}
	w.run(0, "apply", "-auto-approve", "-input=false", "-no-color")
	return w, token
}

var progressLine = regexp.MustCompile(`action\.idaas_synchronize_provisioner\.aws \(triggered by CLI\): users (\d+)/1000, groups \d+/\d+ done`)

// terraform apply -invoke runs a synchronization of 1,000 users, showing
// its progress as it goes; the users arrive in the SCIM server.
func TestInvokeSynchronizeProvisioner(t *testing.T) {
	t.Parallel()
	w, _ := newActionsWorkspace(t, 1000)
	// Each SCIM request takes 10 ms, as a nearby service would: with the
	// engine's 6 workers the synchronization lasts at least 1.7 s, long
	// enough for the action's reads (after 0.1, 0.3, 0.7, 1.5 s) to see it
	// going.
	w.emu.SCIM().SetFaults(scimmock.Faults{LatencyMs: 10})
	start := time.Now()
	out := w.run(0, "apply", "-auto-approve", "-input=false", "-no-color", "-invoke=action.idaas_synchronize_provisioner.aws")
	t.Logf("invoke took %s", time.Since(start))
	var done []int
	for _, m := range progressLine.FindAllStringSubmatch(out, -1) {
		n, _ := strconv.Atoi(m[1])
		done = append(done, n)
	}
	t.Logf("users done in the progress lines: %v", done)
	if len(done) < 2 || done[0] >= 1000 {
		t.Errorf("progress lines show users done %v; want at least two while it runs\n%s", done, out)
	}
	for i := 1; i < len(done); i++ {
		if done[i] < done[i-1] {
			t.Errorf("progress went down: %v", done)
		}
	}
	if !strings.Contains(out, "SUCCEEDED: 1000 users created, 0 updated, 0 deactivated, 0 groups pushed, 0 failures.") ||
		!strings.Contains(out, "Actions: 1 invoked.") {
		t.Errorf("no outcome line:\n%s", out)
	}
	if n := len(w.emu.SCIM().Users()); n != 1000 {
		t.Errorf("%d users in the SCIM server, want 1000", n)
	}
}

// terraform apply -invoke of the test action reports success, then the
// cause when the token is refused (and the synchronize action fails with
// it); a provisioner_id naming nothing fails the plan, naming it, before
// anything is sent.
func TestInvokeTestProvisioner(t *testing.T) {
	t.Parallel()
	w, token := newActionsWorkspace(t, 3)
	invoke := []string{"apply", "-auto-approve", "-input=false", "-no-color", "-invoke=action.idaas_test_provisioner.aws"}
	out := w.run(0, invoke...)
	if !strings.Contains(out, `Send test SCIM for provisioner "AWS IAM Identity Center"`) ||
		!strings.Contains(out, "succeeded: The SCIM endpoint answered and accepted the bearer token.") {
		t.Errorf("no success line:\n%s", out)
	}
	if len(w.emu.SCIM().Users()) != 0 {
		t.Error("the test action pushed users")
	}

	w.emu.SCIM().RevokeToken(token)
	out = strings.Join(strings.Fields(w.run(1, invoke...)), " ")
	if !strings.Contains(out, "Action failed: action.idaas_test_provisioner.aws (triggered by CLI) - SCIM bearer token refused") ||
		!strings.Contains(out, "SCIM_TOKEN_REFUSED: The SCIM endpoint refused the bearer token (HTTP 401)") {
		t.Errorf("refused token not named:\n%s", out)
	}

	// A synchronization stopped by the refused token fails its action too.
	out = strings.Join(strings.Fields(w.run(1, "apply", "-auto-approve", "-input=false", "-no-color", "-invoke=action.idaas_synchronize_provisioner.aws")), " ")
	if !regexp.MustCompile(`Synchronization of provisioner \S+ failed: .*refused the bearer token.* The tenant's counts: 0 users created, 0 updated, 0 deactivated, 0 groups pushed, 0 failures\.`).MatchString(out) {
		t.Errorf("failed synchronization not reported:\n%s", out)
	}

	w.emu.ResetStats()
	out = strings.Join(strings.Fields(w.run(1, "plan", "-input=false", "-no-color", "-invoke=action.idaas_test_provisioner.typo")), " ")
	if !strings.Contains(out, "Error: Provisioner 00000000-0000-0000-0000-00000000dead not found") {
		t.Errorf("bad provisioner_id not named:\n%s", out)
	}
	if n := w.emu.Stats().ByRoute["POST /api/web/v1/provisioners/{id}/test"]; n != 0 {
		t.Errorf("a plan sent %d tests", n)
	}
}
