package provider

import (
	"context"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/providerserver"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"

	"github.com/idaas-terraform/terraform-provider-idaas/internal/client"
	"github.com/idaas-terraform/terraform-provider-idaas/internal/emulator"
	"github.com/idaas-terraform/terraform-provider-idaas/internal/samlutil/samltest"
)

func ptr[T any](v T) *T { return &v }

// Every list resource's include_resource result is exactly the state that
// an import of its identity followed by a Read produces, so that
// configuration generated from it plans clean. The tenant is built through
// the admin API only; the provider is driven over its protocol, in process.
func TestListResultsAreWhatImportReads(t *testing.T) {
	env, clock, _ := newClockTestEnv(t)
	ctx := context.Background()
	c := env.client
	g, err := c.CreateGroup(ctx, client.GroupParms{Name: "AWS Admins", ExternalID: ptr("ext-1")})
	if err != nil {
		t.Fatal(err)
	}
	cc, err := c.CreateUserAttribute(ctx, client.UserAttributeParms{Name: "Cost Centre"})
	if err != nil {
		t.Fatal(err)
	}
	u, err := c.CreateUser(ctx, client.UserParms{UserID: "jane@example.com", FirstName: ptr("Jane"), Email: ptr("jane@example.com"),
		UserAttributeValues: &[]client.UserAttributeValue{{UserAttributeID: cc.ID, Value: "CC-1"}}})
	if err == nil {
		err = c.SetUserGroups(ctx, u.ID, []string{g.ID})
	}
	if err == nil {
		_, err = c.CreateUser(ctx, client.UserParms{UserID: "bob"})
	}
	if err != nil {
		t.Fatal(err)
	}
	cert, err := c.CreateSigningCertificate(ctx, client.SigningCertificateParms{Name: "aws", KeyAlgorithm: "RSA_2048", SubjectCommonName: "idp", ValidityDays: 30})
	if err != nil {
		t.Fatal(err)
	}
	md := samltest.AWSSPMetadataExample(awsRegion, awsDirectory, awsACSUUID)
	app, err := c.CreateSAMLApplication(ctx, client.SAMLApplicationParms{Name: "AWS", TemplateID: emulator.TemplateAWSSSO, SPMetadataXML: md,
		SigningCertificateID: cert.ID, SignatureAlgorithm: "rsa-sha256", SignAssertion: true, SessionDurationSeconds: 5400,
		Attributes: []client.SAMLAttribute{{Name: "email", UserAttribute: "Email"}}})
	if err != nil {
		t.Fatal(err)
	}
	_, err = c.CreateResourceRule(ctx, client.ResourceRuleParms{Name: ptr("AWS access"), ResourceID: app.ID, Enabled: ptr(true),
		GroupIDs: &[]string{g.ID}, LowRiskAuthenticationFlow: emulator.FlowPassword, MediumRiskAuthenticationFlow: emulator.FlowPasswordSecondFactor,
		HighRiskAuthenticationFlow: emulator.FlowDeny})
	if err != nil {
		t.Fatal(err)
	}
	consoleProvisioners(t, env, clock)

	srv, ok := providerserver.NewProtocol6(New("test")())().(tfprotov6.ProviderServerWithListResource) //nolint:staticcheck // the framework server still implements list resources through this interface
	if !ok {
		t.Fatal("the provider server does not serve list resources")
	}
	schemas, err := srv.GetProviderSchema(ctx, &tfprotov6.GetProviderSchemaRequest{})
	if err != nil || len(schemas.Diagnostics) > 0 {
		t.Fatal(err, schemas.Diagnostics)
	}
	ids, err := srv.GetResourceIdentitySchemas(ctx, &tfprotov6.GetResourceIdentitySchemasRequest{})
	if err != nil || len(ids.Diagnostics) > 0 {
		t.Fatal(err, ids.Diagnostics)
	}
	dv := func(v tftypes.Value) *tfprotov6.DynamicValue {
		t.Helper()
		d, err := tfprotov6.NewDynamicValue(v.Type(), v)
		if err != nil {
			t.Fatal(err)
		}
		return &d
	}
	pt := schemas.Provider.ValueType()
	pcfg := map[string]tftypes.Value{}
	if err := nullAttributes(pt).As(&pcfg); err != nil {
		t.Fatal(err)
	}
	pcfg["tenant_url"] = tftypes.NewValue(tftypes.String, env.srv.URL)
	pcfg["application_id"] = tftypes.NewValue(tftypes.String, env.emu.ApplicationID())
	pcfg["shared_secret"] = tftypes.NewValue(tftypes.String, env.emu.SharedSecret())
	conf, err := srv.ConfigureProvider(ctx, &tfprotov6.ConfigureProviderRequest{Config: dv(tftypes.NewValue(pt, pcfg))})
	if err != nil || len(conf.Diagnostics) > 0 {
		t.Fatal(err, conf.Diagnostics)
	}

	if len(schemas.ListResourceSchemas) != len(schemas.ResourceSchemas) {
		t.Errorf("%d list resources for %d resources", len(schemas.ListResourceSchemas), len(schemas.ResourceSchemas))
	}
	for typ, ls := range schemas.ListResourceSchemas {
		rt := schemas.ResourceSchemas[typ].ValueType()
		it := ids.IdentitySchemas[typ].ValueType()
		stream, err := srv.ListResource(ctx, &tfprotov6.ListResourceRequest{TypeName: typ, Config: dv(nullAttributes(ls.ValueType())), IncludeResource: true, Limit: 100})
		if err != nil {
			t.Fatal(typ, err)
		}
		n := 0
		for res := range stream.Results {
			if len(res.Diagnostics) > 0 {
				t.Fatalf("%s: %s: %s", typ, res.Diagnostics[0].Summary, res.Diagnostics[0].Detail)
			}
			n++
			listed, err := res.Resource.Unmarshal(rt)
			if err != nil {
				t.Fatal(typ, err)
			}
			identity, err := res.Identity.IdentityData.Unmarshal(it)
			if err != nil {
				t.Fatal(typ, err)
			}
			imp, err := srv.ImportResourceState(ctx, &tfprotov6.ImportResourceStateRequest{TypeName: typ, Identity: &tfprotov6.ResourceIdentityData{IdentityData: dv(identity)}})
			if err != nil || len(imp.Diagnostics) > 0 || len(imp.ImportedResources) != 1 {
				t.Fatalf("%s: import %s: %v %v", typ, res.DisplayName, err, imp.Diagnostics)
			}
			in := imp.ImportedResources[0]
			read, err := srv.ReadResource(ctx, &tfprotov6.ReadResourceRequest{TypeName: typ, CurrentState: in.State, Private: in.Private, CurrentIdentity: in.Identity})
			if err != nil || len(read.Diagnostics) > 0 {
				t.Fatalf("%s: read %s: %v %v", typ, res.DisplayName, err, read.Diagnostics)
			}
			got, err := read.NewState.Unmarshal(rt)
			if err != nil {
				t.Fatal(typ, err)
			}
			if !got.Equal(listed) {
				diffs, _ := got.Diff(listed)
				t.Errorf("%s %q: listed resource differs from what import reads: %v", typ, res.DisplayName, diffs)
			}
		}
		if n == 0 {
			t.Errorf("%s: nothing listed", typ)
		}
	}
}

