package e2e

import (
	"fmt"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/idaas-terraform/terraform-provider-idaas/internal/client"
)

// firstSyncConfig is the one-apply pattern of examples/aws-sso/actions.tf
// on Terraform 1.16: a provisioner whose first synchronization runs as an
// after-create action, with the given on_failure, and a terraform_data that
// depends on the provisioner (to see whether the apply went on).
func firstSyncConfig(endpoint, token, onFailure string) string {
	return providerBlock + fmt.Sprintf(`
resource "idaas_provisioner" "aws" {
  name              = "AWS IAM Identity Center"
  type              = "aws"
  enabled           = true
  scim_endpoint     = %q
  bearer_token      = %q
  verify_connection = false

  lifecycle {
    action_trigger {
      events     = [after_create]
      actions    = [action.idaas_synchronize_provisioner.first_sync]
      on_failure = %s
    }
  }
}

action "idaas_synchronize_provisioner" "first_sync" {
  config {
    provisioner_id = caller.id
  }
}

resource "terraform_data" "after" {
  input = idaas_provisioner.aws.id
}
`, endpoint, token, onFailure)
}

// newFirstSyncWorkspace is a workspace on Terraform 1.16+ with three users
// in the tenant and a SCIM token that the SCIM server refuses.
func newFirstSyncWorkspace(t *testing.T) (*workspace, string) {
	t.Helper()
	w := newWorkspace(t, "")
	skipBelowCLI(t, "1.16.0", "on_failure in action_trigger and the caller symbol")
	c, err := client.New(client.Config{TenantURL: w.srv.URL, ApplicationID: w.emu.ApplicationID(), SharedSecret: w.emu.SharedSecret()})
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"jane", "omar", "li"} {
		uid := name + "@example.com"
		if _, err := c.CreateUser(t.Context(), client.UserParms{UserID: uid, FirstName: &name, LastName: &name, Email: &uid}); err != nil {
			t.Fatal(err)
		}
	}
	refused, err := w.emu.SCIM().IssueToken(time.Now().AddDate(1, 0, 0))
	if err != nil {
		t.Fatal(err)
	}
	w.emu.SCIM().RevokeToken(refused)
	return w, refused
}

// flat is terraform's output on one line, its boxes and wrapping undone.
func flat(out string) string {
	return strings.Join(strings.Fields(strings.ReplaceAll(out, "│", " ")), " ")
}

var syncFailed = regexp.MustCompile(`Synchronization of provisioner \S+ failed: .*refused the bearer token`)

// on_failure = halt (the default): the apply stops with the action's error;
// the provisioner stays in state as created, not tainted, and what depends
// on it is not applied.
func TestFirstSyncOnFailureHalt(t *testing.T) {
	t.Parallel()
	w, refused := newFirstSyncWorkspace(t)
	w.write(firstSyncConfig(w.srv.URL+w.emu.SCIM().BasePath(), refused, "halt"))
	out := flat(w.run(1, "apply", "-auto-approve", "-input=false", "-no-color"))
	if !strings.Contains(out, "Error: Synchronization of provisioner") || !syncFailed.MatchString(out) {
		t.Fatalf("the apply does not stop with the synchronization's error:\n%s", out)
	}
	state := w.run(0, "state", "list")
	if !strings.Contains(state, "idaas_provisioner.aws") || strings.Contains(state, "terraform_data.after") {
		t.Errorf("after a halted apply the state holds %q; want the provisioner and not what depends on it", state)
	}
	if show := w.run(0, "state", "show", "-no-color", "idaas_provisioner.aws"); strings.Contains(show, "tainted") {
		t.Errorf("halt tainted the provisioner:\n%s", show)
	}
	if n := len(w.emu.SCIM().Users()); n != 0 {
		t.Errorf("%d users reached the SCIM server through a refused token", n)
	}
}

