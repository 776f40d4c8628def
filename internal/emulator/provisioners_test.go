package emulator_test

import (
	"context"
	"fmt"
	"net/http/httptest"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/idaas-terraform/terraform-provider-idaas/internal/client"
	"github.com/idaas-terraform/terraform-provider-idaas/internal/emulator"
	"github.com/idaas-terraform/terraform-provider-idaas/internal/emulator/emutest"
	"github.com/idaas-terraform/terraform-provider-idaas/internal/emulator/scimmock"
)

func ptr[T any](v T) *T { return &v }

// waitOp polls an operation until it finishes.
func waitOp(t *testing.T, c *client.Client, op *client.ProvisioningOperation) *client.ProvisioningOperation {
	t.Helper()
	ctx := context.Background()
	for deadline := time.Now().Add(30 * time.Second); time.Now().Before(deadline); time.Sleep(20 * time.Millisecond) {
		got, err := c.GetProvisioningOperation(ctx, op.ProvisionerID, op.ID)
		if err != nil {
			t.Fatal(err)
		}
		if got.Done() {
			return got
		}
	}
	t.Fatal("operation did not finish")
	return nil
}

func TestProvisionerAPI(t *testing.T) {
	ctx := context.Background()
	emu := emulator.New(emulator.Options{})
	srv, c := emutest.Serve(t, emu, client.Config{})
	tok, _ := emu.SCIM().IssueToken(time.Now().AddDate(1, 0, 0))
	endpoint := srv.URL + emu.SCIM().BasePath()
	g, err := c.CreateGroup(ctx, client.GroupParms{Name: "AWS"})
	if err != nil {
		t.Fatal(err)
	}
	u, err := c.CreateUser(ctx, client.UserParms{UserID: "ann@example.com", FirstName: ptr("Ann"), LastName: ptr("Lee"), Email: ptr("ann@example.com")})
	if err != nil {
		t.Fatal(err)
	}
	if err := c.SetUserGroups(ctx, u.ID, []string{g.ID}); err != nil {
		t.Fatal(err)
	}

	p, err := c.CreateProvisioner(ctx, client.ProvisionerParms{Name: "AWS", Type: "aws", SCIMEndpoint: endpoint, BearerToken: tok, GroupIDs: &[]string{g.ID}})
	if err != nil {
		t.Fatal(err)
	}
	if p.Enabled || !p.PushGroups || p.Status != "NEVER_SYNCED" || len(p.GroupIDs) != 1 {
		t.Fatalf("created %+v", p)
	}
	ms, err := c.ListAttributeMappings(ctx, p.ID)
	if err != nil || len(ms) != 6 || !ms[0].IsDefault || ms[2].UserAttribute != "First Name" {
		t.Fatalf("default mappings %+v %v", ms, err)
	}
	if _, err := c.CreateAttributeMapping(ctx, p.ID, client.AttributeMapping{SCIMAttribute: "displayName", UserAttribute: "Email"}); !client.Conflict(err) {
		t.Fatalf("duplicate mapping: %v", err)
	}
	mail := `emails[type eq "work"].value`
	if m, err := c.GetAttributeMapping(ctx, p.ID, mail); err != nil || m.UserAttribute != "Email" {
		t.Fatalf("get %s: %+v %v", mail, m, err)
	}
	if _, err := c.UpdateAttributeMapping(ctx, p.ID, client.AttributeMapping{SCIMAttribute: "displayName", UserAttribute: "Email"}); err != nil {
		t.Fatal(err)
	}
	if _, err := c.UpdateProvisioner(ctx, p.ID, client.ProvisionerParms{SCIMEndpoint: endpoint + "x"}); err == nil || !strings.Contains(err.Error(), "SCIM_ENDPOINT_IMMUTABLE") {
		t.Fatalf("endpoint change: %v", err)
	}
	if res, err := c.TestProvisioner(ctx, p.ID); err != nil || !res.Success {
		t.Fatalf("test: %+v %v", res, err)
	}
	if _, err := c.SyncProvisioner(ctx, p.ID); err == nil || !strings.Contains(err.Error(), "PROVISIONER_DISABLED") {
		t.Fatalf("sync while disabled: %v", err)
	}
	if _, err := c.UpdateProvisioner(ctx, p.ID, client.ProvisionerParms{Enabled: ptr(true)}); err != nil {
		t.Fatal(err)
	}
	op, err := c.SyncProvisioner(ctx, p.ID)
	if err != nil {
		t.Fatal(err)
	}
	op = waitOp(t, c, op)
	if op.Status != client.OperationSucceeded || op.UsersCreated != 1 || op.GroupsPushed != 1 {
		t.Fatalf("op %+v", op)
	}
	su, ok := emu.SCIM().UserByExternalID(u.ID)
	if !ok || su["displayName"] != "ann@example.com" || su["name"].(map[string]any)["givenName"] != "Ann" {
		t.Fatalf("scim user %v", su)
	}
	if p, _ = c.GetProvisioner(ctx, p.ID); p.Status != client.OperationSucceeded || p.LastSyncAt == "" {
		t.Fatalf("after sync %+v", p)
	}
	// A wrong token: the test says so, and a sync fails naming it.
	if _, err := c.UpdateProvisioner(ctx, p.ID, client.ProvisionerParms{BearerToken: "wrong"}); err != nil {
		t.Fatal(err)
	}
	if res, _ := c.TestProvisioner(ctx, p.ID); res.Success || res.ErrorCode != "SCIM_TOKEN_REFUSED" {
		t.Fatalf("test with a wrong token: %+v", res)
	}
	if _, err := c.UpdateAttributeMapping(ctx, p.ID, client.AttributeMapping{SCIMAttribute: "name.givenName", Value: "X"}); err != nil {
		t.Fatal(err)
	}
	op, _ = c.SyncProvisioner(ctx, p.ID)
	if op = waitOp(t, c, op); op.Status != client.OperationFailed || !strings.Contains(op.Message, "refused the bearer token") {
		t.Fatalf("op with a wrong token %+v", op)
	}
	if err := c.DeleteAttributeMapping(ctx, p.ID, "userName"); err != nil {
		t.Fatal(err)
	}
	if _, err := c.SyncProvisioner(ctx, p.ID); err == nil || !strings.Contains(err.Error(), "userName") {
		t.Fatalf("sync without userName: %v", err)
	}
	if err := c.DeleteProvisioner(ctx, p.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := c.GetProvisioner(ctx, p.ID); !client.NotFound(err) {
		t.Fatalf("after delete: %v", err)
	}
}

// newProvisionerEnv is an emulator with an enabled aws provisioner pushing
// to endpoint: its own SCIM mock when empty, a path on its own server when
// it starts with "/".
func newProvisionerEnv(t *testing.T, endpoint string) (*emulator.Emulator, *client.Client, string) {
	t.Helper()
	emu := emulator.New(emulator.Options{})
	srv, c := emutest.Serve(t, emu, client.Config{MaxRetries: -1})
	tok, _ := emu.SCIM().IssueToken(time.Now().AddDate(1, 0, 0))
	switch {
	case endpoint == "":
		endpoint = srv.URL + emu.SCIM().BasePath()
	case strings.HasPrefix(endpoint, "/"):
		endpoint = srv.URL + endpoint
	}
	p, err := c.CreateProvisioner(t.Context(), client.ProvisionerParms{Name: "AWS", Type: "aws", SCIMEndpoint: endpoint, BearerToken: tok, Enabled: ptr(true)})
	if err != nil {
		t.Fatal(err)
	}
	return emu, c, p.ID
}

// "Send test SCIM" says why it failed: TLS, a wrong URL, nobody there.
func TestProvisionerTestCauses(t *testing.T) {
	tlsSrv := httptest.NewTLSServer(emulator.New(emulator.Options{}).SCIM()) // certificate from an unknown authority
	t.Cleanup(tlsSrv.Close)
	closed := httptest.NewServer(nil)
	closed.Close()
	for _, tc := range []struct{ name, endpoint, code, words string }{
		{"tls", tlsSrv.URL + "/scim/v2/", client.TestErrorTLS, "certificate"},
		{"unreachable", closed.URL + "/scim/v2/", client.TestErrorUnreachable, "could not be reached"},
		{"wrong path", "/not-scim/v2/", client.TestErrorNotFound, "URL is wrong"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, c, id := newProvisionerEnv(t, tc.endpoint)
			res, err := c.TestProvisioner(t.Context(), id)
			if err != nil || res.Success || res.ErrorCode != tc.code || !strings.Contains(res.Message, tc.words) {
				t.Fatalf("got %+v %v, want %s mentioning %q", res, err, tc.code, tc.words)
			}
		})
	}
}

