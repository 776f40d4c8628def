package provider

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/hashicorp/terraform-plugin-framework-validators/listvalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/resourcevalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/booldefault"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringdefault"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/idaas-terraform/terraform-provider-idaas/internal/client"
	"github.com/idaas-terraform/terraform-provider-idaas/internal/samlutil"
	"github.com/idaas-terraform/terraform-provider-idaas/internal/validators"
)

var (
	_ resource.ResourceWithConfigure        = (*samlApplicationResource)(nil)
	_ resource.ResourceWithImportState      = (*samlApplicationResource)(nil)
	_ resource.ResourceWithIdentity         = (*samlApplicationResource)(nil)
	_ resource.ResourceWithModifyPlan       = (*samlApplicationResource)(nil)
	_ resource.ResourceWithConfigValidators = (*samlApplicationResource)(nil)
	_ resource.ResourceWithValidateConfig   = (*samlApplicationResource)(nil)
)

// NewSAMLApplicationResource is the idaas_saml_application resource.
func NewSAMLApplicationResource() resource.Resource { return &samlApplicationResource{} }

type samlApplicationResource struct{ data *providerData }

type samlAttributeModel struct {
	Name          types.String `tfsdk:"name"`
	NameFormat    types.String `tfsdk:"name_format"`
	UserAttribute types.String `tfsdk:"user_attribute"`
	Value         types.String `tfsdk:"value"`
}

type samlApplicationModel struct {
	ID                   types.String         `tfsdk:"id"`
	Name                 types.String         `tfsdk:"name"`
	Description          types.String         `tfsdk:"description"`
	Template             types.String         `tfsdk:"template"`
	SPMetadataXML        types.String         `tfsdk:"sp_metadata_xml"`
	SPEntityID           types.String         `tfsdk:"sp_entity_id"`
	ACSURL               types.String         `tfsdk:"acs_url"`
	AdditionalACSURLs    types.List           `tfsdk:"additional_acs_urls"`
	NameIDFormat         types.String         `tfsdk:"name_id_format"`
	NameIDAttribute      types.String         `tfsdk:"name_id_attribute"`
	SigningCertificateID types.String         `tfsdk:"signing_certificate_id"`
	SignAssertion        types.Bool           `tfsdk:"sign_assertion"`
	SignResponse         types.Bool           `tfsdk:"sign_response"`
	SignatureAlgorithm   types.String         `tfsdk:"signature_algorithm"`
	PortalURL            types.String         `tfsdk:"portal_url"`
	RelayState           types.String         `tfsdk:"relay_state"`
	SessionDuration      types.String         `tfsdk:"session_duration"`
	Attributes           []samlAttributeModel `tfsdk:"attribute"`
	IdPEntityID          types.String         `tfsdk:"idp_entity_id"`
	IdPSSOURL            types.String         `tfsdk:"idp_sso_url"`
	IdPMetadataURL       types.String         `tfsdk:"idp_metadata_url"`
}

func (r *samlApplicationResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_saml_application"
}

