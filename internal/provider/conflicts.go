package provider

import (
	"context"
	"fmt"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/idaas-terraform/terraform-provider-idaas/internal/client"
)

// resourceTypeOfKind is the resource type that manages each kind of object
// the client names in an ExistsError.
var resourceTypeOfKind = map[string]string{
	"group":               "idaas_group",
	"user":                "idaas_user",
	"user attribute":      "idaas_user_attribute",
	"SAML application":    "idaas_saml_application",
	"resource rule":       "idaas_resource_rule",
	"provisioner":         "idaas_provisioner",
	"attribute mapping":   "idaas_provisioner_attribute_mapping",
	"signing certificate": "idaas_signing_certificate",
}

// addExistsError reports, when err says that the object a create asked for
// already exists, an error naming that object and giving the import block
// that adopts it, and returns true. Terraform does not tell a provider the
// address of the resource it is creating, so the block has a placeholder
// address (idaas_group.<name>) and the text says to use the address that
// Terraform prints with the error ("with idaas_group.admins,").
func addExistsError(diags *diag.Diagnostics, err error) bool {
	e := client.AsExists(err)
	if e == nil {
		return false
	}
	summary, detail := existsAdvice(e)
	diags.AddError(summary, detail)
	return true
}

// existsAdvice is the summary and detail of addExistsError.
func existsAdvice(e *client.ExistsError) (string, string) {
	typ := resourceTypeOfKind[e.Kind]
	if typ == "" {
		typ = "idaas_<type>"
	}
	placeholder := typ + ".<name>"
	field, _, _ := strings.Cut(e.Key, " ")
	if a, ok := argumentOfKeyField[field]; ok {
		field = a
	}
	summary := fmt.Sprintf("Already exists: %s with %s", e.Kind, e.Key)
	detail := fmt.Sprintf("The tenant already has a %s with %s (id %s), made outside this Terraform state: by hand, by "+
		"another configuration, or by an earlier apply that was interrupted before it could record it. Terraform did not "+
		"create it and will not take it over on its own.\n\n"+
		"To manage it with this configuration, add this import block, with this resource's address (printed above, "+
		"after \"with\") in place of %s, and apply again:\n\n"+
		"import {\n  to = %s\n  id = %q\n}\n\n"+
		"(or run: terraform import '<address>' %s). Otherwise give this resource another %s, or delete the existing "+
		"%s in the tenant.",
		e.Kind, e.Key, e.ID, placeholder, placeholder, e.ID, e.ID, field, e.Kind)
	if e.Err != nil {
		detail += fmt.Sprintf("\n\nThe tenant answered: %v", e.Err)
	}
	return summary, detail
}

// argumentOfKeyField is the resource argument of each API key field.
var argumentOfKeyField = map[string]string{"userId": "user_id", "externalId": "external_id", "scimAttribute": "scim_attribute"}

// replacingKey marks, in the private state of a planned change, that the
// resource has a prior object: Terraform plans a replacement in two calls,
// the second one a create without prior state but with the private state of
// the first, so a create that is half of a replacement carries the key.
const replacingKey = "has_prior_object"

// refuseExistingCertificate is the conflict check of a certificate planned
// for creation, called by its ModifyPlan (it marks plans with a prior object
// with replacingKey, and checks plans of a create that is not half of a
// replacement). Certificates have no unique key in the tenant (a renewal
// with create_before_destroy makes a second one of the same name), so the
// tenant never answers 409; but a certificate of the planned name that is
// not in this state is one made elsewhere, or by an apply killed before it
// recorded it: creating another would duplicate it. The plan fails with the
// import block instead. It reports false when it added an error. Without a
// configured client (provider values unknown until apply) it checks
// nothing.
func refuseExistingCertificate(ctx context.Context, data *providerData, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse, name types.String) bool {
	if !req.State.Raw.IsNull() {
		resp.Diagnostics.Append(resp.Private.SetKey(ctx, replacingKey, []byte("true"))...)
		return true
	}
	// During an apply Terraform plans each create once more, with neither
	// prior state nor private state: the create half of a create-before-
	// destroy replacement then looks like a new certificate while the old
	// one, of the same name, still exists. The check was made when the
	// change was planned; only the apply walk allows deferrals (a plan does
	// only with the experimental -allow-deferral), so it is skipped then.
	if req.ClientCapabilities.DeferralAllowed {
		return true
	}
	if req.Private != nil {
		replacing, d := req.Private.GetKey(ctx, replacingKey)
		resp.Diagnostics.Append(d...)
		if len(replacing) > 0 {
			return true
		}
	}
	if !known(name) || name.ValueString() == "" {
		return true
	}
	c, ctx, ok := data.planClient(ctx)
	if !ok {
		return true
	}
	certs, err := c.ListSigningCertificates(ctx)
	if err != nil {
		addAPIError(&resp.Diagnostics, "Listing signing certificates", err)
		return false
	}
	for _, cert := range certs {
		if cert.Name == name.ValueString() {
			summary, detail := existsAdvice(&client.ExistsError{Kind: "signing certificate", Key: fmt.Sprintf("name %q", cert.Name), ID: cert.ID})
			resp.Diagnostics.AddAttributeError(path.Root("name"), summary, detail)
			return false
		}
	}
	return true
}
