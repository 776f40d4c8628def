package provider

import (
	"context"
	"fmt"
	"sort"
	"time"

	"github.com/hashicorp/terraform-plugin-framework-validators/int64validator"
	"github.com/hashicorp/terraform-plugin-framework-validators/setvalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/booldefault"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/int64default"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringdefault"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/idaas-terraform/terraform-provider-idaas/internal/client"
	"github.com/idaas-terraform/terraform-provider-idaas/internal/validators"
)

var (
	_ resource.ResourceWithConfigure      = (*resourceRuleResource)(nil)
	_ resource.ResourceWithImportState    = (*resourceRuleResource)(nil)
	_ resource.ResourceWithIdentity       = (*resourceRuleResource)(nil)
	_ resource.ResourceWithValidateConfig = (*resourceRuleResource)(nil)
)

// The tenant's risk thresholds for a new rule; the defaults of
// low_risk_threshold and medium_risk_threshold.
const (
	defaultLowRiskThreshold    = 30
	defaultMediumRiskThreshold = 70
)

// NewResourceRuleResource is the idaas_resource_rule resource.
func NewResourceRuleResource() resource.Resource { return &resourceRuleResource{} }

type resourceRuleResource struct{ data *providerData }

type resourceRuleModel struct {
	ID                             types.String          `tfsdk:"id"`
	Name                           types.String          `tfsdk:"name"`
	Description                    types.String          `tfsdk:"description"`
	Enabled                        types.Bool            `tfsdk:"enabled"`
	ApplicationID                  types.String          `tfsdk:"application_id"`
	GroupIDs                       types.Set             `tfsdk:"group_ids"`
	StrictAccess                   types.Bool            `tfsdk:"strict_access"`
	DisableSSO                     types.Bool            `tfsdk:"disable_sso"`
	SkipSecondFactorIfUserNotExist types.Bool            `tfsdk:"skip_second_factor_if_user_not_exist"`
	LowRiskThreshold               types.Int64           `tfsdk:"low_risk_threshold"`
	MediumRiskThreshold            types.Int64           `tfsdk:"medium_risk_threshold"`
	LowRiskAuthenticationFlowID    types.String          `tfsdk:"low_risk_authentication_flow_id"`
	MediumRiskAuthenticationFlowID types.String          `tfsdk:"medium_risk_authentication_flow_id"`
	HighRiskAuthenticationFlowID   types.String          `tfsdk:"high_risk_authentication_flow_id"`
	IPContext                      *ipContextModel       `tfsdk:"ip_context"`
	DateTimeContext                *dateTimeContextModel `tfsdk:"date_time_context"`
	LocationContext                *locationContextModel `tfsdk:"location_context"`
}

type ipContextModel struct {
	Type            types.String `tfsdk:"type"`
	AllowedIPRanges types.Set    `tfsdk:"allowed_ip_ranges"`
	DeniedIPRanges  types.Set    `tfsdk:"denied_ip_ranges"`
	AllowedIPList   types.String `tfsdk:"allowed_ip_list"`
	DeniedIPList    types.String `tfsdk:"denied_ip_list"`
	DenyAccess      types.Bool   `tfsdk:"deny_access"`
	RiskPoint       types.Int64  `tfsdk:"risk_point"`
}

type dateTimeContextModel struct {
	StartDateTime   types.String `tfsdk:"start_date_time"`
	EndDateTime     types.String `tfsdk:"end_date_time"`
	AllowedDateTime types.Bool   `tfsdk:"allowed_date_time"`
	StartTime       types.String `tfsdk:"start_time"`
	EndTime         types.String `tfsdk:"end_time"`
	WeekDays        types.Set    `tfsdk:"week_days"`
	AllowedTime     types.Bool   `tfsdk:"allowed_time"`
	ZoneID          types.String `tfsdk:"zone_id"`
	DenyAccess      types.Bool   `tfsdk:"deny_access"`
	RiskPoint       types.Int64  `tfsdk:"risk_point"`
}

type locationContextModel struct {
	CountryCodes     types.Set   `tfsdk:"country_codes"`
	Allowed          types.Bool  `tfsdk:"allowed"`
	AnonymousAllowed types.Bool  `tfsdk:"anonymous_allowed"`
	DenyAccess       types.Bool  `tfsdk:"deny_access"`
	RiskPoint        types.Int64 `tfsdk:"risk_point"`
}