func (r *samlApplicationResource) Schema(_ context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	resp.Schema = schema.Schema{
		Description: needsProjectEndpoints("/api/web/v1/applications/saml", "/api/web/v1/signingcertificates") + "A SAML 2.0 application (`/api/web/v1/applications/saml`): the tenant as identity provider for a " +
			"service provider such as AWS IAM Identity Center. Describe the service provider with its metadata " +
			"(`sp_metadata_xml`, checked at plan time) or with `sp_entity_id` and `acs_url`. Give the service provider " +
			"the IdP metadata from the `idaas_saml_idp_metadata` data source or `idp_metadata_url`. The application " +
			"is listed in `/api/web/v1/applicationinfo`, so resource rules can refer to it.",
		Attributes: map[string]schema.Attribute{
			"id":          computedString("The application's UUID."),
			"name":        requiredString("The application's name.", stringvalidator.LengthBetween(1, 255)),
			"description": optionalString("A description of the application.", stringvalidator.LengthAtLeast(1)),
			"template": schema.StringAttribute{
				Required: true,
				Description: "Name of the SAML 2.0 application template, e.g. `Generic SAML 2.0` or `AWS IAM Identity Center` " +
					"(see the `idaas_application_template` data source). Checked at plan time; changing it replaces the application.",
				Validators:    []validator.String{stringvalidator.LengthAtLeast(1)},
				PlanModifiers: []planmodifier.String{stringplanmodifier.RequiresReplace()},
			},
			"sp_metadata_xml": optionalString("The service provider's SAML metadata XML, e.g. `file(\"aws-sso-metadata.xml\")`. It must have an "+
				"SPSSODescriptor whose assertion consumer services are all https. `sp_entity_id`, `acs_url` and "+
				"`additional_acs_urls` are then taken from it at plan time; set them too (as configuration generated at import "+
				"does) only with the values it gives. Kept exactly as written.", validators.SAMLSPMetadata()),
			"sp_entity_id": schema.StringAttribute{
				Optional: true, Computed: true,
				Description: "The service provider's entity id. Set it with `acs_url` when not using `sp_metadata_xml`; with it, it must be the metadata's entity id.",
				Validators:  []validator.String{stringvalidator.LengthAtLeast(1)},
			},
			"acs_url": schema.StringAttribute{
				Optional: true, Computed: true,
				Description: "The assertion consumer service URL (https; http only to loopback hosts). From `sp_metadata_xml`: its default ACS.",
				Validators:  []validator.String{validators.ACSURL()},
			},
			"additional_acs_urls": schema.ListAttribute{
				ElementType: types.StringType, Optional: true, Computed: true,
				Description: "Further assertion consumer service URLs. From `sp_metadata_xml`: its other ACS, by index; null when none.",
				Validators:  []validator.List{listvalidator.SizeAtLeast(1), listvalidator.ValueStringsAre(validators.ACSURL())},
			},
			"name_id_format": schema.StringAttribute{
				Optional: true, Computed: true,
				Default:     stringdefault.StaticString(client.NameIDFormats[0]),
				Description: "The NameID format of assertions: one of `" + strings.Join(client.NameIDFormats, "`, `") + "`. Default emailAddress.",
				Validators:  []validator.String{stringvalidator.OneOf(client.NameIDFormats...)},
			},
			"name_id_attribute": schema.StringAttribute{
				Optional: true, Computed: true,
				Default:     stringdefault.StaticString("Email"),
				Description: "The user attribute sent as the NameID. Default `Email`.",
				Validators:  []validator.String{stringvalidator.LengthAtLeast(1)},
			},
			"signing_certificate_id": requiredString("Id of the `idaas_signing_certificate` that signs assertions and the IdP metadata. Changing it updates the application in place.", stringvalidator.LengthAtLeast(1)),
			"sign_assertion": schema.BoolAttribute{
				Optional: true, Computed: true, Default: booldefault.StaticBool(true),
				Description: "Sign assertions. Default true.",
			},
			"sign_response": schema.BoolAttribute{
				Optional: true, Computed: true, Default: booldefault.StaticBool(false),
				Description: "Sign the whole response. Default false.",
			},
			"signature_algorithm": schema.StringAttribute{
				Optional: true, Computed: true,
				Description: "XML signature algorithm: `" + strings.Join(client.SignatureAlgorithms, "`, `") + "`. It must fit the signing " +
					"certificate's key (`ecdsa-*` for ECDSA keys, `rsa-*` for RSA keys); a mismatch fails the plan once the certificate " +
					"exists. Default: the key's, `ecdsa-sha256` for ECDSA and `rsa-sha256` for RSA (known after apply while the " +
					"certificate is still to be created).",
				Validators: []validator.String{stringvalidator.OneOf(client.SignatureAlgorithms...)},
			},
			"portal_url":  optionalString("The URL the user portal opens for this application (AWS: the application home URL, e.g. the AWS access portal URL).", stringvalidator.LengthAtLeast(1)),
			"relay_state": optionalString("RelayState sent with IdP-initiated sign-in.", stringvalidator.LengthAtLeast(1)),
			"session_duration": schema.StringAttribute{
				Optional: true,
				Description: "How long the service provider's session may last, as a Go duration such as `8h` or `90m` " +
					"(whole seconds). Kept as written; the tenant stores seconds.",
				Validators:    []validator.String{validators.WholeSecondsDuration()},
				PlanModifiers: []planmodifier.String{sameDuration{}},
			},
			"idp_entity_id":    computedString("The tenant's entity id as identity provider for this application."),
			"idp_sso_url":      computedString("The tenant's single sign-on URL for this application (HTTP-Redirect and HTTP-POST)."),
			"idp_metadata_url": computedString("Where the tenant serves this application's signed IdP metadata, without authentication."),
		},
		Blocks: map[string]schema.Block{
			"attribute": schema.ListNestedBlock{
				Description: "An attribute sent in assertions, e.g. AWS's `https://aws.amazon.com/SAML/Attributes/AccessControl:...`.",
				NestedObject: schema.NestedBlockObject{
					Attributes: map[string]schema.Attribute{
						"name":        requiredString("The attribute's name in the assertion.", stringvalidator.LengthAtLeast(1)),
						"name_format": optionalString("`basic`, `uri` or `unspecified` (the tenant's default when unset).", stringvalidator.OneOf("basic", "uri", "unspecified")),
						"user_attribute": optionalString("Send this user attribute's value. Set exactly one of `user_attribute` and `value`.", stringvalidator.LengthAtLeast(1),
							stringvalidator.ExactlyOneOf(path.MatchRelative().AtParent().AtName("value"))),
						"value": optionalString("Send this fixed value.", stringvalidator.LengthAtLeast(1)),
					},
				},
			},
		},
	}
}

