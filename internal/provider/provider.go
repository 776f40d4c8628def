// Package provider implements the idaas Terraform provider with
// terraform-plugin-framework. It maps between the framework's models and the
// structs of package client, which does the talking.
package provider

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/hashicorp/terraform-plugin-framework-validators/float64validator"
	"github.com/hashicorp/terraform-plugin-framework-validators/int64validator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/action"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/ephemeral"
	"github.com/hashicorp/terraform-plugin-framework/function"
	"github.com/hashicorp/terraform-plugin-framework/list"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/provider"
	"github.com/hashicorp/terraform-plugin-framework/provider/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/idaas-terraform/terraform-provider-idaas/internal/client"
	"github.com/idaas-terraform/terraform-provider-idaas/internal/httpx"
	"github.com/idaas-terraform/terraform-provider-idaas/internal/validators"
)

// Environment variables the provider reads.
const (
	EnvTenantURL       = "IDAAS_TENANT_URL"
	EnvApplicationID   = "IDAAS_APPLICATION_ID"
	EnvSharedSecret    = "IDAAS_SHARED_SECRET"
	EnvCredentialsFile = "IDAAS_CREDENTIALS_FILE"
	// EnvMaxRequestsPerSecond is max_requests_per_second's default.
	EnvMaxRequestsPerSecond = "IDAAS_MAX_REQUESTS_PER_SECOND"
	// EnvSharedReads is shared_reads' default.
	EnvSharedReads = "IDAAS_SHARED_READS"
)

var (
	_ provider.Provider                       = (*idaasProvider)(nil)
	_ provider.ProviderWithFunctions          = (*idaasProvider)(nil)
	_ provider.ProviderWithListResources      = (*idaasProvider)(nil)
	_ provider.ProviderWithEphemeralResources = (*idaasProvider)(nil)
)

type idaasProvider struct {
	version string
	// now is the clock used for certificate renewal decisions (tests move
	// it); time.Now when nil.
	now func() time.Time
	// configured is the provider data of each Configure, whose pacers
	// flushReports reports when the provider stops.
	mu         sync.Mutex
	configured []*providerData
}

// New returns a provider factory for the given version.
func New(version string) func() provider.Provider {
	return func() provider.Provider { return &idaasProvider{version: version} }
}

type providerModel struct {
	TenantURL       types.String  `tfsdk:"tenant_url"`
	ApplicationID   types.String  `tfsdk:"application_id"`
	SharedSecret    types.String  `tfsdk:"shared_secret"`
	CredentialsFile types.String  `tfsdk:"credentials_file"`
	MaxRetries      types.Int64   `tfsdk:"max_retries"`
	RequestTimeout  types.String  `tfsdk:"request_timeout"`
	MaxRPS          types.Float64 `tfsdk:"max_requests_per_second"`
	SharedReads     types.String  `tfsdk:"shared_reads"`
}

func (p *idaasProvider) Metadata(_ context.Context, _ provider.MetadataRequest, resp *provider.MetadataResponse) {
	resp.TypeName = "idaas"
	resp.Version = p.version
}