// queryTest runs steps (`terraform query` needs Terraform 1.14) against the
// provider in process.
func queryTest(t *testing.T, steps ...resource.TestStep) {
	t.Helper()
	testSteps(t, queryCLI, steps...)
}

// Every list resource answers terraform query as the console shows the
// tenant: each case (in its type's list_<name>_test.go) builds a tenant
// through the admin API and gives the query steps with their checks.
func TestAccList_query(t *testing.T) {
	for _, c := range []struct {
		typ   string
		steps func(*testing.T, *testEnv, *testClock) []resource.TestStep
	}{
		{"idaas_group", groupListQuery},
		{"idaas_provisioner_attribute_mapping", provisionerAttributeMappingListQuery},
		{"idaas_provisioner_sync", provisionerSyncListQuery},
		{"idaas_provisioner", provisionerListQuery},
		{"idaas_resource_rule", resourceRuleListQuery},
		{"idaas_saml_application", samlApplicationListQuery},
		{"idaas_signing_certificate", signingCertificateListQuery},
		{"idaas_user_attribute", userAttributeListQuery},
		{"idaas_user", userListQuery},
		{"idaas_group_members", groupMembersListQuery},
	} {
		t.Run(c.typ, func(t *testing.T) {
			env, clock, _ := newClockTestEnv(t)
			queryTest(t, c.steps(t, env, clock)...)
		})
	}
}