func (r *resourceRuleResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_resource_rule"
}

func optBool(def bool, desc string) schema.BoolAttribute {
	return schema.BoolAttribute{Optional: true, Computed: true, Default: booldefault.StaticBool(def), Description: desc}
}

func riskPoint() schema.Int64Attribute {
	return schema.Int64Attribute{
		Optional: true, Computed: true, Default: int64default.StaticInt64(0),
		Description: "Risk points (0 to 100) added to the sign-in when this context applies. Default 0.",
		Validators:  []validator.Int64{int64validator.Between(0, 100)},
	}
}

func denyAccess() schema.BoolAttribute {
	return optBool(false, "When true, access is denied outright when this context applies. Default false.")
}

func stringSet(desc string, elem ...validator.String) schema.SetAttribute {
	return schema.SetAttribute{
		ElementType: types.StringType, Optional: true, Description: desc,
		Validators: []validator.Set{setvalidator.SizeAtLeast(1), setvalidator.ValueStringsAre(elem...)},
	}
}

func (r *resourceRuleResource) Schema(_ context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	uuid := []validator.String{validators.UUID()}
	resp.Schema = schema.Schema{
		Description: "A resource rule of an application (`/api/web/v2/resourcerules`): who may sign in to it, and which " +
			"authentication flow they go through at low, medium and high risk. Risk is the sum of the risk points of " +
			"the contexts (IP ranges, date and time, location) that apply to a sign-in.",
		Attributes: map[string]schema.Attribute{
			"id":          computedString("The rule's UUID."),
			"name":        requiredString("The rule's name, unique among the application's rules.", stringvalidator.LengthBetween(1, 255)),
			"description": optionalString("A description of the rule.", stringvalidator.LengthAtLeast(1)),
			"enabled":     optBool(true, "Only enabled rules are considered at sign-in. Default true."),
			"application_id": schema.StringAttribute{
				Required: true, Description: "UUID of the application the rule belongs to (the API's `resourceId`). Changing it replaces the rule.",
				Validators:    uuid,
				PlanModifiers: []planmodifier.String{stringplanmodifier.RequiresReplace()},
			},
			"group_ids": stringSet("UUIDs of the groups the rule applies to. When left out, the rule applies to all users. "+
				"If a group is deleted, the tenant removes it from the rule, and disables a rule left with no group.", validators.UUID()),
			"strict_access":                        optBool(false, "When true and this rule denies access, access is denied even if another rule of the application allows it. Default false."),
			"disable_sso":                          optBool(false, "When true, single sign-on is disabled for this rule: users authenticate at every sign-in. Default false."),
			"skip_second_factor_if_user_not_exist": optBool(false, "When true, the second factor is skipped for users who do not exist, when the first factor is EXTERNAL. Default false."),
			"low_risk_threshold": schema.Int64Attribute{
				Optional: true, Computed: true, Default: int64default.StaticInt64(defaultLowRiskThreshold),
				Description: fmt.Sprintf("Risk scores below this value (0 to 100) are low risk. Must be less than `medium_risk_threshold`. Default %d.", defaultLowRiskThreshold),
				Validators:  []validator.Int64{int64validator.Between(0, 100)},
			},
			"medium_risk_threshold": schema.Int64Attribute{
				Optional: true, Computed: true, Default: int64default.StaticInt64(defaultMediumRiskThreshold),
				Description: fmt.Sprintf("Risk scores from `low_risk_threshold` up to below this value (0 to 100) are medium risk; scores from it up are high risk. Default %d.", defaultMediumRiskThreshold),
				Validators:  []validator.Int64{int64validator.Between(0, 100)},
			},
			"low_risk_authentication_flow_id":    requiredString("UUID of the authentication flow for low-risk sign-ins; see the `idaas_authentication_flow` data source.", uuid...),
			"medium_risk_authentication_flow_id": requiredString("UUID of the authentication flow for medium-risk sign-ins.", uuid...),
			"high_risk_authentication_flow_id":   requiredString("UUID of the authentication flow for high-risk sign-ins.", uuid...),
		},
		Blocks: map[string]schema.Block{
			"ip_context": schema.SingleNestedBlock{
				Description: "Risk by IP address: it applies when the address is not in an allowed range (or list), or is in a denied one. " +
					"Removing the block removes the context from the rule.",
				Attributes: map[string]schema.Attribute{
					"type": schema.StringAttribute{
						Optional: true, Computed: true, Default: stringdefault.StaticString("CUSTOM"),
						Description: "`CUSTOM` (default): the ranges below; `IPLIST`: the IP lists below.",
						Validators:  []validator.String{stringvalidator.OneOf("CUSTOM", "IPLIST")},
					},
					"allowed_ip_ranges": stringSet("Allowed IP ranges in CIDR notation; they take precedence over denied ranges.", validators.CIDR()),
					"denied_ip_ranges":  stringSet("Denied IP ranges in CIDR notation.", validators.CIDR()),
					"allowed_ip_list":   optionalString("UUID of an IP list of allowed addresses (with `type = \"IPLIST\"`).", uuid...),
					"denied_ip_list":    optionalString("UUID of an IP list of denied addresses (with `type = \"IPLIST\"`).", uuid...),
					"deny_access":       denyAccess(),
					"risk_point":        riskPoint(),
				},
			},
			"date_time_context": schema.SingleNestedBlock{
				Description: "Risk by date or time: either a date range (`start_date_time`, `end_date_time`) or a daily time window " +
					"(`start_time`, `end_time`, `week_days`), read in `zone_id`. Removing the block removes the context from the rule.",
				Attributes: map[string]schema.Attribute{
					"start_date_time":   optionalString("Start of a date range, RFC 3339, e.g. `2026-01-01T00:00:00Z`.", validators.DateTime()),
					"end_date_time":     optionalString("End of a date range, RFC 3339.", validators.DateTime()),
					"allowed_date_time": optBool(true, "When true (default) the date range is allowed, else it is denied."),
					"start_time":        optionalString("Start of a daily time window, `hh:mm:ss`.", validators.TimeOfDay()),
					"end_time":          optionalString("End of a daily time window, `hh:mm:ss`.", validators.TimeOfDay()),
					"week_days": stringSet("Days of the week the time window applies to: `Mon`, `Tue`, `Wed`, `Thu`, `Fri`, `Sat`, `Sun`.",
						stringvalidator.OneOf("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")),
					"allowed_time": optBool(true, "When true (default) the time window is allowed, else it is denied."),
					"zone_id": schema.StringAttribute{
						Optional: true, Computed: true, Default: stringdefault.StaticString("Z"),
						Description: "Time zone of the dates and times: `Z` (UTC, default), an offset such as `-05:00`, or a zone id such as `America/New_York`.",
						Validators:  []validator.String{validators.ZoneID()},
					},
					"deny_access": denyAccess(),
					"risk_point":  riskPoint(),
				},
			},
			"location_context": schema.SingleNestedBlock{
				Description: "Risk by the country of the IP address. Removing the block removes the context from the rule.",
				Attributes: map[string]schema.Attribute{
					"country_codes": schema.SetAttribute{
						ElementType: types.StringType, Optional: true,
						Description: "ISO 3166-1 alpha-2 country codes, e.g. `US`. Required in the block.",
						Validators:  []validator.Set{setvalidator.SizeAtLeast(1), setvalidator.ValueStringsAre(validators.CountryCode())},
					},
					"allowed":           optBool(true, "When true (default) the countries are allowed, else they are denied."),
					"anonymous_allowed": optBool(false, "When true, anonymous and TOR addresses are allowed. Default false."),
					"deny_access":       denyAccess(),
					"risk_point":        riskPoint(),
				},
			},
		},
	}
}