// on_failure = taint: the apply fails with the action's error and the
// provisioner is tainted; with a token the SCIM server accepts, the next
// apply replaces it (a new provisioner, the old one deleted) and its first
// synchronization pushes the users.
func TestFirstSyncOnFailureTaint(t *testing.T) {
	t.Parallel()
	w, refused := newFirstSyncWorkspace(t)
	endpoint := w.srv.URL + w.emu.SCIM().BasePath()
	w.write(firstSyncConfig(endpoint, refused, "taint"))
	out := flat(w.run(1, "apply", "-auto-approve", "-input=false", "-no-color"))
	if !syncFailed.MatchString(out) {
		t.Fatalf("the apply does not report the failed synchronization:\n%s", out)
	}
	first := w.managedIDs()["idaas_provisioner.aws"]
	if show := w.run(0, "state", "show", "-no-color", "idaas_provisioner.aws"); !strings.Contains(show, "(tainted)") {
		t.Fatalf("the provisioner whose first synchronization failed is not tainted:\n%s", show)
	}

	good, err := w.emu.SCIM().IssueToken(time.Now().AddDate(1, 0, 0))
	if err != nil {
		t.Fatal(err)
	}
	w.write(firstSyncConfig(endpoint, good, "taint"))
	plan := flat(w.run(2, "plan", "-detailed-exitcode", "-input=false", "-no-color"))
	if !strings.Contains(plan, "idaas_provisioner.aws is tainted, so must be replaced") {
		t.Fatalf("the next plan does not replace the tainted provisioner:\n%s", plan)
	}
	out = w.run(0, "apply", "-auto-approve", "-input=false", "-no-color")
	second := w.managedIDs()["idaas_provisioner.aws"]
	if second == "" || second == first {
		t.Fatalf("the provisioner was not replaced: %q then %q\n%s", first, second, out)
	}
	c, _ := client.New(client.Config{TenantURL: w.srv.URL, ApplicationID: w.emu.ApplicationID(), SharedSecret: w.emu.SharedSecret()})
	if _, err := c.GetProvisioner(t.Context(), first); !client.NotFound(err) {
		t.Errorf("the tainted provisioner %s is still in the tenant (%v)", first, err)
	}
	if !strings.Contains(out, "SUCCEEDED: 3 users created") {
		t.Errorf("the replacement's first synchronization did not report its users:\n%s", out)
	}
	if n := len(w.emu.SCIM().Users()); n != 3 {
		t.Errorf("%d users in the SCIM server after the replacement, want 3", n)
	}
	w.run(0, "plan", "-detailed-exitcode", "-input=false", "-no-color")
}

// on_failure = continue: the apply finishes (what depends on the
// provisioner is applied) and reports the failure as a warning.
func TestFirstSyncOnFailureContinue(t *testing.T) {
	t.Parallel()
	w, refused := newFirstSyncWorkspace(t)
	w.write(firstSyncConfig(w.srv.URL+w.emu.SCIM().BasePath(), refused, "continue"))
	out := flat(w.run(0, "apply", "-auto-approve", "-input=false", "-no-color"))
	if !strings.Contains(out, "Warning: Synchronization of provisioner") || !syncFailed.MatchString(out) {
		t.Errorf("the apply does not report the failed synchronization as a warning:\n%s", out)
	}
	if !strings.Contains(out, "Apply complete! Resources: 2 added, 0 changed, 0 destroyed.") {
		t.Errorf("the apply did not finish:\n%s", out)
	}
	if show := w.run(0, "state", "show", "-no-color", "idaas_provisioner.aws"); strings.Contains(show, "tainted") {
		t.Errorf("continue tainted the provisioner:\n%s", show)
	}
	w.run(0, "plan", "-detailed-exitcode", "-input=false", "-no-color")
}

