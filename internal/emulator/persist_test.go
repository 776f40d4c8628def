package emulator_test

import (
	"context"
	"net"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/idaas-terraform/terraform-provider-idaas/internal/client"
	"github.com/idaas-terraform/terraform-provider-idaas/internal/emulator"
	"github.com/idaas-terraform/terraform-provider-idaas/internal/emulator/consoleguide"
	"github.com/idaas-terraform/terraform-provider-idaas/internal/emulator/serviceprovider"
)

// serveAt serves emu at addr (":0" style addresses pick a port) until the
// returned stop is called, with a client of it.
func serveAt(t *testing.T, emu *emulator.Emulator, addr string) (*httptest.Server, *client.Client) {
	t.Helper()
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewUnstartedServer(emu.Handler())
	_ = srv.Listener.Close()
	srv.Listener = ln
	srv.Start()
	t.Cleanup(srv.Close)
	c, err := client.New(client.Config{TenantURL: srv.URL, ApplicationID: emu.ApplicationID(), SharedSecret: emu.SharedSecret(), MaxRetries: -1})
	if err != nil {
		t.Fatal(err)
	}
	return srv, c
}

// A tenant kept in a data directory survives a restart whole: the admin
// API's objects, the SCIM server's users and groups, the signing key (Jane
// still signs in, with the same certificate), the provisioner with its
// token and its synchronizations. A corrupt or cut-short file is refused
// and left as it was.
func TestDataDirSurvivesRestart(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	emu, restored, err := emulator.Open(emulator.Options{}, dir)
	if err != nil || restored {
		t.Fatalf("Open on an empty directory: restored=%v err=%v", restored, err)
	}
	srv, c := serveAt(t, emu, "127.0.0.1:0")
	addr := srv.Listener.Addr().String()
	tok, err := emu.SCIM().IssueToken(time.Now().AddDate(1, 0, 0))
	if err != nil {
		t.Fatal(err)
	}
	conn := emu.ConnectionInfo(srv.URL, tok)
	ten, err := consoleguide.Build(ctx, c, consoleguide.AWSSPMetadataXML, conn.SCIMEndpoint, tok)
	if err != nil {
		t.Fatal(err)
	}
	// A write after the synchronization's end: once it is answered, the
	// file holds the tenant with the finished synchronization.
	if _, err := c.CreateGroup(ctx, client.GroupParms{Name: "after the sync"}); err != nil {
		t.Fatal(err)
	}
	inv, scimUsers, scimGroups := emu.Inventory(), emu.SCIM().Users(), emu.SCIM().Groups()
	md, err := c.GetIdPMetadata(ctx, ten.ApplicationID, client.IdPMetadataQuery{})
	if err != nil {
		t.Fatal(err)
	}
	prov, err := c.GetProvisioner(ctx, ten.ProvisionerID)
	if err != nil {
		t.Fatal(err)
	}
	srv.Close() // the process ends: nothing more is saved

	emu2, restored, err := emulator.Open(emulator.Options{}, dir)
	if err != nil || !restored {
		t.Fatalf("Open on the kept tenant: restored=%v err=%v", restored, err)
	}
	if emu2.ApplicationID() != emu.ApplicationID() || emu2.SharedSecret() != emu.SharedSecret() || emu2.SCIM().BasePath() != emu.SCIM().BasePath() {
		t.Fatal("the restarted tenant has other credentials or another SCIM base path")
	}
	_, c2 := serveAt(t, emu2, addr)
	if got := emu2.Inventory(); !reflect.DeepEqual(got, inv) {
		t.Errorf("inventory after the restart:\n%v\nwant\n%v", got, inv)
	}
	if got := emu2.SCIM().Users(); !reflect.DeepEqual(got, scimUsers) {
		t.Errorf("SCIM users after the restart:\n%v\nwant\n%v", got, scimUsers)
	}
	if got := emu2.SCIM().Groups(); !reflect.DeepEqual(got, scimGroups) {
		t.Errorf("SCIM groups after the restart:\n%v\nwant\n%v", got, scimGroups)
	}
	md2, err := c2.GetIdPMetadata(ctx, ten.ApplicationID, client.IdPMetadataQuery{})
	if err != nil {
		t.Fatal(err)
	}
	if md2.CertificatePEM != md.CertificatePEM {
		t.Error("the IdP metadata's certificate changed across the restart")
	}
	prov2, err := c2.GetProvisioner(ctx, ten.ProvisionerID)
	if err != nil {
		t.Fatal(err)
	}
	if prov2.Status != "SUCCEEDED" || prov2.LastSyncAt != prov.LastSyncAt {
		t.Errorf("provisioner after the restart: status %q last sync %q, want SUCCEEDED %q", prov2.Status, prov2.LastSyncAt, prov.LastSyncAt)
	}
	// The signing key came back: the AWS stand-in accepts Jane's assertion
	// signed after the restart with the certificate it was configured with
	// before it.
	sp, err := serviceprovider.New(consoleguide.AWSSPMetadataXML, md.XML)
	if err != nil {
		t.Fatal(err)
	}
	res, err := sp.IdPInitiated("http://" + addr + "/_emulator/signin?" + url.Values{"application": {ten.ApplicationID}, "user": {"jane@example.com"}}.Encode())
	if err != nil || res.NameID != "jane@example.com" {
		t.Fatalf("Jane's sign-in after the restart: %v %+v", err, res)
	}
	// The provisioner (and its SCIM token) works: a new synchronization
	// finds everyone already there.
	op, err := c2.SyncProvisioner(ctx, ten.ProvisionerID)
	if err != nil {
		t.Fatal(err)
	}
	for !op.Done() {
		time.Sleep(20 * time.Millisecond)
		if op, err = c2.GetProvisioningOperation(ctx, ten.ProvisionerID, op.ID); err != nil {
			t.Fatal(err)
		}
	}
	if op.Status != client.OperationSucceeded || op.UsersCreated != 0 || len(emu2.SCIM().Users()) != len(scimUsers) {
		t.Errorf("sync after the restart: %+v, %d SCIM users", op, len(emu2.SCIM().Users()))
	}

	// A cut-short file and a corrupt one are refused, and left as they are
	// (in a copy of the directory: the restarted emulator still runs).
	whole, err := os.ReadFile(filepath.Join(dir, emulator.DataFile))
	if err != nil {
		t.Fatal(err)
	}
	dir = t.TempDir()
	path := filepath.Join(dir, emulator.DataFile)
	i := strings.Index(string(whole), "after the sync")
	for name, tc := range map[string]struct {
		data []byte
		want string
	}{
		"cut short": {whole[:len(whole)/2], "corrupt or cut short"},
		"corrupt":   {[]byte(string(whole[:i]) + "AFTER" + string(whole[i+5:])), "checksum does not match"},
		"empty":     {nil, "corrupt or cut short"},
	} {
		if err := os.WriteFile(path, tc.data, 0o600); err != nil {
			t.Fatal(err)
		}
		_, _, err := emulator.Open(emulator.Options{}, dir)
		if err == nil || !strings.Contains(err.Error(), tc.want) || !strings.Contains(err.Error(), path) {
			t.Errorf("%s file: got %v, want an error naming %s and saying %q", name, err, path, tc.want)
		}
		if after, _ := os.ReadFile(path); string(after) != string(tc.data) {
			t.Errorf("%s file: Open changed it", name)
		}
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 1 {
		t.Errorf("the data directory holds %d entries, want only %s", len(entries), emulator.DataFile)
	}
}
