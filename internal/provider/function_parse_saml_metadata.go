package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/function"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/idaas-terraform/terraform-provider-idaas/internal/samlutil"
)

var parsedMetadataAttrTypes = map[string]attr.Type{
	"entity_id":                  types.StringType,
	"is_sp":                      types.BoolType,
	"is_idp":                     types.BoolType,
	"acs":                        types.ListType{ElemType: types.ObjectType{AttrTypes: acsAttrTypes}},
	"sso":                        types.ListType{ElemType: types.ObjectType{AttrTypes: endpointAttrTypes}},
	"slo":                        types.ListType{ElemType: types.ObjectType{AttrTypes: endpointAttrTypes}},
	"name_id_formats":            types.ListType{ElemType: types.StringType},
	"signing_certificates":       types.ListType{ElemType: types.StringType},
	"encryption_certificates":    types.ListType{ElemType: types.StringType},
	"valid_until":                types.StringType,
	"authn_requests_signed":      types.BoolType,
	"want_assertions_signed":     types.BoolType,
	"want_authn_requests_signed": types.BoolType,
}

// NewParseSAMLMetadataFunction is provider::idaas::parse_saml_metadata.
func NewParseSAMLMetadataFunction() function.Function { return parseSAMLMetadataFunction{} }

type parseSAMLMetadataFunction struct{}

func (parseSAMLMetadataFunction) Metadata(_ context.Context, _ function.MetadataRequest, resp *function.MetadataResponse) {
	resp.Name = "parse_saml_metadata"
}

func (parseSAMLMetadataFunction) Definition(_ context.Context, _ function.DefinitionRequest, resp *function.DefinitionResponse) {
	resp.Definition = function.Definition{
		Summary: "Parses SAML 2.0 metadata of a service provider or identity provider.",
		MarkdownDescription: "Parses SAML 2.0 metadata (an EntityDescriptor, or an EntitiesDescriptor holding one entity) " +
			"and returns an object: `entity_id`, `is_sp`, `is_idp`, `acs` (list of `{url, binding, index, is_default}`), " +
			"`sso` and `slo` (lists of `{url, binding}`), `name_id_formats`, `signing_certificates` and " +
			"`encryption_certificates` (PEM), `valid_until` (RFC 3339 or null), `authn_requests_signed`, " +
			"`want_assertions_signed` and `want_authn_requests_signed`.",
		Parameters: []function.Parameter{
			function.StringParameter{Name: "xml", MarkdownDescription: "The metadata XML."},
		},
		Return: function.ObjectReturn{AttributeTypes: parsedMetadataAttrTypes},
	}
}

func (parseSAMLMetadataFunction) Run(ctx context.Context, req function.RunRequest, resp *function.RunResponse) {
	var doc string
	resp.Error = function.ConcatFuncErrors(resp.Error, req.Arguments.Get(ctx, &doc))
	if resp.Error != nil {
		return
	}
	md, err := samlutil.ParseMetadata(doc)
	if err != nil {
		resp.Error = function.NewArgumentFuncError(0, "xml: "+err.Error())
		return
	}
	obj, diags := types.ObjectValue(parsedMetadataAttrTypes, map[string]attr.Value{
		"entity_id":                  types.StringValue(md.EntityID),
		"is_sp":                      types.BoolValue(md.IsSP),
		"is_idp":                     types.BoolValue(md.IsIdP),
		"acs":                        acsList(md.ACS),
		"sso":                        endpointList(md.SSO),
		"slo":                        endpointList(md.SLO),
		"name_id_formats":            stringList(md.NameIDFormats),
		"signing_certificates":       stringList(md.SigningCertificates),
		"encryption_certificates":    stringList(md.EncryptionCertificates),
		"valid_until":                timeOrNull(md.ValidUntil),
		"authn_requests_signed":      types.BoolValue(md.AuthnRequestsSigned),
		"want_assertions_signed":     types.BoolValue(md.WantAssertionsSigned),
		"want_authn_requests_signed": types.BoolValue(md.WantAuthnRequestsSigned),
	})
	if diags.HasError() {
		resp.Error = function.FuncErrorFromDiags(ctx, diags)
		return
	}
	resp.Error = function.ConcatFuncErrors(resp.Error, resp.Result.Set(ctx, obj))
}