func (r *samlApplicationResource) ConfigValidators(context.Context) []resource.ConfigValidator {
	return []resource.ConfigValidator{
		resourcevalidator.AtLeastOneOf(path.MatchRoot("sp_metadata_xml"), path.MatchRoot("sp_entity_id")),
	}
}

// ValidateConfig: without sp_metadata_xml, sp_entity_id and acs_url go
// together; with it, they and additional_acs_urls may be written (as
// configuration generated at import does) only as the metadata gives them.
func (r *samlApplicationResource) ValidateConfig(ctx context.Context, req resource.ValidateConfigRequest, resp *resource.ValidateConfigResponse) {
	var m samlApplicationModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &m)...)
	if resp.Diagnostics.HasError() {
		return
	}
	if m.SPMetadataXML.IsNull() {
		if !m.SPEntityID.IsNull() && m.ACSURL.IsNull() {
			resp.Diagnostics.AddAttributeError(path.Root("acs_url"), "Missing acs_url",
				"acs_url must be set with sp_entity_id when sp_metadata_xml is not set.")
		}
		if m.SPEntityID.IsNull() && !m.ACSURL.IsNull() {
			resp.Diagnostics.AddAttributeError(path.Root("sp_entity_id"), "Missing sp_entity_id",
				"sp_entity_id must be set with acs_url when sp_metadata_xml is not set.")
		}
		return
	}
	if !known(m.SPMetadataXML) {
		return
	}
	entity, acs, more, err := spFromMetadata(m.SPMetadataXML.ValueString())
	if err != nil {
		return // the attribute's validator reports it
	}
	disagrees := func(name, configured, fromMetadata string) {
		resp.Diagnostics.AddAttributeError(path.Root(name), name+" disagrees with sp_metadata_xml",
			fmt.Sprintf("%s is %s, but sp_metadata_xml gives %s. Remove %s (it is taken from the metadata) or make it agree.",
				name, configured, fromMetadata, name))
	}
	if known(m.SPEntityID) && m.SPEntityID.ValueString() != entity {
		disagrees("sp_entity_id", strconv.Quote(m.SPEntityID.ValueString()), strconv.Quote(entity))
	}
	if known(m.ACSURL) && m.ACSURL.ValueString() != acs {
		disagrees("acs_url", strconv.Quote(m.ACSURL.ValueString()), strconv.Quote(acs))
	}
	if !m.AdditionalACSURLs.IsNull() && !m.AdditionalACSURLs.IsUnknown() {
		want := stringListOrNull(more)
		if !listHasUnknown(m.AdditionalACSURLs) && !m.AdditionalACSURLs.Equal(want) {
			got := "none"
			if len(more) > 0 {
				got = want.String()
			}
			disagrees("additional_acs_urls", m.AdditionalACSURLs.String(), got)
		}
	}
}

