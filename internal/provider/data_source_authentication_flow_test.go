package provider

import (
	"regexp"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/idaas-terraform/terraform-provider-idaas/internal/emulator"
)

func TestAccAuthenticationFlowDataSource_basic(t *testing.T) {
	env := newTestEnv(t)
	const addr = "data.idaas_authentication_flow.mfa"
	testSteps(t, nil,
		resource.TestStep{
			Config:      env.config(`data "idaas_authentication_flow" "missing" { name = "password" }`),
			ExpectError: regexp.MustCompile(`(?s)No authentication flow named password.*Deny Access, Passkey, Password`),
		},
		resource.TestStep{
			Config: env.config(`data "idaas_authentication_flow" "mfa" { name = "Password and Second Factor" }`),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(addr, tfjsonpath.New("id"), knownvalue.StringExact(emulator.FlowPasswordSecondFactor)),
				statecheck.ExpectKnownValue(addr, tfjsonpath.New("read_only"), knownvalue.Bool(true)),
				statecheck.ExpectKnownValue(addr, tfjsonpath.New("user_login_first_step"), knownvalue.StringExact("PASSWORD")),
				statecheck.ExpectKnownValue(addr, tfjsonpath.New("user_login_second_step"), knownvalue.ListExact([]knownvalue.Check{
					knownvalue.StringExact("TOKENPUSH"), knownvalue.StringExact("FIDO"), knownvalue.StringExact("OTP"),
				})),
				statecheck.ExpectKnownValue(addr, tfjsonpath.New("login_flows").AtSliceIndex(0), knownvalue.ObjectExact(map[string]knownvalue.Check{
					"login_flow_type": knownvalue.StringExact("USER_LOGIN"), "enabled": knownvalue.Bool(true),
				})),
			},
		},
	)
}