func (p *idaasProvider) Schema(_ context.Context, _ provider.SchemaRequest, resp *provider.SchemaResponse) {
	resp.Schema = schema.Schema{
		Description: "Manages an Identity as a Service tenant through its Administration API: groups, users, " +
			"SAML applications, resource rules and SCIM provisioning into AWS IAM Identity Center.",
		Attributes: map[string]schema.Attribute{
			"tenant_url": schema.StringAttribute{
				Optional: true,
				Description: "Base URL of the tenant, e.g. `https://example.us.trustedauth.com`. `http://` is accepted only " +
					"for loopback hosts (the emulator). Defaults to `IDAAS_TENANT_URL`, then to `https://` + `hostname` " +
					"from `credentials_file`.",
				Validators: []validator.String{validators.TenantURL()},
			},
			"application_id": schema.StringAttribute{
				Optional:    true,
				Description: "Administration API application id. Defaults to `IDAAS_APPLICATION_ID`, then to `applicationId` from `credentials_file`.",
			},
			"shared_secret": schema.StringAttribute{
				Optional:    true,
				Sensitive:   true,
				Description: "Administration API shared secret. Defaults to `IDAAS_SHARED_SECRET`, then to `sharedSecret` from `credentials_file`. Never logged.",
			},
			"credentials_file": schema.StringAttribute{
				Optional: true,
				Description: "Path to the admin API credentials JSON the tenant lets you download (a leading `~/` is the home directory) " +
					"(`{\"applicationId\",\"hostname\",\"sharedSecret\"}`). Defaults to `IDAAS_CREDENTIALS_FILE`.",
			},
			"max_retries": schema.Int64Attribute{
				Optional:    true,
				Description: "How many times a request answered 429, 5xx or lost on the network is retried, with exponential backoff that honours `Retry-After`. Default 10.",
				Validators:  []validator.Int64{int64validator.Between(0, 100)},
			},
			"request_timeout": schema.StringAttribute{
				Optional:    true,
				Description: "Time limit for one HTTP attempt, as a Go duration such as `30s` or `2m`. Default `30s`.",
				Validators:  []validator.String{validators.Duration()},
			},
			"max_requests_per_second": schema.Float64Attribute{
				Optional: true,
				Description: "The most admin API requests per second the provider sends (every request, retries and the SCIM data sources' " +
					"requests to their target included; each SCIM target has its own budget). Defaults to `" + EnvMaxRequestsPerSecond + "`. " +
					"Without it the provider adapts: it starts unlimited, halves its rate when the tenant answers 429 and keeps the lower rate " +
					"for the rest of the command (adding one request per second back each second without a 429), and it always honours the " +
					"tenant's `Retry-After` and `RateLimit-Limit`/`RateLimit-Remaining`/`RateLimit-Reset` headers. Set it to leave part of the " +
					"tenant's rate limit to sign-ins and the console. Logged at INFO: how many requests waited, and for how long.",
				Validators: []validator.Float64{float64validator.AtLeast(0.1)},
			},
			"shared_reads": schema.StringAttribute{
				Optional: true,
				Description: "When a refresh reads users and groups from the tenant's paged lists instead of one request each: `auto` " +
					"(default; defaults to `" + EnvSharedReads + "`), `always` or `never`. With `auto`, within one Terraform command, " +
					"objects are read one by one until those requests have cost as much as listing the whole type would, then the type is " +
					"listed once, 100 objects a request, and later reads are served from it; where the list does not say how many objects " +
					"it holds (groups), list pages are spent only as fast as single reads. The result is the same: an object missing from a " +
					"listing is read by itself before it leaves state, and any change the provider makes discards what was listed before it.",
				Validators: []validator.String{stringvalidator.OneOf("auto", "always", "never")},
			},
		},
	}
}

// credentialsFile is the tenant's downloadable admin API credentials.
type credentialsFile struct {
	ApplicationID string `json:"applicationId"`
	Hostname      string `json:"hostname"`
	SharedSecret  string `json:"sharedSecret"`
}

// providerData is what resources and data sources receive. client is nil
// when the provider configuration was not known at plan time.
type providerData struct {
	client *client.Client
	now    func() time.Time
	// maxRetries and requestTimeout are the provider's HTTP settings, for
	// the SCIM clients of the SCIM data sources (as in client.Config).
	maxRetries     int
	requestTimeout time.Duration
	// maxRPS is max_requests_per_second (0: adapt); scimPacers paces each
	// SCIM target the SCIM data sources reach, by endpoint.
	maxRPS     float64
	scimMu     sync.Mutex
	scimPacers map[string]*httpx.Pacer
	// logCtx is ConfigureProvider's context, which the pacers' reports log
	// with: they come after the call that caused them has returned, and a
	// call's own context is released then (release_contexts.go).
	logCtx context.Context
}

// flushReports has every pacer of the provider report at once what it did
// since its last report: when the provider stops, so that the last burst
// of requests is reported even when Terraform stops the provider within
// the second after it.
func (p *idaasProvider) flushReports() {
	p.mu.Lock()
	configured := p.configured
	p.mu.Unlock()
	for _, d := range configured {
		if d.client != nil {
			d.client.Pacer().Flush()
		}
		d.scimMu.Lock()
		pacers := make([]*httpx.Pacer, 0, len(d.scimPacers))
		for _, sp := range d.scimPacers {
			pacers = append(pacers, sp)
		}
		d.scimMu.Unlock()
		for _, sp := range pacers {
			sp.Flush()
		}
	}
}

