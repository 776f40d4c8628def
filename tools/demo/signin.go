package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"net/url"
	"os"
	"strings"
	"time"

	"github.com/idaas-terraform/terraform-provider-idaas/internal/client"
	"github.com/idaas-terraform/terraform-provider-idaas/internal/emulator"
	"github.com/idaas-terraform/terraform-provider-idaas/internal/emulator/serviceprovider"
	"github.com/idaas-terraform/terraform-provider-idaas/internal/scim"
)

// The sign-in part of the demo: a user signs in to a stand-in for the SAML
// service provider (AWS IAM Identity Center in examples/aws-sso), built
// from the application's SP metadata and the tenant's IdP metadata with
// crewjam/saml's ServiceProvider, which accepts the assertion only if it is
// what AWS would accept. The NameID must be the userName the provisioner
// sent to the SCIM server, or the user could not sign in to AWS. A user in
// none of the resource rule's groups is refused.

// signInOptions say who signs in to which application.
type signInOptions struct {
	app      string // application name or id; empty: the only SAML application
	user     string // userId of the user who signs in
	outsider string // userId of a user the rule must refuse; empty: a temporary one
}

// signInSubcommand runs `go run ./tools/demo signin ...` and exits, when
// those are the arguments.
func signInSubcommand() {
	if len(os.Args) < 2 || os.Args[1] != "signin" {
		return
	}
	if err := signInCommand(os.Args[2:]); errors.Is(err, flag.ErrHelp) {
		os.Exit(2)
	} else if err != nil {
		fmt.Fprintln(os.Stderr, "\nsign-in FAILED:", err)
		os.Exit(1)
	}
	fmt.Println("\nsign-in demo finished: accepted by the service provider, NameID = SCIM userName, outsider refused.")
	os.Exit(0)
}

// signInCommand is `go run ./tools/demo signin`: the sign-in alone, against
// an emulator and whatever configuration was applied to it.
func signInCommand(args []string) error {
	fs := flag.NewFlagSet("signin", flag.ContinueOnError)
	conn := fs.String("connection", "", "file holding the emulator's first output line (its connection JSON); "+
		"default: IDAAS_TENANT_URL, IDAAS_APPLICATION_ID, IDAAS_SHARED_SECRET, TF_VAR_scim_endpoint and TF_VAR_scim_token")
	var o signInOptions
	fs.StringVar(&o.app, "app", "", "SAML application name or id (default: the only one)")
	fs.StringVar(&o.user, "user", "jane@example.com", "userId of the user who signs in")
	fs.StringVar(&o.outsider, "outsider", "", "userId of a user outside the resource rule's groups (default: a temporary user in no group)")
	fs.Usage = func() {
		fmt.Fprintln(fs.Output(), "usage: go run ./tools/demo signin [flags]\n\nSigns a user in to the SAML application applied to a running emulator (go run ./tools/emulator).")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return err
	}
	c := emulator.ConnectionInfo{
		TenantURL: os.Getenv("IDAAS_TENANT_URL"), ApplicationID: os.Getenv("IDAAS_APPLICATION_ID"), SharedSecret: os.Getenv("IDAAS_SHARED_SECRET"),
		SCIMEndpoint: os.Getenv("TF_VAR_scim_endpoint"), SCIMToken: os.Getenv("TF_VAR_scim_token"),
	}
	if *conn != "" {
		raw, err := os.ReadFile(*conn)
		if err != nil {
			return err
		}
		first, _, _ := strings.Cut(string(raw), "\n")
		if err := json.Unmarshal([]byte(first), &c); err != nil {
			return fmt.Errorf("%s: not the emulator's connection JSON: %w", *conn, err)
		}
	}
	if c.TenantURL == "" || c.ApplicationID == "" || c.SharedSecret == "" {
		return errors.New("no emulator to sign in to: pass -connection FILE or set IDAAS_TENANT_URL, IDAAS_APPLICATION_ID and IDAAS_SHARED_SECRET")
	}
	return signIn(c, o)
}

