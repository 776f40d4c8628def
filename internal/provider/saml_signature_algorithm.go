package provider

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/idaas-terraform/terraform-provider-idaas/internal/client"
	"github.com/idaas-terraform/terraform-provider-idaas/internal/samlutil"
)

// planSignatureAlgorithm plans idaas_saml_application.signature_algorithm
// from the signing certificate's key: unset, it is the key's default
// (ecdsa-sha256 for ECDSA keys, rsa-sha256 for RSA keys); set, it must fit
// the key, or the plan fails naming it. The key is known once the
// certificate exists (its id is known): it is looked up then, and only when
// the certificate or the algorithm changes. While the certificate is still
// to be created, an unset algorithm is known after apply (the tenant picks
// the key's default) and a set one is checked by the tenant at apply.
func (r *samlApplicationResource) planSignatureAlgorithm(ctx context.Context, req resource.ModifyPlanRequest, plan *samlApplicationModel, diags *diag.Diagnostics) {
	var configured types.String
	diags.Append(req.Config.GetAttribute(ctx, path.Root("signature_algorithm"), &configured)...)
	if diags.HasError() || configured.IsUnknown() {
		return
	}
	if !known(plan.SigningCertificateID) {
		if configured.IsNull() {
			plan.SignatureAlgorithm = types.StringUnknown()
		}
		return
	}
	if !req.State.Raw.IsNull() {
		var stateCert, stateAlg types.String
		diags.Append(req.State.GetAttribute(ctx, path.Root("signing_certificate_id"), &stateCert)...)
		diags.Append(req.State.GetAttribute(ctx, path.Root("signature_algorithm"), &stateAlg)...)
		if stateCert.Equal(plan.SigningCertificateID) && known(stateAlg) {
			// The tenant accepted this algorithm with this certificate.
			if configured.IsNull() {
				plan.SignatureAlgorithm = stateAlg
				return
			}
			if configured.Equal(stateAlg) {
				return
			}
		}
	}
	c, ctx, ok := r.data.planClient(ctx)
	if !ok {
		if configured.IsNull() {
			plan.SignatureAlgorithm = types.StringUnknown()
		}
		return
	}
	certID := plan.SigningCertificateID.ValueString()
	cert, err := c.GetSigningCertificate(ctx, certID)
	switch {
	case client.NotFound(err):
		diags.AddAttributeError(path.Root("signing_certificate_id"), "Unknown signing certificate",
			fmt.Sprintf("The tenant has no signing certificate %s. Point signing_certificate_id at an idaas_signing_certificate.", certID))
		return
	case err != nil:
		addAttrAPIError(diags, path.Root("signing_certificate_id"), "Looking up signing certificate "+certID, err)
		return
	}
	if configured.IsNull() {
		plan.SignatureAlgorithm = types.StringValue(samlutil.DefaultSignatureAlgorithm(cert.KeyAlgorithm))
		return
	}
	if alg := configured.ValueString(); !samlutil.SignatureAlgorithmFits(alg, cert.KeyAlgorithm) {
		diags.AddAttributeError(path.Root("signature_algorithm"), "signature_algorithm does not fit the signing key",
			fmt.Sprintf("signature_algorithm is %q, but signing certificate %s has a %s key, which signs only with %s. "+
				"Remove signature_algorithm to use %s, the default for that key, or choose another certificate.",
				alg, certID, cert.KeyAlgorithm, fittingAlgorithms(cert.KeyAlgorithm), samlutil.DefaultSignatureAlgorithm(cert.KeyAlgorithm)))
	}
}

// fittingAlgorithms lists the signature algorithms a key can make.
func fittingAlgorithms(keyAlgorithm string) string {
	var out string
	for _, a := range client.SignatureAlgorithms {
		if samlutil.SignatureAlgorithmFits(a, keyAlgorithm) {
			if out != "" {
				out += ", "
			}
			out += a
		}
	}
	return out
}