// clock returns the provider's notion of now.
func (d *providerData) clock() time.Time {
	if d == nil || d.now == nil {
		return time.Now()
	}
	return d.now()
}

func (p *idaasProvider) Configure(ctx context.Context, req provider.ConfigureRequest, resp *provider.ConfigureResponse) {
	// Every kind of Terraform type gets the same provider data.
	share := func(d *providerData) {
		d.logCtx = ctx
		p.mu.Lock()
		p.configured = append(p.configured, d)
		p.mu.Unlock()
		resp.ResourceData, resp.DataSourceData, resp.EphemeralResourceData, resp.ListResourceData, resp.ActionData = d, d, d, d, d
	}
	var m providerModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &m)...)
	if resp.Diagnostics.HasError() {
		return
	}
	for name, v := range map[string]interface{ IsUnknown() bool }{
		"tenant_url": m.TenantURL, "application_id": m.ApplicationID, "shared_secret": m.SharedSecret,
		"credentials_file": m.CredentialsFile, "max_retries": m.MaxRetries, "request_timeout": m.RequestTimeout,
		"max_requests_per_second": m.MaxRPS, "shared_reads": m.SharedReads,
	} {
		if v.IsUnknown() {
			// Known only at apply: plan what can be planned, and let
			// resources that need the API say so.
			resp.Diagnostics.AddAttributeWarning(path.Root(name), "Provider configuration not known yet",
				"The value of "+name+" is not known until apply, so the idaas provider cannot refresh existing objects during this plan.")
			share(&providerData{now: p.now})
			return
		}
	}
	cfg, ok := resolveConfig(m, &resp.Diagnostics)
	if !ok {
		return
	}
	cfg.UserAgent = "terraform-provider-idaas/" + p.version + " (+https://registry.terraform.io/providers/idaas-terraform/idaas)"
	cfg.Logger = tflogLogger{}
	c, err := client.New(cfg)
	if err != nil {
		resp.Diagnostics.AddAttributeError(path.Root("tenant_url"), "Invalid provider configuration", err.Error())
		return
	}
	// Check the credentials now, once, rather than in every resource that
	// needs the API: a refused shared secret then fails the plan with one
	// error, even when there is nothing to refresh. The token is kept for
	// the requests that follow. An unreachable tenant is left to the
	// requests themselves, which retry.
	if err := c.Authenticate(maskSecrets(ctx, c)); client.CredentialsRefused(err) {
		resp.Diagnostics.AddAttributeError(path.Root("shared_secret"), "Invalid credentials: check shared_secret",
			fmt.Sprintf("The tenant at %s refused application_id %q with the shared_secret given (in the provider block, %s or credentials_file). "+
				"Set the shared secret of that Administration API application.\n\n%s", cfg.TenantURL, cfg.ApplicationID, EnvSharedSecret, err))
		return
	} else if err != nil {
		tflog.Warn(maskSecrets(ctx, c), "authenticating at configure time failed; requests will try again", map[string]any{"error": err.Error()})
	}
	c.Pacer().Report(reportPacing(ctx, "idaas admin API", c.SharedReadStats))
	share(&providerData{client: c, now: p.now, maxRetries: cfg.MaxRetries, requestTimeout: cfg.RequestTimeout, maxRPS: cfg.MaxRequestsPerSecond})
}

// reportPacing logs, at INFO, once per burst of requests (a Terraform
// phase, in practice), how often the pacer made requests wait, and, when
// shared is set, how the Reads were served so far.
func reportPacing(ctx context.Context, what string, shared func() map[string]client.SharedReadStats) func(httpx.PacerStats) {
	return func(s httpx.PacerStats) {
		fields := map[string]any{"requests": s.Requests, "waited": s.Waited, "wait_seconds": s.WaitTime.Seconds(), "status_429": s.Status429,
			"rate_decreases": s.Decreases, "rate_per_second": s.Rate}
		msg := fmt.Sprintf("%s: %d requests, %d waited for the rate limit (%.1fs in all), %d answered 429, rate now %s",
			what, s.Requests, s.Waited, s.WaitTime.Seconds(), s.Status429, rateText(s.Rate))
		if shared != nil {
			var kinds []string
			for kind, st := range shared() {
				kinds = append(kinds, fmt.Sprintf("%s %d from listings, %d by GET, %d list requests", kind, st.Served, st.GETs, st.Pages))
			}
			if len(kinds) > 0 {
				sort.Strings(kinds)
				msg += "; shared reads so far: " + strings.Join(kinds, "; ")
			}
		}
		tflog.Info(ctx, msg, fields)
	}
}