func listHasUnknown(l types.List) bool {
	for _, e := range l.Elements() {
		if e.IsUnknown() {
			return true
		}
	}
	return false
}

func (r *samlApplicationResource) Configure(_ context.Context, req resource.ConfigureRequest, resp *resource.ConfigureResponse) {
	r.data = providerDataFrom(req.ProviderData, &resp.Diagnostics)
}

// spFromMetadata is what the tenant takes from SP metadata: the entity id,
// the default ACS (marked isDefault, else the first by index) and the
// others.
func spFromMetadata(doc string) (entityID, acs string, more []string, err error) {
	md, err := samlutil.ParseSPMetadata(doc)
	if err != nil {
		return "", "", nil, err
	}
	def := samlutil.DefaultACS(md.ACS)
	for i, a := range md.ACS {
		if i == def {
			acs = a.URL
		} else {
			more = append(more, a.URL)
		}
	}
	return md.EntityID, acs, more, nil
}

func stringListOrNull(ss []string) types.List {
	if len(ss) == 0 {
		return types.ListNull(types.StringType)
	}
	return stringList(ss)
}

func (r *samlApplicationResource) ModifyPlan(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	if req.Plan.Raw.IsNull() {
		return
	}
	var plan samlApplicationModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	if resp.Diagnostics.HasError() {
		return
	}
	switch {
	case known(plan.SPMetadataXML):
		entity, acs, more, err := spFromMetadata(plan.SPMetadataXML.ValueString())
		if err != nil {
			return // the attribute's validator reports it
		}
		plan.SPEntityID, plan.ACSURL, plan.AdditionalACSURLs = types.StringValue(entity), types.StringValue(acs), stringListOrNull(more)
	case plan.SPMetadataXML.IsNull():
		var cfg types.List
		resp.Diagnostics.Append(req.Config.GetAttribute(ctx, path.Root("additional_acs_urls"), &cfg)...)
		if cfg.IsNull() {
			plan.AdditionalACSURLs = types.ListNull(types.StringType)
		}
	}
	var stateTemplate types.String
	if !req.State.Raw.IsNull() {
		resp.Diagnostics.Append(req.State.GetAttribute(ctx, path.Root("template"), &stateTemplate)...)
	}
	if known(plan.Template) && plan.Template != stateTemplate {
		if c, ctx, ok := r.data.planClient(ctx); ok {
			checkSAMLTemplate(ctx, c, plan.Template.ValueString(), path.Root("template"), &resp.Diagnostics)
		}
	}
	r.planSignatureAlgorithm(ctx, req, &plan, &resp.Diagnostics)
	resp.Diagnostics.Append(resp.Plan.Set(ctx, &plan)...)
}