func (r *resourceRuleResource) Configure(_ context.Context, req resource.ConfigureRequest, resp *resource.ConfigureResponse) {
	r.data = providerDataFrom(req.ProviderData, &resp.Diagnostics)
}

// ValidateConfig checks what single attributes cannot: the thresholds'
// order and the shape of the contexts.
func (r *resourceRuleResource) ValidateConfig(ctx context.Context, req resource.ValidateConfigRequest, resp *resource.ValidateConfigResponse) {
	var m resourceRuleModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &m)...)
	if resp.Diagnostics.HasError() {
		return
	}
	threshold := func(v types.Int64, def int64) (int64, bool) {
		if v.IsUnknown() {
			return 0, false
		}
		if v.IsNull() {
			return def, true
		}
		return v.ValueInt64(), true
	}
	low, lowOK := threshold(m.LowRiskThreshold, defaultLowRiskThreshold)
	med, medOK := threshold(m.MediumRiskThreshold, defaultMediumRiskThreshold)
	if lowOK && medOK && low >= med {
		at := path.Root("low_risk_threshold")
		if m.LowRiskThreshold.IsNull() {
			at = path.Root("medium_risk_threshold")
		}
		resp.Diagnostics.AddAttributeError(at, "Invalid "+at.String()+": risk thresholds out of order",
			fmt.Sprintf("low_risk_threshold (%d) must be less than medium_risk_threshold (%d): scores below the low threshold are low risk, "+
				"below the medium threshold medium risk, and the rest high risk.", low, med))
	}
	if c := m.DateTimeContext; c != nil {
		base := path.Root("date_time_context")
		set := func(v types.String) bool { return !v.IsNull() }
		dates := set(c.StartDateTime) || set(c.EndDateTime)
		times := set(c.StartTime) || set(c.EndTime) || !c.WeekDays.IsNull()
		switch {
		case dates && times:
			resp.Diagnostics.AddAttributeError(base, "Invalid date_time_context: date range and time window together",
				"A date_time_context holds either a date range (start_date_time, end_date_time) or a time window (start_time, end_time, week_days), not both.")
		case !dates && !times:
			resp.Diagnostics.AddAttributeError(base, "Invalid date_time_context: no date range or time window",
				"Set a date range (start_date_time and end_date_time) or a time window (start_time, end_time and week_days).")
		case dates:
			for name, v := range map[string]types.String{"start_date_time": c.StartDateTime, "end_date_time": c.EndDateTime} {
				if v.IsNull() {
					resp.Diagnostics.AddAttributeError(base.AtName(name), "Invalid date_time_context: missing "+name, "A date range needs both start_date_time and end_date_time.")
				}
			}
			if known(c.StartDateTime) && known(c.EndDateTime) {
				start, err1 := time.Parse(time.RFC3339, c.StartDateTime.ValueString())
				end, err2 := time.Parse(time.RFC3339, c.EndDateTime.ValueString())
				if err1 == nil && err2 == nil && !end.After(start) {
					resp.Diagnostics.AddAttributeError(base.AtName("end_date_time"), "Invalid date_time_context.end_date_time: date range backwards",
						fmt.Sprintf("end_date_time (%s) must be after start_date_time (%s).", c.EndDateTime.ValueString(), c.StartDateTime.ValueString()))
				}
			}
		default:
			for name, v := range map[string]types.String{"start_time": c.StartTime, "end_time": c.EndTime} {
				if v.IsNull() {
					resp.Diagnostics.AddAttributeError(base.AtName(name), "Invalid date_time_context: missing "+name, "A time window needs both start_time and end_time (hh:mm:ss).")
				}
			}
		}
	}
	if c := m.LocationContext; c != nil && c.CountryCodes.IsNull() {
		resp.Diagnostics.AddAttributeError(path.Root("location_context").AtName("country_codes"), "Invalid location_context: missing country_codes",
			"A location_context needs at least one country code.")
	}
}