// A running synchronization's operation shows its progress: users done of
// the total, growing, before it finishes with everything done.
func TestOperationProgress(t *testing.T) {
	ctx := t.Context()
	emu, c, pid := newProvisionerEnv(t, "")
	for i := range 300 {
		id := fmt.Sprintf("user%d@example.com", i)
		if _, err := c.CreateUser(ctx, client.UserParms{UserID: id, FirstName: ptr("F"), LastName: ptr("L"), Email: ptr(id)}); err != nil {
			t.Fatal(err)
		}
	}
	emu.SCIM().SetFaults(scimmock.Faults{LatencyMs: 5})
	op, err := c.SyncProvisioner(ctx, pid)
	if err != nil {
		t.Fatal(err)
	}
	var running []string
	for !op.Done() {
		if op.UsersTotal > 0 {
			if op.UsersTotal != 300 {
				t.Fatalf("usersTotal %d, want 300", op.UsersTotal)
			}
			running = append(running, fmt.Sprint(op.UsersDone))
		}
		time.Sleep(20 * time.Millisecond)
		if op, err = c.GetProvisioningOperation(ctx, pid, op.ID); err != nil {
			t.Fatal(err)
		}
	}
	if op.Status != client.OperationSucceeded || op.UsersDone != 300 || op.UsersTotal != 300 || op.UsersCreated != 300 {
		t.Fatalf("finished %+v", op)
	}
	if distinct := slices.Compact(running); len(distinct) < 3 {
		t.Fatalf("usersDone while running: %v; want at least 3 different values", running)
	}
}
