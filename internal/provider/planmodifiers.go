package provider

import (
	"context"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/resource/schema/mapplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"

	"github.com/idaas-terraform/terraform-provider-idaas/internal/samlutil"
)

// sameDuration keeps the state's spelling of a duration when the
// configuration means the same length (e.g. "480m" for "8h" after import).
type sameDuration struct{}

func (sameDuration) Description(context.Context) string {
	return "keeps the prior value when the new one is the same duration"
}

func (s sameDuration) MarkdownDescription(ctx context.Context) string { return s.Description(ctx) }

func (sameDuration) PlanModifyString(_ context.Context, req planmodifier.StringRequest, resp *planmodifier.StringResponse) {
	if !known(req.StateValue) || !known(req.PlanValue) || req.StateValue.Equal(req.PlanValue) {
		return
	}
	a, err1 := time.ParseDuration(req.StateValue.ValueString())
	b, err2 := time.ParseDuration(req.PlanValue.ValueString())
	if err1 == nil && err2 == nil && a == b {
		resp.PlanValue = req.StateValue
	}
}

// samePEMValue reports whether two PEM strings hold the same certificate.
func samePEMValue(a, b string) bool {
	if a == b {
		return true
	}
	ca, err1 := samlutil.ParseCertificatePEM(a)
	cb, err2 := samlutil.ParseCertificatePEM(b)
	return err1 == nil && err2 == nil && ca.Equal(cb)
}

// samePEM keeps the state's certificate_pem when the configuration holds
// the same certificate written differently (e.g. after an import).
type samePEM struct{}

func (samePEM) Description(context.Context) string {
	return "keeps the prior certificate when the new one is the same certificate"
}

func (s samePEM) MarkdownDescription(ctx context.Context) string { return s.Description(ctx) }

func (samePEM) PlanModifyString(_ context.Context, req planmodifier.StringRequest, resp *planmodifier.StringResponse) {
	if req.State.Raw.IsNull() || !known(req.StateValue) || !known(req.PlanValue) {
		return
	}
	if req.PlanValue.ValueString() != req.StateValue.ValueString() && samePEMValue(req.PlanValue.ValueString(), req.StateValue.ValueString()) {
		resp.PlanValue = req.StateValue
	}
}

// triggersReplace replaces on any change of triggers, but the first ones
// given to an imported synchronization.
func triggersReplace(ctx context.Context, req planmodifier.MapRequest, resp *mapplanmodifier.RequiresReplaceIfFuncResponse) {
	if req.StateValue.IsNull() {
		adopted, d := req.Private.GetKey(ctx, adoptedKey)
		resp.Diagnostics.Append(d...)
		if len(adopted) > 0 {
			return
		}
	}
	resp.RequiresReplace = true
}
