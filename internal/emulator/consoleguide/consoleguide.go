// Package consoleguide builds, in a tenant, what an administrator following
// the AWS IAM Identity Center console guide builds by hand, through the
// admin API only (one call per click): two groups, three users, a custom
// user attribute, a signing certificate, the SAML application from AWS's
// SP metadata, a resource rule, and an aws provisioner with the guide's four
// mappings, enabled and synchronized. It is the starting point of the
// adoption test and of `go run ./tools/demo adopt`: a tenant that Terraform
// has never seen, to be adopted with `terraform query`.
package consoleguide

import (
	"context"
	"fmt"
	"time"

	"github.com/idaas-terraform/terraform-provider-idaas/internal/client"
)

// Names of what Build makes.
const (
	AdminsGroup     = "AWS Administrators"
	DevelopersGroup = "AWS Developers"
	CostCentre      = "Cost Centre"
	Certificate     = "aws-sso"
	Application     = "AWS IAM Identity Center"
	ResourceRule    = "AWS access"
	Provisioner     = "AWS IAM Identity Center"
)

// Mappings are the guide's SCIM attribute mappings (SCIM attribute -> user
// attribute).
var Mappings = map[string]string{
	"displayName":     "User ID",
	"name.givenName":  "First Name",
	"name.familyName": "Last Name",
	"active":          "State",
}

// Person is one of the guide's users.
type Person struct {
	UserID, First, Last, Group, CostCentre string
}

// People are the guide's users.
var People = []Person{
	{"jane@example.com", "Jane", "Doe", AdminsGroup, "CC-1042"},
	{"omar@example.com", "Omar", "Haddad", AdminsGroup, "CC-1042"},
	{"li@example.com", "Li", "Wei", DevelopersGroup, "CC-2077"},
}

// Tenant is what Build made: ids by name.
type Tenant struct {
	Groups        map[string]string // name -> id
	Users         map[string]string // userId -> id
	AttributeID   string
	CertificateID string
	ApplicationID string
	RuleID        string
	ProvisionerID string
}

// Objects is how many objects Build makes (the six default mappings of the
// provisioner included, four of them edited), by resource type.
var Objects = map[string]int{
	"idaas_group": 2, "idaas_user": 3, "idaas_user_attribute": 1, "idaas_signing_certificate": 1,
	"idaas_saml_application": 1, "idaas_resource_rule": 1, "idaas_provisioner": 1, "idaas_provisioner_attribute_mapping": 6, "idaas_provisioner_sync": 1,
}

