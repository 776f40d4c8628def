package emulator_test

import (
	"context"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/idaas-terraform/terraform-provider-idaas/internal/client"
	"github.com/idaas-terraform/terraform-provider-idaas/internal/emulator"
	"github.com/idaas-terraform/terraform-provider-idaas/internal/emulator/consoleguide"
	"github.com/idaas-terraform/terraform-provider-idaas/internal/emulator/emutest"
)

// consoleTenant is the AWS console guide's tenant, its users synchronized
// to the emulator's SCIM server, plus eve, who is in no group the rule
// admits.
func consoleTenant(t *testing.T) (*emulator.Emulator, string) {
	t.Helper()
	emu := emulator.New(emulator.Options{})
	srv, c := emutest.Serve(t, emu, client.Config{MaxRetries: -1})
	tok, err := emu.SCIM().IssueToken(time.Now().AddDate(1, 0, 0))
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	ten, err := consoleguide.Build(ctx, c, consoleguide.AWSSPMetadataXML, emu.ConnectionInfo(srv.URL, tok).SCIMEndpoint, tok)
	if err != nil {
		t.Fatal(err)
	}
	// AWS's attribute for access control by cost centre, from the guide's
	// custom attribute.
	a, err := c.GetSAMLApplication(ctx, ten.ApplicationID)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := c.UpdateSAMLApplication(ctx, a.ID, client.SAMLApplicationParms{Name: a.Name, Description: a.Description,
		SPMetadataXML: a.SPMetadataXML, SPEntityID: a.SPEntityID, ACSURL: a.ACSURL, AdditionalACSURLs: a.AdditionalACSURLs,
		NameIDFormat: a.NameIDFormat, NameIDAttribute: a.NameIDAttribute, SigningCertificateID: a.SigningCertificateID,
		SignAssertion: a.SignAssertion, SignResponse: a.SignResponse, SignatureAlgorithm: a.SignatureAlgorithm,
		SessionDurationSeconds: a.SessionDurationSeconds,
		Attributes:             []client.SAMLAttribute{{Name: "https://aws.amazon.com/SAML/Attributes/AccessControl:CostCenter", NameFormat: "uri", UserAttribute: consoleguide.CostCentre}},
	}); err != nil {
		t.Fatal(err)
	}
	email, first, last := "eve@example.com", "Eve", "Outsider"
	if _, err := c.CreateUser(ctx, client.UserParms{UserID: email, Email: &email, FirstName: &first, LastName: &last}); err != nil {
		t.Fatal(err)
	}
	return emu, srv.URL
}

// The console lists what the tenant holds, with a sign-in link per user
// the application's rule admits and a "try" link for the others (plain
// HTTP, no browser).
func TestConsolePage(t *testing.T) {
	_, base := consoleTenant(t)
	resp, err := http.Get(base + "/_emulator/")
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	page := string(body)
	if resp.StatusCode != http.StatusOK || !strings.HasPrefix(resp.Header.Get("Content-Type"), "text/html") {
		t.Fatalf("GET /_emulator/: %d %s", resp.StatusCode, resp.Header.Get("Content-Type"))
	}
	for _, want := range []string{
		"AWS Administrators", "AWS Developers", // groups
		"jane@example.com", "Omar Haddad", // users
		`class="signin" href="/_emulator/signin?acs=stand-in&amp;application=`, `data-user="jane@example.com">jane@example.com</a>`, // sign in as
		"eve@example.com: <span class=\"bad\">User eve@example.com is not allowed to sign in", // refused, with the reason
		"RSA_2048", "days left", // certificates
		"SUCCEEDED", "<td>3</td>", // the provisioner's operation: 3 users created
		"The SCIM server (AWS IAM Identity Center stand-in)", // what reached "AWS"
	} {
		if !strings.Contains(page, want) {
			t.Errorf("the console lacks %q", want)
		}
	}
	if strings.Contains(page, `data-user="eve@example.com">eve@example.com</a>`) {
		t.Error("the console offers eve a sign-in link although no rule admits her")
	}
}

// chromium finds the browser for the browser tests, or skips saying how to
// get it.
func chromium(t *testing.T) string {
	t.Helper()
	if p := os.Getenv("CHROMIUM"); p != "" {
		return p
	}
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	if _, err := os.Stat("/usr/bin/chromium"); err == nil {
		return "/usr/bin/chromium"
	}
	t.Skip("Chromium is not installed: the browser test of the console needs it (Debian: apt-get install chromium; or set CHROMIUM to a Chrome/Chromium binary). .ci/run installs it.")
	return ""
}

