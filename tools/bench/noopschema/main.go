// Command noopschema is the benchmark's same-schema floor: a
// terraform-plugin-framework provider named like ours whose resources and
// data sources have exactly our schemas (taken from internal/provider) but
// do no I/O: Create and Update store the plan (unknown computed values
// made known), Read keeps the state, data sources answer their
// configuration. Beside the two-attribute no-op it separates what the
// framework and Terraform cost for our schemas from what our code costs.
package main

import (
	"context"
	"log"
	"math/big"

	"github.com/google/uuid"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/provider"
	"github.com/hashicorp/terraform-plugin-framework/providerserver"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	idaas "github.com/idaas-terraform/terraform-provider-idaas/internal/provider"
)

func main() {
	err := providerserver.Serve(context.Background(), func() provider.Provider { return &same{real: idaas.New("bench")()} }, providerserver.ServeOpts{
		Address: "registry.terraform.io/idaas-terraform/idaasnoop",
	})
	if err != nil {
		log.Fatal(err)
	}
}

type same struct{ real provider.Provider }

func (p *same) Metadata(_ context.Context, _ provider.MetadataRequest, resp *provider.MetadataResponse) {
	resp.TypeName = "idaas"
}

func (p *same) Schema(ctx context.Context, req provider.SchemaRequest, resp *provider.SchemaResponse) {
	p.real.Schema(ctx, req, resp)
}

func (p *same) Configure(context.Context, provider.ConfigureRequest, *provider.ConfigureResponse) {}

func (p *same) Resources(ctx context.Context) []func() resource.Resource {
	var out []func() resource.Resource
	for _, f := range p.real.Resources(ctx) {
		out = append(out, func() resource.Resource { return &res{real: f()} })
	}
	return out
}

func (p *same) DataSources(ctx context.Context) []func() datasource.DataSource {
	var out []func() datasource.DataSource
	for _, f := range p.real.DataSources(ctx) {
		out = append(out, func() datasource.DataSource { return &ds{real: f()} })
	}
	return out
}

// known makes every unknown value known (strings a fresh UUID, numbers 0,
// bools false, anything else null) and, with nulls, null strings too.
func known(v tftypes.Value, nulls bool) tftypes.Value {
	out, err := tftypes.Transform(v, func(_ *tftypes.AttributePath, v tftypes.Value) (tftypes.Value, error) {
		if v.IsKnown() && (!nulls || !v.IsNull() || !v.Type().Is(tftypes.String)) {
			return v, nil
		}
		switch {
		case v.Type().Is(tftypes.String):
			// A UUID: ids flow into other resources' arguments, which
			// validate them.
			return tftypes.NewValue(tftypes.String, uuid.NewString()), nil
		case v.Type().Is(tftypes.Number):
			return tftypes.NewValue(tftypes.Number, big.NewFloat(0)), nil
		case v.Type().Is(tftypes.Bool):
			return tftypes.NewValue(tftypes.Bool, false), nil
		}
		return tftypes.NewValue(v.Type(), nil), nil
	})
	if err != nil {
		panic(err)
	}
	return out
}

type res struct{ real resource.Resource }

func (r *res) Metadata(ctx context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	r.real.Metadata(ctx, req, resp)
}

func (r *res) Schema(ctx context.Context, req resource.SchemaRequest, resp *resource.SchemaResponse) {
	r.real.Schema(ctx, req, resp)
}

func (r *res) Create(_ context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	resp.State.Raw = known(req.Plan.Raw, false)
}

func (r *res) Read(context.Context, resource.ReadRequest, *resource.ReadResponse) {}

func (r *res) Update(_ context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	resp.State.Raw = known(req.Plan.Raw, false)
}

func (r *res) Delete(context.Context, resource.DeleteRequest, *resource.DeleteResponse) {}

type ds struct{ real datasource.DataSource }

func (d *ds) Metadata(ctx context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	d.real.Metadata(ctx, req, resp)
}

func (d *ds) Schema(ctx context.Context, req datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	d.real.Schema(ctx, req, resp)
}

func (d *ds) Read(_ context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	resp.State.Raw = known(req.Config.Raw, true)
}