// checkSAMLTemplate reports, against p, a template that does not exist or is
// not a SAML 2.0 one, and returns the template otherwise.
func checkSAMLTemplate(ctx context.Context, c *client.Client, name string, p path.Path, diags *diag.Diagnostics) *client.ApplicationTemplate {
	t, err := c.FindApplicationTemplate(ctx, name, client.AuthenticationMethodSAML)
	if client.NotFound(err) {
		diags.AddAttributeError(p, "Unknown application template", err.Error())
		return nil
	}
	if err != nil {
		addAttrAPIError(diags, p, "Looking up application template "+name, err)
		return nil
	}
	if t.AuthenticationMethod != client.AuthenticationMethodSAML {
		diags.AddAttributeError(p, "Not a SAML 2.0 template",
			fmt.Sprintf("Application template %q is a %s template; idaas_saml_application needs a SAML20 one.", name, t.AuthenticationMethod))
		return nil
	}
	return t
}

func (m *samlApplicationModel) parms(ctx context.Context, diags *diag.Diagnostics) client.SAMLApplicationParms {
	p := client.SAMLApplicationParms{
		Name: m.Name.ValueString(), Description: m.Description.ValueString(),
		SPMetadataXML: m.SPMetadataXML.ValueString(), SPEntityID: m.SPEntityID.ValueString(), ACSURL: m.ACSURL.ValueString(),
		NameIDFormat: m.NameIDFormat.ValueString(), NameIDAttribute: m.NameIDAttribute.ValueString(),
		SigningCertificateID: m.SigningCertificateID.ValueString(), SignAssertion: m.SignAssertion.ValueBool(),
		SignResponse: m.SignResponse.ValueBool(), SignatureAlgorithm: m.SignatureAlgorithm.ValueString(),
		PortalURL: m.PortalURL.ValueString(), RelayState: m.RelayState.ValueString(),
		AdditionalACSURLs: []string{}, Attributes: []client.SAMLAttribute{},
	}
	if !m.AdditionalACSURLs.IsNull() && !m.AdditionalACSURLs.IsUnknown() {
		diags.Append(m.AdditionalACSURLs.ElementsAs(ctx, &p.AdditionalACSURLs, false)...)
	}
	if known(m.SessionDuration) {
		d, _ := time.ParseDuration(m.SessionDuration.ValueString())
		p.SessionDurationSeconds = int64(d / time.Second)
	}
	for _, a := range m.Attributes {
		p.Attributes = append(p.Attributes, client.SAMLAttribute{Name: a.Name.ValueString(), NameFormat: a.NameFormat.ValueString(),
			UserAttribute: a.UserAttribute.ValueString(), Value: a.Value.ValueString()})
	}
	return p
}

// fill copies the tenant's answer, keeping the user's spelling of
// session_duration when it means the same.
func (m *samlApplicationModel) fill(a *client.SAMLApplication, _ *diag.Diagnostics) {
	m.ID = types.StringValue(a.ID)
	m.Name = types.StringValue(a.Name)
	m.Description = nullIfEmpty(a.Description)
	m.Template = types.StringValue(a.Template)
	m.SPMetadataXML = nullIfEmpty(a.SPMetadataXML)
	m.SPEntityID = types.StringValue(a.SPEntityID)
	m.ACSURL = types.StringValue(a.ACSURL)
	m.AdditionalACSURLs = stringListOrNull(a.AdditionalACSURLs)
	m.NameIDFormat = types.StringValue(a.NameIDFormat)
	m.NameIDAttribute = types.StringValue(a.NameIDAttribute)
	m.SigningCertificateID = types.StringValue(a.SigningCertificateID)
	m.SignAssertion = types.BoolValue(a.SignAssertion)
	m.SignResponse = types.BoolValue(a.SignResponse)
	m.SignatureAlgorithm = types.StringValue(a.SignatureAlgorithm)
	m.PortalURL = nullIfEmpty(a.PortalURL)
	m.RelayState = nullIfEmpty(a.RelayState)
	if a.SessionDurationSeconds == 0 {
		m.SessionDuration = types.StringNull()
	} else if d, err := time.ParseDuration(m.SessionDuration.ValueString()); !known(m.SessionDuration) || err != nil || int64(d/time.Second) != a.SessionDurationSeconds {
		m.SessionDuration = types.StringValue(formatSeconds(a.SessionDurationSeconds))
	}
	m.Attributes = make([]samlAttributeModel, 0, len(a.Attributes))
	for _, at := range a.Attributes {
		m.Attributes = append(m.Attributes, samlAttributeModel{Name: types.StringValue(at.Name), NameFormat: nullIfEmpty(at.NameFormat),
			UserAttribute: nullIfEmpty(at.UserAttribute), Value: nullIfEmpty(at.Value)})
	}
	m.IdPEntityID = types.StringValue(a.IdPEntityID)
	m.IdPSSOURL = types.StringValue(a.IdPSSOURL)
	m.IdPMetadataURL = types.StringValue(a.IdPMetadataURL)
}

