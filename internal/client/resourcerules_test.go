package client_test

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"reflect"
	"testing"

	"github.com/idaas-terraform/terraform-provider-idaas/internal/client"
	"github.com/idaas-terraform/terraform-provider-idaas/internal/emulator"
	"github.com/idaas-terraform/terraform-provider-idaas/internal/emulator/emutest"
)

// newEmulatorClient serves a fresh emulator and returns it with a client.
func newEmulatorClient(t *testing.T) (*emulator.Emulator, *client.Client) {
	t.Helper()
	emu := emulator.New(emulator.Options{})
	_, c := emutest.Serve(t, emu, client.Config{MaxRetries: -1})
	return emu, c
}

func ptr[T any](v T) *T { return &v }

// The wire shape: method, path and body of each call, and a PUT answered
// with no body.
func TestResourceRuleWire(t *testing.T) {
	type seen struct {
		method, path string
		body         map[string]any
	}
	var got []seen
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/api/web/v1/adminapi/authenticate" {
			_, _ = io.WriteString(w, `{"authToken":"tok"}`)
			return
		}
		var body map[string]any
		data, _ := io.ReadAll(r.Body)
		if len(data) > 0 {
			if err := json.Unmarshal(data, &body); err != nil {
				t.Errorf("%s %s: body is not JSON: %s", r.Method, r.URL.Path, data)
			}
		}
		got = append(got, seen{r.Method, r.URL.Path, body})
		switch {
		case r.Method == http.MethodPost:
			_, _ = io.WriteString(w, `{"id":"r1","name":"n","groups":[{"id":"g2","name":"B"},{"id":"g1","name":"A"}],"lowRiskAuthenticationFlow":{"id":"f1","name":"F","readOnly":true,"loginFlows":[]}}`)
		case r.Method == http.MethodPut, r.Method == http.MethodDelete:
			w.WriteHeader(http.StatusOK)
		case r.URL.Path == "/api/web/v2/resourcerules/r 1" && r.Method == http.MethodGet:
			_, _ = io.WriteString(w, `{"id":"r 1","name":"n"}`)
		default:
			_, _ = io.WriteString(w, `[]`)
		}
	}))
	defer srv.Close()
	c, err := client.New(client.Config{TenantURL: srv.URL, ApplicationID: "a", SharedSecret: "s"})
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	r, err := c.CreateResourceRule(ctx, client.ResourceRuleParms{Name: ptr("n"), ResourceID: "app", GroupIDs: &[]string{"g1", "g2"},
		LowRiskThreshold: ptr(0), Enabled: ptr(false), LowRiskAuthenticationFlow: "f1",
		IpContext: &client.IpContext{AllowedIpRanges: []string{"10.0.0.0/8"}}})
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(r.GroupIDs(), []string{"g2", "g1"}) || r.LowRiskAuthenticationFlow.ID != "f1" {
		t.Errorf("decoded %+v", r)
	}
	if _, err := c.UpdateResourceRule(ctx, "r 1", client.ResourceRuleParms{GroupIDs: &[]string{}, RemoveIPContext: true}); err != nil {
		t.Fatalf("PUT answered with no body: %v", err)
	}
	if err := c.DeleteResourceRule(ctx, "r1"); err != nil {
		t.Fatal(err)
	}
	if _, err := c.ListResourceRulesForResource(ctx, "app"); err != nil {
		t.Fatal(err)
	}
	if _, err := c.ListAuthenticationFlows(ctx); err != nil {
		t.Fatal(err)
	}
	want := []seen{
		{"POST", "/api/web/v2/resourcerules", map[string]any{
			"name": "n", "resourceId": "app", "groupIds": []any{"g1", "g2"}, "lowRiskThreshold": 0.0, "enabled": false,
			"lowRiskAuthenticationFlow": "f1",
			"ipContext":                 map[string]any{"allowedIpRanges": []any{"10.0.0.0/8"}, "denyAccess": false, "riskPoint": 0.0},
		}},
		{"PUT", "/api/web/v2/resourcerules/r 1", map[string]any{"groupIds": []any{}, "removeIPContext": true}},
		{"GET", "/api/web/v2/resourcerules/r 1", nil}, // the update reads the rule back
		{"DELETE", "/api/web/v2/resourcerules/r1", nil},
		{"GET", "/api/web/v2/resourcerules/resource/app", nil},
		{"GET", "/api/web/v2/authenticationflows", nil},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("requests:\n got %#v\nwant %#v", got, want)
	}
}