// Build makes the guide's tenant through c. spMetadataXML is the metadata
// file AWS lets you download; scimEndpoint and scimToken are AWS's automatic
// provisioning endpoint and access token. The provisioner is synchronized
// once, and Build waits for the synchronization to end.
func Build(ctx context.Context, c *client.Client, spMetadataXML, scimEndpoint, scimToken string) (*Tenant, error) {
	t := &Tenant{Groups: map[string]string{}, Users: map[string]string{}}
	// Users > Groups > Add.
	for _, name := range []string{AdminsGroup, DevelopersGroup} {
		g, err := c.CreateGroup(ctx, client.GroupParms{Name: name})
		if err != nil {
			return nil, fmt.Errorf("group %s: %w", name, err)
		}
		t.Groups[name] = g.ID
	}
	// Settings > User attributes > Add.
	attr, err := c.CreateUserAttribute(ctx, client.UserAttributeParms{Name: CostCentre})
	if err != nil {
		return nil, fmt.Errorf("user attribute: %w", err)
	}
	t.AttributeID = attr.ID
	// Users > Add, then the user's Groups tab.
	for _, p := range People {
		first, last, email := p.First, p.Last, p.UserID
		values := []client.UserAttributeValue{{UserAttributeID: attr.ID, Value: p.CostCentre}}
		u, err := c.CreateUser(ctx, client.UserParms{UserID: p.UserID, FirstName: &first, LastName: &last, Email: &email, UserAttributeValues: &values})
		if err != nil {
			return nil, fmt.Errorf("user %s: %w", p.UserID, err)
		}
		if err := c.SetUserGroups(ctx, u.ID, []string{t.Groups[p.Group]}); err != nil {
			return nil, fmt.Errorf("groups of user %s: %w", p.UserID, err)
		}
		t.Users[p.UserID] = u.ID
	}
	// Security > Signing certificates > Generate.
	cert, err := c.CreateSigningCertificate(ctx, client.SigningCertificateParms{Name: Certificate, KeyAlgorithm: "RSA_2048", SubjectCommonName: Certificate, ValidityDays: 365})
	if err != nil {
		return nil, fmt.Errorf("certificate: %w", err)
	}
	t.CertificateID = cert.ID
	// Applications > Add > AWS IAM Identity Center, with AWS's metadata file.
	tmpl, err := c.FindApplicationTemplate(ctx, "AWS IAM Identity Center", client.AuthenticationMethodSAML)
	if err != nil {
		return nil, fmt.Errorf("application template: %w", err)
	}
	app, err := c.CreateSAMLApplication(ctx, client.SAMLApplicationParms{
		Name: Application, Description: "Single sign-on to the AWS access portal", TemplateID: tmpl.ID,
		SPMetadataXML: spMetadataXML, SigningCertificateID: cert.ID, SignAssertion: true, // the console's default
		NameIDFormat: "urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress", NameIDAttribute: "Email",
		SessionDurationSeconds: 8 * 3600,
	})
	if err != nil {
		return nil, fmt.Errorf("SAML application: %w", err)
	}
	t.ApplicationID = app.ID
	// Resource rules > Add: both groups, password and second factor unless
	// the risk is high.
	password, err := c.FindAuthenticationFlowByName(ctx, "Password and Second Factor")
	if err != nil {
		return nil, err
	}
	deny, err := c.FindAuthenticationFlowByName(ctx, "Deny Access")
	if err != nil {
		return nil, err
	}
	name, groups := ResourceRule, []string{t.Groups[AdminsGroup], t.Groups[DevelopersGroup]}
	rule, err := c.CreateResourceRule(ctx, client.ResourceRuleParms{Name: &name, ResourceID: app.ID, GroupIDs: &groups,
		LowRiskAuthenticationFlow: password.ID, MediumRiskAuthenticationFlow: password.ID, HighRiskAuthenticationFlow: deny.ID})
	if err != nil {
		return nil, fmt.Errorf("resource rule: %w", err)
	}
	t.RuleID = rule.ID
	// Provisioning > Add > AWS IAM Identity Center, its mappings, Enable,
	// Synchronize.
	enabled := true
	prov, err := c.CreateProvisioner(ctx, client.ProvisionerParms{Name: Provisioner, Type: "aws", Enabled: &enabled, GroupIDs: &groups,
		SCIMEndpoint: scimEndpoint, BearerToken: scimToken})
	if err != nil {
		return nil, fmt.Errorf("provisioner: %w", err)
	}
	t.ProvisionerID = prov.ID
	for scim, user := range Mappings {
		if _, err := c.UpdateAttributeMapping(ctx, prov.ID, client.AttributeMapping{SCIMAttribute: scim, UserAttribute: user}); err != nil {
			return nil, fmt.Errorf("mapping %s: %w", scim, err)
		}
	}
	op, err := c.SyncProvisioner(ctx, prov.ID)
	if err != nil {
		return nil, fmt.Errorf("synchronize: %w", err)
	}
	for deadline := time.Now().Add(30 * time.Second); !op.Done(); {
		if time.Now().After(deadline) {
			return nil, fmt.Errorf("synchronization %s still running after 30s", op.ID)
		}
		time.Sleep(50 * time.Millisecond)
		if op, err = c.GetProvisioningOperation(ctx, prov.ID, op.ID); err != nil {
			return nil, err
		}
	}
	if op.Status != client.OperationSucceeded {
		return nil, fmt.Errorf("synchronization %s: %s %s", op.ID, op.Status, op.Message)
	}
	return t, nil
}