func boolPtr(v types.Bool) *bool { b := v.ValueBool(); return &b }
func intPtr(v types.Int64) *int  { i := int(v.ValueInt64()); return &i }

func (m *resourceRuleModel) parms(ctx context.Context, diags *diag.Diagnostics) client.ResourceRuleParms {
	groups := setStrings(ctx, m.GroupIDs, diags)
	p := client.ResourceRuleParms{
		Name: m.Name.ValueStringPointer(), Description: emptyIfNull(m.Description), Enabled: boolPtr(m.Enabled),
		ResourceID: m.ApplicationID.ValueString(), GroupIDs: &groups,
		StrictAccess: boolPtr(m.StrictAccess), DisableSSO: boolPtr(m.DisableSSO),
		SkipSecondFactorIfUserNotExist: boolPtr(m.SkipSecondFactorIfUserNotExist),
		LowRiskThreshold:               intPtr(m.LowRiskThreshold), MediumRiskThreshold: intPtr(m.MediumRiskThreshold),
		LowRiskAuthenticationFlow:    m.LowRiskAuthenticationFlowID.ValueString(),
		MediumRiskAuthenticationFlow: m.MediumRiskAuthenticationFlowID.ValueString(),
		HighRiskAuthenticationFlow:   m.HighRiskAuthenticationFlowID.ValueString(),
	}
	if c := m.IPContext; c != nil {
		p.IpContext = &client.IpContext{
			Type: c.Type.ValueString(), AllowedIpList: c.AllowedIPList.ValueString(), DeniedIpList: c.DeniedIPList.ValueString(),
			AllowedIpRanges: setStrings(ctx, c.AllowedIPRanges, diags), DeniedIpRanges: setStrings(ctx, c.DeniedIPRanges, diags),
			DenyAccess: c.DenyAccess.ValueBool(), RiskPoint: int(c.RiskPoint.ValueInt64()),
		}
	} else {
		p.RemoveIPContext = true
	}
	if c := m.DateTimeContext; c != nil {
		p.DateTimeContext = &client.DateTimeContext{
			StartDateTime: c.StartDateTime.ValueString(), EndDateTime: c.EndDateTime.ValueString(), AllowedDateTime: boolPtr(c.AllowedDateTime),
			StartTime: c.StartTime.ValueString(), EndTime: c.EndTime.ValueString(), AllowedTime: boolPtr(c.AllowedTime),
			WeekDays: setStrings(ctx, c.WeekDays, diags), ZoneID: c.ZoneID.ValueString(),
			DenyAccess: c.DenyAccess.ValueBool(), RiskPoint: int(c.RiskPoint.ValueInt64()),
		}
	} else {
		p.RemoveDateTimeContext = true
	}
	if c := m.LocationContext; c != nil {
		p.LocationContext = &client.LocationContext{
			CountryCodes: setStrings(ctx, c.CountryCodes, diags), Allowed: c.Allowed.ValueBool(),
			AnonymousAllowed: c.AnonymousAllowed.ValueBool(), DenyAccess: c.DenyAccess.ValueBool(), RiskPoint: int(c.RiskPoint.ValueInt64()),
		}
	} else {
		p.RemoveLocationContext = true
	}
	return p
}