func TestResourceRulesAgainstEmulator(t *testing.T) {
	emu, c := newEmulatorClient(t)
	ctx := context.Background()
	app := emu.AddApplication("AWS", emulator.TemplateAWSSSO)
	g1, err := c.CreateGroup(ctx, client.GroupParms{Name: "A"})
	if err != nil {
		t.Fatal(err)
	}
	g2, err := c.CreateGroup(ctx, client.GroupParms{Name: "B"})
	if err != nil {
		t.Fatal(err)
	}
	base := func() client.ResourceRuleParms {
		return client.ResourceRuleParms{Name: ptr("rule"), ResourceID: app, GroupIDs: &[]string{g1.ID, g2.ID},
			LowRiskAuthenticationFlow: emulator.FlowPassword, MediumRiskAuthenticationFlow: emulator.FlowPasswordAndOTP,
			HighRiskAuthenticationFlow: emulator.FlowDeny}
	}
	expectErr := func(what string, err error, status int, code string) {
		t.Helper()
		var apiErr *client.APIError
		if !errorsAs(err, &apiErr) || apiErr.StatusCode != status || apiErr.ErrorCode != code {
			t.Errorf("%s: got %v, want HTTP %d %s", what, err, status, code)
		}
	}

	p := base()
	p.ResourceID = "00000000-0000-0000-0000-000000000000"
	_, err = c.CreateResourceRule(ctx, p)
	expectErr("unknown application", err, 404, "APPLICATION_NOT_FOUND")
	p = base()
	p.GroupIDs = &[]string{g1.ID, "nope"}
	_, err = c.CreateResourceRule(ctx, p)
	expectErr("unknown group", err, 400, "GROUP_NOT_FOUND")
	p = base()
	p.HighRiskAuthenticationFlow = "nope"
	_, err = c.CreateResourceRule(ctx, p)
	expectErr("unknown flow", err, 400, "AUTHENTICATION_FLOW_NOT_FOUND")
	p = base()
	p.MediumRiskAuthenticationFlow = ""
	_, err = c.CreateResourceRule(ctx, p)
	expectErr("missing flow", err, 400, "INVALID_PARAMETER")
	p = base()
	p.LowRiskThreshold, p.MediumRiskThreshold = ptr(50), ptr(50)
	_, err = c.CreateResourceRule(ctx, p)
	expectErr("thresholds", err, 400, "INVALID_PARAMETER")

	p = base()
	p.IpContext = &client.IpContext{DeniedIpRanges: []string{"198.51.100.0/24"}, RiskPoint: 40}
	p.LocationContext = &client.LocationContext{Allowed: true, CountryCodes: []string{"DE"}, RiskPoint: 20}
	r, err := c.CreateResourceRule(ctx, p)
	if err != nil {
		t.Fatal(err)
	}
	if !r.Enabled || r.LowRiskThreshold != emulator.DefaultLowRiskThreshold || r.IpContext == nil || r.IpContext.Type != "CUSTOM" ||
		r.LocationContext == nil || r.ResourceName != "AWS" || r.APIVersion != 2 {
		t.Errorf("created %+v", r)
	}
	// Groups come back by name descending, not in the order given.
	if !reflect.DeepEqual(r.GroupIDs(), []string{g2.ID, g1.ID}) {
		t.Errorf("groups %v", r.GroupIDs())
	}
	_, err = c.CreateResourceRule(ctx, base())
	expectErr("same name on the same application", err, 409, "RESOURCE_RULE_ALREADY_EXISTS")

	// A partial PUT changes what it carries and clears flagged contexts.
	if _, err := c.UpdateResourceRule(ctx, r.ID, client.ResourceRuleParms{Enabled: ptr(false), RemoveIPContext: true}); err != nil {
		t.Fatal(err)
	}
	r, err = c.GetResourceRule(ctx, r.ID)
	if err != nil {
		t.Fatal(err)
	}
	if r.Enabled || r.IpContext != nil || r.LocationContext == nil || len(r.Groups) != 2 || r.Name != "rule" {
		t.Errorf("after partial update %+v", r)
	}
	_, err = c.UpdateResourceRule(ctx, r.ID, client.ResourceRuleParms{DateTimeContext: &client.DateTimeContext{StartTime: "8:00", EndTime: "17:00:00"}})
	expectErr("bad time", err, 400, "INVALID_PARAMETER")

	// The flow lists the applications whose rules use it.
	flows, err := c.ListAuthenticationFlows(ctx)
	if err != nil {
		t.Fatal(err)
	}
	var f client.AuthenticationFlow
	for _, fl := range flows {
		if fl.ID == emulator.FlowDeny {
			f = fl
		}
	}
	if len(f.Applications) != 1 || f.Applications[0].ID != app || len(f.Applications[0].ResourceRules) != 1 {
		t.Errorf("flow applications %+v", f.Applications)
	}

	// Deleting groups: a rule keeps its other groups; left with none, it is
	// disabled rather than opened to all users.
	if _, err := c.UpdateResourceRule(ctx, r.ID, client.ResourceRuleParms{Enabled: ptr(true)}); err != nil {
		t.Fatal(err)
	}
	if err := c.DeleteGroup(ctx, g1.ID); err != nil {
		t.Fatal(err)
	}
	if r, _ = c.GetResourceRule(ctx, r.ID); len(r.Groups) != 1 || !r.Enabled {
		t.Errorf("after deleting one group %+v", r)
	}
	if err := c.DeleteGroup(ctx, g2.ID); err != nil {
		t.Fatal(err)
	}
	if r, _ = c.GetResourceRule(ctx, r.ID); len(r.Groups) != 0 || r.Enabled {
		t.Errorf("after deleting the last group %+v", r)
	}

	// Deleting the application deletes its rules.
	emu.DeleteApplication(app)
	_, err = c.GetResourceRule(ctx, r.ID)
	expectErr("rule of a deleted application", err, 404, "RESOURCE_RULE_NOT_FOUND")
	_, err = c.ListResourceRulesForResource(ctx, app)
	expectErr("rules of a deleted application", err, 404, "APPLICATION_NOT_FOUND")
	if all, err := c.ListResourceRules(ctx); err != nil || len(all) != 0 {
		t.Errorf("rules left: %v %v", all, err)
	}
}

func TestAuthenticationFlowsAgainstEmulator(t *testing.T) {
	_, c := newEmulatorClient(t)
	ctx := context.Background()
	fs, err := c.ListAuthenticationFlows(ctx)
	if err != nil || len(fs) != 5 {
		t.Fatalf("flows %v %v", fs, err)
	}
	f, err := c.FindAuthenticationFlowByName(ctx, "Passkey")
	if err != nil || f.ID != emulator.FlowPasskey || !f.ReadOnly {
		t.Errorf("Passkey: %+v %v", f, err)
	}
	if _, err := c.FindAuthenticationFlowByName(ctx, "passkey"); !client.NotFound(err) {
		t.Errorf("names are exact: %v", err)
	}
}

func errorsAs(err error, target **client.APIError) bool { return errors.As(err, target) }
