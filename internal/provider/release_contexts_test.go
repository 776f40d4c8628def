package provider

import (
	"context"
	"runtime"
	"sync/atomic"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/providerserver"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
)

type ballastKey struct{}

// servedContexts serves n calls of each per-resource kind, each with a
// context (cancelled after the call, as gRPC does) carrying a value whose
// finalizer counts it, and says how many of those values were collected
// once the calls were over: a context the server keeps keeps its value.
func servedContexts(t *testing.T, srv tfprotov6.ProviderServer, n int) (collected, served int64) {
	t.Helper()
	var freed atomic.Int64
	for i := range n {
		ballast := new([4096]byte)
		runtime.SetFinalizer(ballast, func(*[4096]byte) { freed.Add(1) })
		ctx, cancel := context.WithCancel(context.WithValue(context.Background(), ballastKey{}, ballast))
		typ := []string{"idaas_group", "idaas_user"}[i%2]
		if _, err := srv.UpgradeResourceState(ctx, &tfprotov6.UpgradeResourceStateRequest{TypeName: typ, RawState: &tfprotov6.RawState{JSON: []byte(`{}`)}}); err != nil {
			t.Fatal(err)
		}
		if _, err := srv.ReadResource(ctx, &tfprotov6.ReadResourceRequest{TypeName: typ}); err != nil {
			t.Fatal(err)
		}
		if _, err := srv.ValidateResourceConfig(ctx, &tfprotov6.ValidateResourceConfigRequest{TypeName: typ}); err != nil {
			t.Fatal(err)
		}
		cancel()
	}
	// Finalizers run after the collection that finds their object
	// unreachable, on their own goroutine.
	for range 10 {
		runtime.GC()
		if freed.Load() >= int64(n) {
			break
		}
		time.Sleep(20 * time.Millisecond)
	}
	// The server lives on, as it does in a provider process.
	runtime.KeepAlive(srv)
	return freed.Load(), int64(n)
}

// The provider's server keeps nothing of a call's context once the call
// has returned, so a refresh of many resources does not hold every call's
// loggers and stream in memory (release_contexts.go).
func TestServerReleasesRequestContexts(t *testing.T) {
	t.Parallel()
	srv := NewServer(New("test"))()
	if _, ok := srv.(*releasingServer); !ok {
		t.Fatalf("NewServer serves %T, not the releasing server", srv)
	}
	collected, served := servedContexts(t, srv, 300)
	if collected < served*9/10 {
		t.Errorf("%d of %d call contexts were collected after their calls: the server keeps the rest", collected, served)
	}
}

// The framework's own server keeps every call's context until StopProvider
// (internal/proto6server registerContext in v1.19). If this fails, a newer
// framework lets go of them itself, and releasingServer can go.
func TestFrameworkKeepsRequestContexts(t *testing.T) {
	t.Parallel()
	srv := providerserver.NewProtocol6(New("test")())()
	collected, served := servedContexts(t, srv, 300)
	if collected > served/10 {
		t.Errorf("%d of %d call contexts were collected with the framework's server alone: it no longer keeps them; releasingServer is not needed", collected, served)
	}
	// StopProvider cancels and forgets them.
	if _, err := srv.StopProvider(context.Background(), &tfprotov6.StopProviderRequest{}); err != nil {
		t.Fatal(err)
	}
}
