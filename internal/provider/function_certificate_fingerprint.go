package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/function"

	"github.com/idaas-terraform/terraform-provider-idaas/internal/samlutil"
)

// NewCertificateFingerprintFunction is provider::idaas::certificate_fingerprint.
func NewCertificateFingerprintFunction() function.Function { return certificateFingerprintFunction{} }

type certificateFingerprintFunction struct{}

func (certificateFingerprintFunction) Metadata(_ context.Context, _ function.MetadataRequest, resp *function.MetadataResponse) {
	resp.Name = "certificate_fingerprint"
}

func (certificateFingerprintFunction) Definition(_ context.Context, _ function.DefinitionRequest, resp *function.DefinitionResponse) {
	resp.Definition = function.Definition{
		Summary: "Fingerprint of a PEM encoded certificate.",
		MarkdownDescription: "Returns the digest of a PEM encoded certificate's DER encoding as uppercase colon-separated hex " +
			"(`AA:BB:...`), as consoles show it. `algorithm` is `sha1`, `sha256`, `sha384` or `sha512`.",
		Parameters: []function.Parameter{
			function.StringParameter{Name: "pem", MarkdownDescription: "The certificate, PEM encoded (the first PEM block is used)."},
			function.StringParameter{Name: "algorithm", MarkdownDescription: "`sha1`, `sha256`, `sha384` or `sha512`."},
		},
		Return: function.StringReturn{},
	}
}

func (certificateFingerprintFunction) Run(ctx context.Context, req function.RunRequest, resp *function.RunResponse) {
	var pemText, alg string
	resp.Error = function.ConcatFuncErrors(resp.Error, req.Arguments.Get(ctx, &pemText, &alg))
	if resp.Error != nil {
		return
	}
	cert, err := samlutil.ParseCertificatePEM(pemText)
	if err != nil {
		resp.Error = function.NewArgumentFuncError(0, "pem: "+err.Error())
		return
	}
	fp, err := samlutil.Fingerprint(cert, alg)
	if err != nil {
		resp.Error = function.NewArgumentFuncError(1, "algorithm: "+err.Error())
		return
	}
	resp.Error = function.ConcatFuncErrors(resp.Error, resp.Result.Set(ctx, fp))
}