// signIn signs o.user in, checks the NameID against SCIM, and checks that
// an outsider is refused.
func signIn(conn emulator.ConnectionInfo, o signInOptions) error {
	ctx := context.Background()
	c, err := client.New(client.Config{TenantURL: conn.TenantURL, ApplicationID: conn.ApplicationID, SharedSecret: conn.SharedSecret})
	if err != nil {
		return err
	}
	app, err := findSAMLApplication(ctx, c, o.app)
	if err != nil {
		return err
	}
	idp, err := c.GetIdPMetadata(ctx, app.ID, client.IdPMetadataQuery{})
	if err != nil {
		return fmt.Errorf("IdP metadata of %s: %w", app.Name, err)
	}
	var sp *serviceprovider.SP
	if app.SPMetadataXML != "" {
		sp, err = serviceprovider.New(app.SPMetadataXML, idp.XML)
	} else {
		sp, err = serviceprovider.FromEntity(app.SPEntityID, app.ACSURL, idp.XML)
	}
	if err != nil {
		return err
	}
	signInURL := func(user string) string {
		return conn.TenantURL + "/_emulator/signin?" + url.Values{"application": {app.ID}, "user": {user}}.Encode()
	}

	step("%s signs in to %q: a stand-in for the service provider (%s), built from its SP metadata with crewjam/saml's ServiceProvider", o.user, app.Name, app.SPEntityID)
	fmt.Printf("IdP-initiated, as from the user portal: GET %s\n", strings.Replace(signInURL(o.user), conn.TenantURL, "<tenant>", 1))
	r, err := sp.IdPInitiated(signInURL(o.user))
	if err != nil {
		return fmt.Errorf("%s could not sign in: %w", o.user, err)
	}
	fmt.Printf("the service provider accepted the response posted to %s (signature, issuer, audience, recipient, destination, validity)\n", r.ACS)
	fmt.Printf("  NameID       %s (%s)\n", r.NameID, r.NameIDFormat)
	if len(r.AttributeNames) == 0 {
		fmt.Println("  attributes   none")
	}
	for _, n := range r.AttributeNames {
		fmt.Printf("  attribute    %s = %s\n", n, strings.Join(r.Attributes[n], ", "))
	}
	if r.RelayState != "" {
		fmt.Printf("  RelayState   %s\n", r.RelayState)
	}
	if end := r.SessionNotOnOrAfter(); end != nil {
		fmt.Printf("  session ends %s (in %s)\n", end.UTC().Format(time.RFC3339), time.Until(*end).Round(time.Minute))
	}
	if _, err := sp.Redirect("", o.user); err != nil {
		return fmt.Errorf("SP-initiated sign-in of %s: %w", o.user, err)
	}
	fmt.Printf("SP-initiated, as from the service provider's sign-in page (AuthnRequest to %s, HTTP-Redirect): accepted, InResponseTo matches\n", app.IdPSSOURL)

	if err := checkSCIMUserName(ctx, c, conn, o.user, r.NameID); err != nil {
		return err
	}

	step("A user in none of the resource rule's groups tries to sign in")
	outsider := o.outsider
	if outsider == "" {
		outsider = fmt.Sprintf("outsider-%d@example.com", time.Now().Unix())
		u, err := c.CreateUser(ctx, client.UserParms{UserID: outsider, Email: &outsider})
		if err != nil {
			return fmt.Errorf("creating %s: %w", outsider, err)
		}
		fmt.Printf("(created %s in no group through the admin API; deleted afterwards)\n", outsider)
		defer func() { _ = c.DeleteUser(ctx, u.ID) }()
	}
	_, err = sp.IdPInitiated(signInURL(outsider))
	var refused *serviceprovider.RefusedError
	if !errors.As(err, &refused) {
		return fmt.Errorf("%s was not refused: %v", outsider, err)
	}
	fmt.Printf("refused, no assertion: HTTP %d %q\n", refused.Status, refused.Message)
	return nil
}

// checkSCIMUserName finds the user in the SCIM server by the externalId
// the provisioner sent (the tenant's user UUID) and checks that its
// userName is the NameID.
func checkSCIMUserName(ctx context.Context, c *client.Client, conn emulator.ConnectionInfo, userID, nameID string) error {
	if conn.SCIMEndpoint == "" {
		fmt.Println("(no SCIM endpoint given: NameID not compared with the provisioned userName)")
		return nil
	}
	u, err := c.GetUserByUserID(ctx, userID)
	if err != nil {
		return err
	}
	sc, err := scim.New(scim.Config{Endpoint: conn.SCIMEndpoint, Token: conn.SCIMToken, AWSMode: true})
	if err != nil {
		return err
	}
	users, err := sc.ListUsers(ctx, "")
	if err != nil {
		return fmt.Errorf("reading the SCIM server: %w", err)
	}
	for _, su := range users {
		if su.ExternalID != u.ID {
			continue
		}
		if su.UserName != nameID {
			return fmt.Errorf("NameID %q differs from the SCIM userName %q the provisioner sent: the user is provisioned but cannot sign in", nameID, su.UserName)
		}
		fmt.Printf("NameID %q = userName the provisioner sent to the SCIM server (externalId %s): the service provider finds its user\n", nameID, u.ID)
		return nil
	}
	return fmt.Errorf("%s (externalId %s) is not in the SCIM server: synchronize the provisioner", userID, u.ID)
}

// findSAMLApplication is the SAML application named or with id ref, or the
// only one when ref is empty.
func findSAMLApplication(ctx context.Context, c *client.Client, ref string) (*client.SAMLApplication, error) {
	infos, err := c.ListApplicationInfo(ctx)
	if err != nil {
		return nil, err
	}
	var names []string
	var match []client.ApplicationInfo
	for _, a := range infos {
		if a.AuthenticationMethod != client.AuthenticationMethodSAML {
			continue
		}
		names = append(names, fmt.Sprintf("%q (%s)", a.Name, a.ID))
		if ref == "" || a.ID == ref || a.Name == ref {
			match = append(match, a)
		}
	}
	switch {
	case len(match) == 1:
		return c.GetSAMLApplication(ctx, match[0].ID)
	case len(names) == 0:
		return nil, errors.New("the tenant has no SAML application: apply examples/aws-sso first")
	case ref == "":
		return nil, fmt.Errorf("the tenant has several SAML applications, choose one with -app: %s", strings.Join(names, ", "))
	}
	return nil, fmt.Errorf("no SAML application %q; there are %s", ref, strings.Join(names, ", "))
}
