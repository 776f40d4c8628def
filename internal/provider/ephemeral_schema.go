package provider

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/ephemeral"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"

	dschema "github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	eschema "github.com/hashicorp/terraform-plugin-framework/ephemeral/schema"
)

// Data sources and ephemeral resources that read the same thing share the
// schema (converted) and the read function.

// ephemeralSchema is a data source's schema as an ephemeral resource's, for
// ephemeral resources that read what a data source reads (same arguments,
// same results). It knows the attribute kinds those data sources use.
func ephemeralSchema(s dschema.Schema, description string) eschema.Schema {
	return eschema.Schema{Description: description, MarkdownDescription: description, Attributes: ephemeralAttributes(s.Attributes)}
}

func ephemeralAttributes(in map[string]dschema.Attribute) map[string]eschema.Attribute {
	out := make(map[string]eschema.Attribute, len(in))
	for name, a := range in {
		out[name] = ephemeralAttribute(a)
	}
	return out
}

func ephemeralAttribute(a dschema.Attribute) eschema.Attribute {
	switch a := a.(type) {
	case dschema.StringAttribute:
		return eschema.StringAttribute{Required: a.Required, Optional: a.Optional, Computed: a.Computed, Sensitive: a.Sensitive,
			Description: a.Description, MarkdownDescription: a.MarkdownDescription, Validators: a.Validators}
	case dschema.BoolAttribute:
		return eschema.BoolAttribute{Required: a.Required, Optional: a.Optional, Computed: a.Computed, Sensitive: a.Sensitive,
			Description: a.Description, MarkdownDescription: a.MarkdownDescription, Validators: a.Validators}
	case dschema.Int64Attribute:
		return eschema.Int64Attribute{Required: a.Required, Optional: a.Optional, Computed: a.Computed, Sensitive: a.Sensitive,
			Description: a.Description, MarkdownDescription: a.MarkdownDescription, Validators: a.Validators}
	case dschema.SetAttribute:
		return eschema.SetAttribute{ElementType: a.ElementType, Required: a.Required, Optional: a.Optional, Computed: a.Computed,
			Sensitive: a.Sensitive, Description: a.Description, MarkdownDescription: a.MarkdownDescription, Validators: a.Validators}
	case dschema.ListNestedAttribute:
		return eschema.ListNestedAttribute{Required: a.Required, Optional: a.Optional, Computed: a.Computed, Sensitive: a.Sensitive,
			Description: a.Description, MarkdownDescription: a.MarkdownDescription, Validators: a.Validators,
			NestedObject: eschema.NestedAttributeObject{Attributes: ephemeralAttributes(a.NestedObject.Attributes)}}
	}
	panic(fmt.Sprintf("ephemeralAttribute: unsupported attribute %T", a))
}

// openWith is the Open of an ephemeral resource whose model M is read by
// read: configuration in, result out.
func openWith[M any](ctx context.Context, req ephemeral.OpenRequest, resp *ephemeral.OpenResponse, read func(context.Context, *M, *diag.Diagnostics)) {
	if m := readConfig(ctx, req.Config, &resp.Diagnostics, read); m != nil {
		resp.Diagnostics.Append(resp.Result.Set(ctx, m)...)
	}
}

// readWith is the Read of a data source whose model M is read by read, the
// same read as an ephemeral resource's openWith.
func readWith[M any](ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse, read func(context.Context, *M, *diag.Diagnostics)) {
	if m := readConfig(ctx, req.Config, &resp.Diagnostics, read); m != nil {
		resp.Diagnostics.Append(resp.State.Set(ctx, m)...)
	}
}

// readConfig is the model M of config as read fills it, or nil once diags
// hold an error.
func readConfig[M any](ctx context.Context, config tfsdk.Config, diags *diag.Diagnostics, read func(context.Context, *M, *diag.Diagnostics)) *M {
	var m M
	diags.Append(config.Get(ctx, &m)...)
	if diags.HasError() {
		return nil
	}
	read(ctx, &m, diags)
	if diags.HasError() {
		return nil
	}
	return &m
}
