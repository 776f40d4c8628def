package emulator_test

import (
	"context"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/idaas-terraform/terraform-provider-idaas/internal/client"
	"github.com/idaas-terraform/terraform-provider-idaas/internal/emulator"
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
	srv := httptest.NewServer(emu.Handler())
	t.Cleanup(srv.Close)
	c, err := client.New(client.Config{TenantURL: srv.URL, ApplicationID: emu.ApplicationID(), SharedSecret: emu.SharedSecret()})
	if err != nil {
		t.Fatal(err)
	}
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