// stringSetOrNull maps the API's lists, in whatever order, to a set; empty
// becomes null, so that a left-out attribute plans clean.
func stringSetOrNull(vs []string, diags *diag.Diagnostics) types.Set {
	if len(vs) == 0 {
		return types.SetNull(types.StringType)
	}
	s := append([]string(nil), vs...)
	sort.Strings(s)
	elems := make([]attr.Value, 0, len(s))
	for _, v := range s {
		elems = append(elems, types.StringValue(v))
	}
	set, d := types.SetValue(types.StringType, elems)
	diags.Append(d...)
	return set
}

func flowID(f *client.FlowRef) types.String {
	if f == nil || f.ID == "" {
		return types.StringNull()
	}
	return types.StringValue(f.ID)
}

func boolOr(b *bool, def bool) types.Bool {
	if b == nil {
		return types.BoolValue(def)
	}
	return types.BoolValue(*b)
}

func (m *resourceRuleModel) fill(rr *client.ResourceRule, diags *diag.Diagnostics) {
	m.ID = types.StringValue(rr.ID)
	m.Name = types.StringValue(rr.Name)
	m.Description = nullIfEmpty(rr.Description)
	m.Enabled = types.BoolValue(rr.Enabled)
	m.ApplicationID = types.StringValue(rr.ResourceID)
	m.GroupIDs = stringSetOrNull(rr.GroupIDs(), diags)
	m.StrictAccess = types.BoolValue(rr.StrictAccess)
	m.DisableSSO = types.BoolValue(rr.DisableSSO)
	m.SkipSecondFactorIfUserNotExist = types.BoolValue(rr.SkipSecondFactorIfUserNotExist)
	m.LowRiskThreshold = types.Int64Value(int64(rr.LowRiskThreshold))
	m.MediumRiskThreshold = types.Int64Value(int64(rr.MediumRiskThreshold))
	m.LowRiskAuthenticationFlowID = flowID(rr.LowRiskAuthenticationFlow)
	m.MediumRiskAuthenticationFlowID = flowID(rr.MediumRiskAuthenticationFlow)
	m.HighRiskAuthenticationFlowID = flowID(rr.HighRiskAuthenticationFlow)
	m.IPContext = nil
	if c := rr.IpContext; c != nil {
		typ := c.Type
		if typ == "" {
			typ = "CUSTOM"
		}
		m.IPContext = &ipContextModel{
			Type: types.StringValue(typ), AllowedIPList: nullIfEmpty(c.AllowedIpList), DeniedIPList: nullIfEmpty(c.DeniedIpList),
			AllowedIPRanges: stringSetOrNull(c.AllowedIpRanges, diags), DeniedIPRanges: stringSetOrNull(c.DeniedIpRanges, diags),
			DenyAccess: types.BoolValue(c.DenyAccess), RiskPoint: types.Int64Value(int64(c.RiskPoint)),
		}
	}
	m.DateTimeContext = nil
	if c := rr.DateTimeContext; c != nil {
		zone := c.ZoneID
		if zone == "" {
			zone = "Z"
		}
		m.DateTimeContext = &dateTimeContextModel{
			StartDateTime: nullIfEmpty(c.StartDateTime), EndDateTime: nullIfEmpty(c.EndDateTime), AllowedDateTime: boolOr(c.AllowedDateTime, true),
			StartTime: nullIfEmpty(c.StartTime), EndTime: nullIfEmpty(c.EndTime), AllowedTime: boolOr(c.AllowedTime, true),
			WeekDays: stringSetOrNull(c.WeekDays, diags), ZoneID: types.StringValue(zone),
			DenyAccess: types.BoolValue(c.DenyAccess), RiskPoint: types.Int64Value(int64(c.RiskPoint)),
		}
	}
	m.LocationContext = nil
	if c := rr.LocationContext; c != nil {
		m.LocationContext = &locationContextModel{
			CountryCodes: stringSetOrNull(c.CountryCodes, diags), Allowed: types.BoolValue(c.Allowed),
			AnonymousAllowed: types.BoolValue(c.AnonymousAllowed), DenyAccess: types.BoolValue(c.DenyAccess),
			RiskPoint: types.Int64Value(int64(c.RiskPoint)),
		}
	}
}