// twoCallersConfig is two provisioners whose updates run the same test
// action through caller (Terraform 1.16).
func twoCallersConfig(endpoint, token string) string {
	var b strings.Builder
	b.WriteString(providerBlock)
	for _, name := range []string{"a", "b"} {
		fmt.Fprintf(&b, `
resource "idaas_provisioner" %[1]q {
  name          = "provisioner %[1]s"
  type          = "aws"
  scim_endpoint = %[2]q
  bearer_token  = %[3]q

  lifecycle {
    action_trigger {
      events  = [after_update]
      actions = [action.idaas_test_provisioner.check]
    }
  }
}
`, name, endpoint, token)
	}
	b.WriteString(`
action "idaas_test_provisioner" "check" {
  config {
    provisioner_id = caller.id
  }
}
`)
	return b.String()
}

// terraform apply -invoke of an action that reads caller runs it once per
// calling resource; with -target, only for the targeted one.
func TestInvokeWithTarget(t *testing.T) {
	t.Parallel()
	w := newWorkspace(t, "")
	skipBelowCLI(t, "1.16.0", "-invoke with -target and the caller symbol")
	token, err := w.emu.SCIM().IssueToken(time.Now().AddDate(1, 0, 0))
	if err != nil {
		t.Fatal(err)
	}
	w.write(twoCallersConfig(w.srv.URL+w.emu.SCIM().BasePath(), token))
	w.run(0, "apply", "-auto-approve", "-input=false", "-no-color")
	const testRoute = "POST /api/web/v1/provisioners/{id}/test"
	invoke := []string{"apply", "-auto-approve", "-input=false", "-no-color", "-invoke=action.idaas_test_provisioner.check"}

	st := w.costOf(0, invoke...)
	if n := st.ByRoute[testRoute]; n != 2 {
		t.Errorf("-invoke without -target sent %d tests, want one per caller (2)", n)
	}

	w.emu.ResetStats()
	out := w.run(0, append(invoke, "-target=idaas_provisioner.b")...)
	if n := w.emu.Stats().ByRoute[testRoute]; n != 1 {
		t.Errorf("-invoke with -target=idaas_provisioner.b sent %d tests, want 1", n)
	}
	if !strings.Contains(out, `Send test SCIM for provisioner "provisioner b"`) || strings.Contains(out, `"provisioner a"`) {
		t.Errorf("-target did not pick provisioner b:\n%s", out)
	}
	if !strings.Contains(out, "Actions: 1 invoked.") {
		t.Errorf("no count of invoked actions:\n%s", out)
	}
}

// The test action under on_failure = continue, as examples/actions has it:
// after the token is revoked in AWS, an update of the provisioner applies,
// and the refused token is reported as a warning.
func TestTestActionOnFailureContinue(t *testing.T) {
	t.Parallel()
	w := newWorkspace(t, "")
	skipBelowCLI(t, "1.16.0", "on_failure in action_trigger and the caller symbol")
	token, err := w.emu.SCIM().IssueToken(time.Now().AddDate(1, 0, 0))
	if err != nil {
		t.Fatal(err)
	}
	config := func(name string) string {
		return providerBlock + fmt.Sprintf(`
resource "idaas_provisioner" "aws" {
  name          = %q
  type          = "aws"
  scim_endpoint = %q
  bearer_token  = %q

  lifecycle {
    action_trigger {
      events     = [after_update]
      actions    = [action.idaas_test_provisioner.aws]
      on_failure = continue
    }
  }
}

action "idaas_test_provisioner" "aws" {
  config {
    provisioner_id = caller.id
  }
}
`, name, w.srv.URL+w.emu.SCIM().BasePath(), token)
	}
	w.write(config("AWS"))
	w.run(0, "apply", "-auto-approve", "-input=false", "-no-color")
	w.emu.SCIM().RevokeToken(token)
	w.write(config("AWS IAM Identity Center"))
	out := flat(w.run(0, "apply", "-auto-approve", "-input=false", "-no-color"))
	if !strings.Contains(out, "Warning: SCIM bearer token refused") || !strings.Contains(out, "Apply complete! Resources: 0 added, 1 changed, 0 destroyed.") {
		t.Errorf("the update does not finish with the refused token as a warning:\n%s", out)
	}
}
