// Package emutest serves an emulator for one test, with a tenant client of
// it: the set-up the client, emulator and provider tests share.
//
// Every admin API exchange through it is checked against the API documents
// under api/ (package contract): a request of the client or an answer of
// the emulator that breaks them, or a call to an operation neither has,
// fails the test, naming the operation and the rule.
package emutest

import (
	"net/http"
	"net/http/httptest"
	"sync"
	"testing"

	"github.com/idaas-terraform/terraform-provider-idaas/internal/client"
	"github.com/idaas-terraform/terraform-provider-idaas/internal/emulator"
	"github.com/idaas-terraform/terraform-provider-idaas/internal/emulator/contract"
)

// Serve serves emu on loopback until the test ends and returns the server
// and a client of it: cfg's settings (retries, timeouts) with the
// emulator's address and credentials. The contract is checked.
func Serve(t testing.TB, emu *emulator.Emulator, cfg client.Config) (*httptest.Server, *client.Client) {
	t.Helper()
	return ServeWith(t, emu, cfg, nil)
}

// ServeWith is Serve with outer, when not nil, in front of the checked
// emulator: a tenant double that answers some routes itself (e.g. a web
// server's plain 404 for routes the tenant does not serve), outside the
// contract.
func ServeWith(t testing.TB, emu *emulator.Emulator, cfg client.Config, outer func(http.Handler) http.Handler) (*httptest.Server, *client.Client) {
	t.Helper()
	h, rec := contract.WrapForTest(t, emu.Handler())
	if outer != nil {
		h = outer(h)
	}
	srv := httptest.NewServer(h)
	recorders.Store(srv, rec)
	t.Cleanup(func() { srv.Close(); recorders.Delete(srv) })
	cfg.TenantURL, cfg.ApplicationID, cfg.SharedSecret = srv.URL, emu.ApplicationID(), emu.SharedSecret()
	c, err := client.New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	return srv, c
}

var recorders sync.Map // *httptest.Server -> *contract.Recorder

// ExpectViolation says that the test sends, through srv (from Serve), a
// request the contract forbids on purpose, to check the emulator's answer:
// violations whose text contains sub do not fail the test, and the test
// fails if none happens.
func ExpectViolation(t testing.TB, srv *httptest.Server, sub string) {
	t.Helper()
	v, _ := recorders.Load(srv)
	rec, ok := v.(*contract.Recorder)
	if !ok {
		t.Fatal("emutest.ExpectViolation: srv is not a server of emutest.Serve")
	}
	rec.Expect(sub)
}