func (r *resourceRuleResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	var m resourceRuleModel
	writeResource(ctx, r.data, req.Plan, &resp.State, resp.Identity, &resp.Diagnostics, &m,
		func() string { return "Creating resource rule " + m.Name.ValueString() }, m.parms,
		func(c *client.Client, ctx context.Context, p client.ResourceRuleParms) (*client.ResourceRule, error) {
			// The remove flags are meaningless on create.
			p.RemoveIPContext, p.RemoveDateTimeContext, p.RemoveLocationContext = false, false, false
			return c.CreateResourceRule(ctx, p)
		},
		m.fill)
}

func (r *resourceRuleResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	var m resourceRuleModel
	readResource(ctx, r.data, req, resp, &m, "idaas_resource_rule", "resource rule", (*client.Client).GetResourceRule,
		m.fill)
}

func (r *resourceRuleResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	var m resourceRuleModel
	writeResource(ctx, r.data, req.Plan, &resp.State, resp.Identity, &resp.Diagnostics, &m,
		func() string { return "Updating resource rule " + m.ID.ValueString() }, m.parms,
		func(c *client.Client, ctx context.Context, p client.ResourceRuleParms) (*client.ResourceRule, error) {
			p.ResourceID = "" // only used on create
			return c.UpdateResourceRule(ctx, m.ID.ValueString(), p)
		},
		m.fill)
}

func (r *resourceRuleResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	deleteByID(ctx, r.data, req, resp, "resource rule", (*client.Client).DeleteResourceRule)
}

func (r *resourceRuleResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	resource.ImportStatePassthroughWithIdentity(ctx, path.Root("id"), path.Root("id"), req, resp)
}

func (r *resourceRuleResource) IdentitySchema(_ context.Context, _ resource.IdentitySchemaRequest, resp *resource.IdentitySchemaResponse) {
	resp.IdentitySchema = idIdentitySchema("The resource rule's UUID.")
}
