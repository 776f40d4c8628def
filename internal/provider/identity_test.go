package provider

import (
	"regexp"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/idaas-terraform/terraform-provider-idaas/internal/emulator"
)

// Resource identity needs Terraform 1.12.
var uuidValue = knownvalue.StringRegexp(regexp.MustCompile(`^[0-9a-f-]{36}$`))

// idIdentityChecks: the identity of addr is {id}, the object's UUID, the
// same as its id attribute.
func idIdentityChecks(addrs ...string) []statecheck.StateCheck {
	var checks []statecheck.StateCheck
	for _, addr := range addrs {
		checks = append(checks,
			statecheck.ExpectIdentity(addr, map[string]knownvalue.Check{"id": uuidValue}),
			statecheck.ExpectIdentityValueMatchesState(addr, tfjsonpath.New("id")))
	}
	return checks
}

// identityImportStep imports addr through an import block that names the
// object by the identity recorded in state, and expects the plan to import
// it with no change, or with action when the configuration holds what the
// tenant never returns (a bearer token, the triggers of a synchronization).
func identityImportStep(addr string, action plancheck.ResourceActionType) resource.TestStep {
	return resource.TestStep{
		ResourceName:       addr,
		ImportState:        true,
		ImportStateKind:    resource.ImportBlockWithResourceIdentity,
		ExpectNonEmptyPlan: action != plancheck.ResourceActionNoop,
		ImportPlanChecks: resource.ImportPlanChecks{PreApply: []plancheck.PlanCheck{
			plancheck.ExpectResourceAction(addr, action),
		}},
	}
}

func TestAccGroup_identity(t *testing.T) {
	env := newTestEnv(t)
	testSteps(t, identityCLI,
		resource.TestStep{
			Config:            testAccGroupConfig_basic(env, "AWS Admins", "ext-1"),
			ConfigStateChecks: idIdentityChecks("idaas_group.test"),
		},
		identityImportStep("idaas_group.test", plancheck.ResourceActionNoop),
	)
}

// A user attribute and a user, each imported by identity.
func TestAccUser_identity(t *testing.T) {
	env := newTestEnv(t)
	testSteps(t, identityCLI,
		resource.TestStep{
			Config:            testAccUserConfig_basic(env, "Jane", "admins", "CC-1"),
			ConfigStateChecks: idIdentityChecks("idaas_user.test", "idaas_user_attribute.cost_centre"),
		},
		identityImportStep("idaas_user.test", plancheck.ResourceActionNoop),
		identityImportStep("idaas_user_attribute.cost_centre", plancheck.ResourceActionNoop),
	)
}

func TestAccUserAttribute_identity(t *testing.T) {
	env := newTestEnv(t)
	testSteps(t, identityCLI,
		resource.TestStep{
			Config:            testAccUserAttributeConfig_basic(env, "Department", true, "NONE"),
			ConfigStateChecks: idIdentityChecks("idaas_user_attribute.test"),
		},
		identityImportStep("idaas_user_attribute.test", plancheck.ResourceActionNoop),
	)
}

// A signing certificate and the SAML application signing with it.
func TestAccSAMLApplication_identity(t *testing.T) {
	env := newTestEnv(t)
	testSteps(t, identityCLI,
		resource.TestStep{
			Config: testAccSAMLAppConfig(env, samlAppV1),
			ConfigStateChecks: append(idIdentityChecks("idaas_saml_application.test"),
				statecheck.ExpectIdentity("idaas_signing_certificate.one", map[string]knownvalue.Check{"id": knownvalue.NotNull()}),
				statecheck.ExpectIdentityValueMatchesState("idaas_signing_certificate.one", tfjsonpath.New("id"))),
		},
		identityImportStep("idaas_saml_application.test", plancheck.ResourceActionNoop),
		identityImportStep("idaas_signing_certificate.one", plancheck.ResourceActionNoop),
	)
}

func TestAccResourceRule_identity(t *testing.T) {
	env := newTestEnv(t)
	app := env.emu.AddApplication("AWS IAM Identity Center", emulator.TemplateAWSSSO)
	testSteps(t, identityCLI,
		resource.TestStep{
			Config:            testAccResourceRuleConfig_basic(env, app),
			ConfigStateChecks: idIdentityChecks(ruleAddr),
		},
		identityImportStep(ruleAddr, plancheck.ResourceActionNoop),
	)
}

// The console guide's provisioner, a mapping ({provisioner_id,
// scim_attribute}) and a synchronization ({provisioner_id, operation_id}).
// The provisioner's bearer token and the synchronization's triggers are
// never returned by the tenant, so their imports plan an update in place,
// never a replacement.
func TestAccProvisioner_identity(t *testing.T) {
	env := newTestEnv(t)
	endpoint, token := env.scimTarget(t)
	const mapping, sync = "idaas_provisioner_attribute_mapping.given_name", "idaas_provisioner_sync.aws"
	testSteps(t, identityCLI,
		resource.TestStep{
			Config: consoleGuideConfig(env, endpoint, token, "AWS IAM Identity Center", true, 1, false),
			ConfigStateChecks: append(idIdentityChecks("idaas_provisioner.aws"),
				statecheck.ExpectIdentity(mapping, map[string]knownvalue.Check{
					"provisioner_id": uuidValue, "scim_attribute": knownvalue.StringExact("name.givenName"),
				}),
				statecheck.ExpectIdentityValueMatchesState(mapping, tfjsonpath.New("provisioner_id")),
				statecheck.ExpectIdentityValueMatchesState(mapping, tfjsonpath.New("scim_attribute")),
				statecheck.ExpectIdentity(sync, map[string]knownvalue.Check{"provisioner_id": uuidValue, "operation_id": knownvalue.NotNull()}),
				statecheck.ExpectIdentityValueMatchesState(sync, tfjsonpath.New("provisioner_id")),
				statecheck.ExpectIdentityValueMatchesStateAtPath(sync, tfjsonpath.New("operation_id"), tfjsonpath.New("id")),
			),
		},
		identityImportStep(mapping, plancheck.ResourceActionNoop),
		identityImportStep(sync, plancheck.ResourceActionUpdate),
		identityImportStep("idaas_provisioner.aws", plancheck.ResourceActionUpdate),
	)
}