// formatSeconds writes seconds as the shortest of "Nh", "Nm" and "Ns".
func formatSeconds(s int64) string {
	switch {
	case s%3600 == 0:
		return fmt.Sprintf("%dh", s/3600)
	case s%60 == 0:
		return fmt.Sprintf("%dm", s/60)
	}
	return fmt.Sprintf("%ds", s)
}

func (r *samlApplicationResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	var m samlApplicationModel
	writeResource(ctx, r.data, req.Plan, &resp.State, resp.Identity, &resp.Diagnostics, &m,
		func() string { return "Creating SAML application " + m.Name.ValueString() }, m.parms,
		func(c *client.Client, ctx context.Context, p client.SAMLApplicationParms) (*client.SAMLApplication, error) {
			t := checkSAMLTemplate(ctx, c, m.Template.ValueString(), path.Root("template"), &resp.Diagnostics)
			if resp.Diagnostics.HasError() {
				return nil, nil
			}
			p.TemplateID = t.ID
			return c.CreateSAMLApplication(ctx, p)
		}, m.fill)
}

func (r *samlApplicationResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	var m samlApplicationModel
	readResource(ctx, r.data, req, resp, &m, "idaas_saml_application", "SAML application", (*client.Client).ReadSAMLApplication, m.fill)
}

func (r *samlApplicationResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	var m samlApplicationModel
	writeResource(ctx, r.data, req.Plan, &resp.State, resp.Identity, &resp.Diagnostics, &m,
		func() string { return "Updating SAML application " + m.ID.ValueString() }, m.parms,
		func(c *client.Client, ctx context.Context, p client.SAMLApplicationParms) (*client.SAMLApplication, error) {
			return c.UpdateSAMLApplication(ctx, m.ID.ValueString(), p)
		}, m.fill)
}

func (r *samlApplicationResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	deleteByID(ctx, r.data, req, resp, "SAML application", (*client.Client).DeleteSAMLApplication)
}

func (r *samlApplicationResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	resource.ImportStatePassthroughWithIdentity(ctx, path.Root("id"), path.Root("id"), req, resp)
}

func (r *samlApplicationResource) IdentitySchema(_ context.Context, _ resource.IdentitySchemaRequest, resp *resource.IdentitySchemaResponse) {
	resp.IdentitySchema = idIdentitySchema("The SAML application's id.")
}

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

// tidyGeneratedConfig leaves out of configuration generated at import what
// the tenant derived: the service provider's entity id and ACS URLs when
// they come from sp_metadata_xml, and a signature algorithm that is the
// default of its key (generate_config.go).
func (r *samlApplicationResource) tidyGeneratedConfig(ctx context.Context, cfg *tfsdk.State) diag.Diagnostics {
	return tidyModel(ctx, cfg, func(m *samlApplicationModel) {
		if known(m.SPMetadataXML) {
			m.SPEntityID, m.ACSURL, m.AdditionalACSURLs = types.StringNull(), types.StringNull(), types.ListNull(types.StringType)
		}
		if alg := m.SignatureAlgorithm.ValueString(); alg == samlutil.DefaultSignatureAlgorithm("RSA") || alg == samlutil.DefaultSignatureAlgorithm("ECDSA") {
			m.SignatureAlgorithm = types.StringNull()
		}
	})
}
