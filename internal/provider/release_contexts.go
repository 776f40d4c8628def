package provider

import (
	"context"
	"sync/atomic"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/provider"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
)

// Request contexts, released when the call returns.
//
// The plugin framework (v1.19, internal/proto6server registerContext)
// derives a cancellable context from every call's context and keeps its
// cancel function until Terraform sends StopProvider, which it does only on
// an interrupt. Each kept function holds its context, and through it the
// whole chain the call was served with: terraform-plugin-go's per-call
// loggers and fields, the gRPC stream. That is about 12 KB a call, three
// calls (ValidateResourceConfig, UpgradeResourceState, ReadResource) per
// resource in a refresh, kept for the life of the process: the provider's
// peak memory grew with the number of resources in state, about 60 MB a
// thousand (600 MB for 10,000 users, BENCHMARKS.md), as every framework
// provider's does.
//
// releasingServer hands the framework, for each call that Terraform makes
// once per resource, a context that forwards to the call's own until the
// call returns and then lets go of it: what the framework keeps is a few
// hundred bytes a call. After the call the context is done, as the call's
// own is (gRPC cancels it then), and carries no values.
//
// Not released: ConfigureProvider (the provider keeps that context to log
// its pacing reports, provider.go), and the calls whose answer the
// framework goes on producing after the method returns (ListResource,
// InvokeAction stream their results); they are once per command or per
// list block, not per resource.
type releasingServer struct {
	providerServer
	provider provider.Provider
}

// Close is for main, once Terraform has stopped the provider (tf6server.Serve
// has returned): the provider's pacers report what they did since their last
// report (provider.go, flushReports), which they otherwise do a second after
// a burst of requests, often after Terraform has stopped the provider.
func (s *releasingServer) Close() {
	if p, ok := s.provider.(*idaasProvider); ok {
		p.flushReports()
	}
}

// released is what a released request context forwards to: done, without
// values.
var released = func() context.Context {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	return ctx
}()

// requestContext forwards to a call's context until released.
type requestContext struct {
	inner atomic.Pointer[context.Context]
}

func (c *requestContext) ctx() context.Context {
	if p := c.inner.Load(); p != nil {
		return *p
	}
	return released
}

func (c *requestContext) Deadline() (time.Time, bool) { return c.ctx().Deadline() }
func (c *requestContext) Done() <-chan struct{}       { return c.ctx().Done() }
func (c *requestContext) Err() error                  { return c.ctx().Err() }
func (c *requestContext) Value(key any) any           { return c.ctx().Value(key) }

// call serves one call with a request context released when it returns.
func call[Req, Resp any](ctx context.Context, req Req, f func(context.Context, Req) (Resp, error)) (Resp, error) {
	rc := &requestContext{}
	rc.inner.Store(&ctx)
	defer rc.inner.Store(nil)
	return f(rc, req)
}

func (s *releasingServer) ValidateResourceConfig(ctx context.Context, req *tfprotov6.ValidateResourceConfigRequest) (*tfprotov6.ValidateResourceConfigResponse, error) {
	return call(ctx, req, s.providerServer.ValidateResourceConfig)
}

func (s *releasingServer) UpgradeResourceState(ctx context.Context, req *tfprotov6.UpgradeResourceStateRequest) (*tfprotov6.UpgradeResourceStateResponse, error) {
	return call(ctx, req, s.providerServer.UpgradeResourceState)
}

func (s *releasingServer) UpgradeResourceIdentity(ctx context.Context, req *tfprotov6.UpgradeResourceIdentityRequest) (*tfprotov6.UpgradeResourceIdentityResponse, error) {
	return call(ctx, req, s.providerServer.UpgradeResourceIdentity)
}

func (s *releasingServer) ReadResource(ctx context.Context, req *tfprotov6.ReadResourceRequest) (*tfprotov6.ReadResourceResponse, error) {
	return call(ctx, req, s.providerServer.ReadResource)
}

func (s *releasingServer) PlanResourceChange(ctx context.Context, req *tfprotov6.PlanResourceChangeRequest) (*tfprotov6.PlanResourceChangeResponse, error) {
	return call(ctx, req, s.providerServer.PlanResourceChange)
}

func (s *releasingServer) ApplyResourceChange(ctx context.Context, req *tfprotov6.ApplyResourceChangeRequest) (*tfprotov6.ApplyResourceChangeResponse, error) {
	return call(ctx, req, s.providerServer.ApplyResourceChange)
}

func (s *releasingServer) ImportResourceState(ctx context.Context, req *tfprotov6.ImportResourceStateRequest) (*tfprotov6.ImportResourceStateResponse, error) {
	return call(ctx, req, s.providerServer.ImportResourceState)
}

func (s *releasingServer) MoveResourceState(ctx context.Context, req *tfprotov6.MoveResourceStateRequest) (*tfprotov6.MoveResourceStateResponse, error) {
	return call(ctx, req, s.providerServer.MoveResourceState)
}

func (s *releasingServer) GenerateResourceConfig(ctx context.Context, req *tfprotov6.GenerateResourceConfigRequest) (*tfprotov6.GenerateResourceConfigResponse, error) {
	return call(ctx, req, s.providerServer.GenerateResourceConfig)
}

func (s *releasingServer) ValidateDataResourceConfig(ctx context.Context, req *tfprotov6.ValidateDataResourceConfigRequest) (*tfprotov6.ValidateDataResourceConfigResponse, error) {
	return call(ctx, req, s.providerServer.ValidateDataResourceConfig)
}

func (s *releasingServer) ReadDataSource(ctx context.Context, req *tfprotov6.ReadDataSourceRequest) (*tfprotov6.ReadDataSourceResponse, error) {
	return call(ctx, req, s.providerServer.ReadDataSource)
}

func (s *releasingServer) CallFunction(ctx context.Context, req *tfprotov6.CallFunctionRequest) (*tfprotov6.CallFunctionResponse, error) {
	return call(ctx, req, s.providerServer.CallFunction)
}

func (s *releasingServer) ValidateListResourceConfig(ctx context.Context, req *tfprotov6.ValidateListResourceConfigRequest) (*tfprotov6.ValidateListResourceConfigResponse, error) {
	return call(ctx, req, s.providerServer.ValidateListResourceConfig)
}

func (s *releasingServer) ValidateActionConfig(ctx context.Context, req *tfprotov6.ValidateActionConfigRequest) (*tfprotov6.ValidateActionConfigResponse, error) {
	return call(ctx, req, s.providerServer.ValidateActionConfig)
}

func (s *releasingServer) PlanAction(ctx context.Context, req *tfprotov6.PlanActionRequest) (*tfprotov6.PlanActionResponse, error) {
	return call(ctx, req, s.providerServer.PlanAction)
}
