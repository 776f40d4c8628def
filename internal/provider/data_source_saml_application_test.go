package provider

import (
	"context"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"

	"github.com/idaas-terraform/terraform-provider-idaas/internal/client"
	"github.com/idaas-terraform/terraform-provider-idaas/internal/emulator"
	"github.com/idaas-terraform/terraform-provider-idaas/internal/samlutil/samltest"
)

// Look-ups by name: one match is read, none names the attribute; an
// unknown template lists the tenant's templates. (The tenant keeps names
// unique; the several-match error is tested in package client.)
func TestAccSAMLApplicationDataSource_byName(t *testing.T) {
	env := newTestEnv(t)
	ctx := context.Background()
	cert, err := env.client.CreateSigningCertificate(ctx, client.SigningCertificateParms{KeyAlgorithm: "ECDSA_P256", SubjectCommonName: "idp", ValidityDays: 30})
	if err != nil {
		t.Fatal(err)
	}
	ids := map[string]string{}
	for i, name := range []string{"Only"} {
		app, err := env.client.CreateSAMLApplication(ctx, client.SAMLApplicationParms{Name: name, TemplateID: emulator.TemplateGenericSAML,
			SPMetadataXML:        samltest.AWSSPMetadataExample("us-east-1", "d-123456789"+string(rune('0'+i)), "0b5bdc2f-2c6e-4b8e-9d9a-7e3c4c8a1f0"+string(rune('0'+i))),
			SigningCertificateID: cert.ID})
		if err != nil {
			t.Fatal(err)
		}
		ids[name] = app.ID
	}
	testSteps(t, nil,
		resource.TestStep{
			Config: env.config(`data "idaas_saml_application" "x" { name = "Only" }`),
			Check:  resource.TestCheckResourceAttr("data.idaas_saml_application.x", "id", ids["Only"]),
		},
		resource.TestStep{
			Config:      env.config(`data "idaas_saml_application" "x" { name = "Nobody" }`),
			ExpectError: errorMatching(`No SAML application named Nobody`, `no SAML 2.0 application of that exact name`),
		},
		resource.TestStep{
			Config:      env.config(`data "idaas_application_template" "x" { name = "No Such Template" }`),
			ExpectError: errorMatching(`Unknown application template`, `no application template named "No Such Template"`, `"Generic SAML 2.0"`, `"Generic OpenID Connect"`),
		},
	)
}
