// Package emutest serves an emulator for one test, with a tenant client of
// it: the set-up the client, emulator and provider tests share.
package emutest

import (
	"net/http/httptest"
	"testing"

	"github.com/idaas-terraform/terraform-provider-idaas/internal/client"
	"github.com/idaas-terraform/terraform-provider-idaas/internal/emulator"
)

// Serve serves emu on loopback until the test ends and returns the server
// and a client of it: cfg's settings (retries, timeouts) with the
// emulator's address and credentials.
func Serve(t testing.TB, emu *emulator.Emulator, cfg client.Config) (*httptest.Server, *client.Client) {
	t.Helper()
	srv := httptest.NewServer(emu.Handler())
	t.Cleanup(srv.Close)
	cfg.TenantURL, cfg.ApplicationID, cfg.SharedSecret = srv.URL, emu.ApplicationID(), emu.SharedSecret()
	c, err := client.New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	return srv, c
}
