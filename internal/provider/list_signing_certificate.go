package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/list"
	listschema "github.com/hashicorp/terraform-plugin-framework/list/schema"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/idaas-terraform/terraform-provider-idaas/internal/client"
)

var _ list.ListResourceWithConfigure = (*signingCertificateListResource)(nil)

// NewSigningCertificateListResource lists idaas_signing_certificate objects.
func NewSigningCertificateListResource() list.ListResource { return &signingCertificateListResource{} }

type signingCertificateListResource struct{ signingCertificateResource }

func (r *signingCertificateListResource) ListResourceConfigSchema(_ context.Context, _ list.ListResourceSchemaRequest, resp *list.ListResourceSchemaResponse) {
	resp.Schema = listschema.Schema{
		Description: needsProjectEndpoints("/api/web/v1/signingcertificates") + "Finds the tenant's SAML signing certificates (`GET /api/web/v1/signingcertificates`). Each result is " +
			"shown by the certificate's name and subject common name. An uploaded certificate's private key is never " +
			"returned: generated configuration needs `private_key_pem` added.",
		Attributes: nameFilterAttributes("certificates", searchedByProvider),
	}
}

func (r *signingCertificateListResource) List(ctx context.Context, req list.ListRequest, stream *list.ListResultsStream) {
	var f nameFilters
	l, ok := startList(ctx, r.data, req, stream, &f)
	if !ok {
		return
	}
	now := r.data.clock()
	l.run(stream, func(l *lister) error {
		return eachPage(whole(l.client.ListSigningCertificates(l.ctx)), func(c *client.SigningCertificate) error {
			if !f.match(c.Name) {
				return nil
			}
			name := c.Name + " (CN=" + c.SubjectCommonName + ")"
			if c.Name == "" {
				name = "CN=" + c.SubjectCommonName
			}
			return result(l, name, idIdentity{ID: types.StringValue(c.ID)}, func(m *signingCertificateModel, diags *diag.Diagnostics) { m.now = now; m.fill(c, diags) })
		})
	}, "signing certificates")
}