func rateText(r float64) string {
	if r <= 0 {
		return "unlimited"
	}
	return fmt.Sprintf("%.1f/s", r)
}

// resolveConfig merges the provider block, the environment and the
// credentials file, in that order, and reports missing or conflicting
// settings against the attribute to fix.
func resolveConfig(m providerModel, diags interface {
	AddAttributeError(path.Path, string, string)
	HasError() bool
}) (client.Config, bool) {
	pick := func(v types.String, env string) string {
		if !v.IsNull() {
			return v.ValueString()
		}
		return os.Getenv(env)
	}
	cfg := client.Config{
		TenantURL:     pick(m.TenantURL, EnvTenantURL),
		ApplicationID: pick(m.ApplicationID, EnvApplicationID),
		SharedSecret:  pick(m.SharedSecret, EnvSharedSecret),
	}
	if file := pick(m.CredentialsFile, EnvCredentialsFile); file != "" {
		creds, err := readCredentialsFile(file)
		if err != nil {
			diags.AddAttributeError(path.Root("credentials_file"), "Cannot use credentials_file", err.Error())
			return cfg, false
		}
		merge := func(attr string, dst *string, fromFile string) {
			switch {
			case *dst == "":
				*dst = fromFile
			case fromFile != "" && *dst != fromFile:
				diags.AddAttributeError(path.Root(attr), "Conflicting provider settings",
					fmt.Sprintf("%s is set both directly (in the provider block or its environment variable) and in credentials_file %q, with different values. Set it in one place only.", attr, file))
			}
		}
		host := ""
		if creds.Hostname != "" {
			host = "https://" + strings.TrimSuffix(strings.TrimPrefix(creds.Hostname, "https://"), "/")
		}
		merge("application_id", &cfg.ApplicationID, creds.ApplicationID)
		merge("shared_secret", &cfg.SharedSecret, creds.SharedSecret)
		if cfg.TenantURL == "" {
			cfg.TenantURL = host
		}
	}
	if cfg.TenantURL == "" {
		diags.AddAttributeError(path.Root("tenant_url"), "Missing tenant URL",
			"Set tenant_url in the provider block, the "+EnvTenantURL+" environment variable, or use credentials_file with a hostname.")
	} else if _, err := client.ParseTenantURL(cfg.TenantURL); err != nil {
		diags.AddAttributeError(path.Root("tenant_url"), "Invalid tenant URL", err.Error())
	}
	if cfg.ApplicationID == "" {
		diags.AddAttributeError(path.Root("application_id"), "Missing application id",
			"Set application_id in the provider block, the "+EnvApplicationID+" environment variable, or credentials_file.")
	}
	if cfg.SharedSecret == "" {
		diags.AddAttributeError(path.Root("shared_secret"), "Missing shared secret",
			"Set shared_secret in the provider block (from a sensitive variable), the "+EnvSharedSecret+" environment variable, or credentials_file.")
	}
	if !m.MaxRetries.IsNull() {
		// max_retries = 0 means none; the clients read 0 as "the default"
		// and a negative value as none (package httpx).
		cfg.MaxRetries = int(m.MaxRetries.ValueInt64())
		if cfg.MaxRetries == 0 {
			cfg.MaxRetries = -1
		}
	}
	if !m.MaxRPS.IsNull() {
		cfg.MaxRequestsPerSecond = m.MaxRPS.ValueFloat64()
	} else if v := os.Getenv(EnvMaxRequestsPerSecond); v != "" {
		f, err := strconv.ParseFloat(v, 64)
		if err != nil || f < 0.1 {
			diags.AddAttributeError(path.Root("max_requests_per_second"), "Invalid "+EnvMaxRequestsPerSecond,
				fmt.Sprintf("%s is %q: write a number of requests per second, at least 0.1.", EnvMaxRequestsPerSecond, v))
		}
		cfg.MaxRequestsPerSecond = f
	}
	shared := pick(m.SharedReads, EnvSharedReads)
	if mode, err := client.ParseSharedReadsMode(shared); err != nil {
		diags.AddAttributeError(path.Root("shared_reads"), "Invalid shared_reads", err.Error()+" (from the provider block or "+EnvSharedReads+").")
	} else {
		cfg.SharedReads = mode
	}
	if !m.RequestTimeout.IsNull() {
		d, err := time.ParseDuration(m.RequestTimeout.ValueString())
		if err != nil || d <= 0 {
			diags.AddAttributeError(path.Root("request_timeout"), "Invalid request timeout", "Write a positive Go duration such as \"30s\" or \"2m\".")
		}
		cfg.RequestTimeout = d
	}
	return cfg, !diags.HasError()
}