// browser is a headless Chromium for one test, with no network beyond
// what the test opens, and a fresh profile.
func browser(t *testing.T) context.Context {
	t.Helper()
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(chromium(t)),
		chromedp.Headless, chromedp.NoSandbox, chromedp.DisableGPU, chromedp.NoFirstRun,
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.UserDataDir(t.TempDir()),
		chromedp.WindowSize(1280, 1000),
	)
	actx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancelCtx := chromedp.NewContext(actx)
	ctx, cancelTimeout := context.WithTimeout(ctx, 90*time.Second)
	t.Cleanup(func() { cancelTimeout(); cancelCtx(); cancelAlloc() })
	return ctx
}

// In a real browser: the console opens; following "sign in as" Jane runs
// the IdP-initiated sign-in, whose form posts itself to the AWS stand-in,
// which shows Jane's NameID, her attributes and the session's end; eve,
// outside the rule's groups, gets the refusal page. It writes a screenshot
// of the console to the test's output (and, with
// IDAAS_UPDATE_SCREENSHOT=1, to docs/images/console.png, which the README
// shows).
func TestConsoleInBrowser(t *testing.T) {
	ctx := browser(t)
	_, base := consoleTenant(t)

	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	text := func(sel chromedp.ID) string {
		t.Helper()
		v, err := chromedp.Run(ctx, chromedp.Text(sel))
		must(err)
		return v
	}
	must(chromedp.Do(ctx, chromedp.Navigate(base+"/_emulator/"), chromedp.WaitVisible(chromedp.ID("applications"))))
	title, err := chromedp.Run(ctx, chromedp.Title())
	must(err)
	if title != "Tenant emulator: console" {
		t.Errorf("console title %q", title)
	}
	shot, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
	must(err)
	png := filepath.Join(t.TempDir(), "console.png")
	if os.Getenv("IDAAS_UPDATE_SCREENSHOT") == "1" {
		png = filepath.Join("..", "..", "docs", "images", "console.png")
		if err := os.MkdirAll(filepath.Dir(png), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.WriteFile(png, shot, 0o644); err != nil {
		t.Fatal(err)
	}
	t.Logf("console screenshot: %s (%d bytes)", png, len(shot))

	// Sign in as Jane: click the link; the IdP's page posts itself to the
	// stand-in's ACS, which shows what it accepted.
	must(chromedp.Do(ctx, chromedp.Click(chromedp.CSS(`a.signin[data-user="jane@example.com"]`)), chromedp.WaitVisible(chromedp.ID("nameid"))))
	heading, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS("h1")))
	must(err)
	location, err := chromedp.Run(ctx, chromedp.Location())
	must(err)
	nameID, format, sessionEnd, attrs := text("nameid"), text("nameid-format"), text("session-end"), text("attributes")
	if os.Getenv("IDAAS_UPDATE_SCREENSHOT") == "1" {
		shot, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
		must(err)
		must(os.WriteFile(filepath.Join("..", "..", "docs", "images", "console-signed-in.png"), shot, 0o644))
	}
	if nameID != "jane@example.com" || format != "urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress" {
		t.Errorf("the stand-in shows NameID %q (%q), want Jane's e-mail address", nameID, format)
	}
	if heading != "Signed in to AWS IAM Identity Center" || !strings.Contains(location, "/_emulator/sp/") {
		t.Errorf("after the sign-in the browser is at %s showing %q", location, heading)
	}
	if end, err := time.Parse("2006-01-02 15:04:05 UTC", sessionEnd); err != nil || end.Before(time.Now().Add(7*time.Hour)) {
		t.Errorf("session end %q, want about 8 hours from now (the application's session duration)", sessionEnd)
	}
	if !strings.Contains(attrs, "https://aws.amazon.com/SAML/Attributes/AccessControl:CostCenter") || !strings.Contains(attrs, "CC-1042") {
		t.Errorf("attributes %q, want Jane's cost centre CC-1042", attrs)
	}

	// Eve, outside the rule's groups: the console's "try" link gets the
	// refusal page, and no assertion.
	must(chromedp.Do(ctx,
		chromedp.Navigate(base+"/_emulator/"),
		chromedp.WaitVisible(chromedp.ID("applications")),
		chromedp.Click(chromedp.CSS(`a.try[data-user="eve@example.com"]`)),
		chromedp.WaitVisible(chromedp.ID("error")),
	))
	refusal := text("error")
	forms, err := chromedp.Run(ctx, chromedp.Evaluate[int](`document.forms.length`))
	must(err)
	if title, err = chromedp.Run(ctx, chromedp.Title()); err != nil {
		t.Fatal(err)
	}
	if title != "Sign-in refused" || forms != 0 || !strings.Contains(refusal, "eve@example.com is not allowed to sign in") {
		t.Errorf("eve's sign-in: page %q with %d forms: %q", title, forms, refusal)
	}
}