func readCredentialsFile(name string) (credentialsFile, error) {
	var c credentialsFile
	if rest, ok := strings.CutPrefix(name, "~/"); ok {
		home, err := os.UserHomeDir()
		if err != nil {
			return c, fmt.Errorf("expanding %q: %w", name, err)
		}
		name = filepath.Join(home, rest)
	}
	data, err := os.ReadFile(name)
	if err != nil {
		return c, fmt.Errorf("reading %q: %w", name, err)
	}
	if err := json.Unmarshal(data, &c); err != nil {
		return c, fmt.Errorf("%q is not the tenant's admin API credentials JSON ({\"applicationId\",\"hostname\",\"sharedSecret\"}): %w", name, err)
	}
	if c.ApplicationID == "" || c.SharedSecret == "" {
		return c, fmt.Errorf("%q lacks applicationId or sharedSecret; download the credentials again from the tenant's admin API application", name)
	}
	return c, nil
}

func (p *idaasProvider) Resources(_ context.Context) []func() resource.Resource {
	return []func() resource.Resource{
		NewGroupResource,
		NewUserAttributeResource,
		NewUserResource,
		NewGroupMembersResource,
		NewResourceRuleResource,
		NewSigningCertificateResource,
		NewSAMLApplicationResource,
		NewProvisionerResource,
		NewProvisionerAttributeMappingResource,
		NewProvisionerSyncResource,
	}
}

var _ provider.ProviderWithActions = (*idaasProvider)(nil)

// Actions need Terraform 1.14 or later.
func (p *idaasProvider) Actions(_ context.Context) []func() action.Action {
	return []func() action.Action{
		NewSynchronizeProvisionerAction,
		NewTestProvisionerAction,
	}
}

func (p *idaasProvider) DataSources(_ context.Context) []func() datasource.DataSource {
	return []func() datasource.DataSource{
		NewGroupDataSource,
		NewUserDataSource,
		NewUsersDataSource,
		NewAuthenticationFlowDataSource,
		NewSAMLSPMetadataDataSource,
		NewSAMLIdPMetadataDataSource,
		NewSAMLApplicationDataSource,
		NewApplicationTemplateDataSource,
		NewSCIMUsersDataSource,
		NewSCIMGroupsDataSource,
	}
}

// EphemeralResources: read-only views whose inputs and results stay out of
// plan and state (Terraform 1.10+).
func (p *idaasProvider) EphemeralResources(_ context.Context) []func() ephemeral.EphemeralResource {
	return []func() ephemeral.EphemeralResource{
		NewSCIMUsersEphemeralResource,
		NewSCIMGroupsEphemeralResource,
	}
}

func (p *idaasProvider) Functions(_ context.Context) []func() function.Function {
	return []func() function.Function{
		NewParseSAMLMetadataFunction,
		NewCertificateFingerprintFunction,
	}
}

// ListResources are the list resources for `terraform query`, one per
// resource type, with the resources' type names.
func (p *idaasProvider) ListResources(_ context.Context) []func() list.ListResource {
	return []func() list.ListResource{
		NewGroupListResource,
		NewUserAttributeListResource,
		NewUserListResource,
		NewGroupMembersListResource,
		NewResourceRuleListResource,
		NewSigningCertificateListResource,
		NewSAMLApplicationListResource,
		NewProvisionerListResource,
		NewProvisionerAttributeMappingListResource,
		NewProvisionerSyncListResource,
	}
}
