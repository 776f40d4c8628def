package emulator_test

import (
	"context"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/idaas-terraform/terraform-provider-idaas/internal/client"
	"github.com/idaas-terraform/terraform-provider-idaas/internal/emulator"
	"github.com/idaas-terraform/terraform-provider-idaas/internal/emulator/emutest"
	"github.com/idaas-terraform/terraform-provider-idaas/internal/emulator/idp"
	"github.com/idaas-terraform/terraform-provider-idaas/internal/samlutil"
	"github.com/idaas-terraform/terraform-provider-idaas/internal/samlutil/samltest"
)

func TestSAMLApplicationLifecycle(t *testing.T) {
	emu := emulator.New(emulator.Options{})
	srv, c := emutest.Serve(t, emu, client.Config{MaxRetries: -1})
	ctx := context.Background()
	cert, err := c.CreateSigningCertificate(ctx, client.SigningCertificateParms{KeyAlgorithm: "ECDSA_P256", SubjectCommonName: "idp", ValidityDays: 30})
	if err != nil {
		t.Fatal(err)
	}
	if cert.KeyAlgorithm != "ECDSA_P256" || cert.SubjectCommonName != "idp" || !cert.Generated || cert.ValidityDays != 30 {
		t.Fatalf("cert %+v", cert)
	}
	md := samltest.AWSSPMetadataExample("us-east-1", "d-1234567890", "0b5bdc2f-2c6e-4b8e-9d9a-7e3c4c8a1f00")
	p := client.SAMLApplicationParms{Name: "AWS", TemplateID: emulator.TemplateAWSSSO, SPMetadataXML: md, SigningCertificateID: cert.ID, SignatureAlgorithm: "ecdsa-sha256", SignAssertion: true}
	app, err := c.CreateSAMLApplication(ctx, p)
	if err != nil {
		t.Fatal(err)
	}
	if app.SPEntityID != "https://us-east-1.signin.aws.amazon.com/platform/saml/d-1234567890" || !strings.HasSuffix(app.ACSURL, "/acs/0b5bdc2f-2c6e-4b8e-9d9a-7e3c4c8a1f00") ||
		app.SPMetadataXML != md || app.Template != "AWS IAM Identity Center" || app.NameIDAttribute != "Email" || !strings.HasPrefix(app.IdPEntityID, srv.URL) {
		t.Fatalf("app %+v", app)
	}
	infos, err := c.ListApplicationInfo(ctx)
	if err != nil || len(infos) != 1 || infos[0].ID != app.ID || infos[0].AuthenticationMethod != "SAML20" {
		t.Fatalf("applicationinfo %+v %v", infos, err)
	}
	idpMD, err := c.GetIdPMetadata(ctx, app.ID, client.IdPMetadataQuery{LifetimeDays: 30, Domain: "login.example.com"})
	if err != nil {
		t.Fatal(err)
	}
	x509cert, _ := samlutil.ParseCertificatePEM(cert.CertificatePEM)
	ed, err := idp.VerifyIdPMetadata(idpMD.XML, x509cert)
	if err != nil {
		t.Fatal(err)
	}
	if ed.EntityID != idpMD.EntityID || !strings.HasPrefix(idpMD.EntityID, "https://login.example.com/") {
		t.Fatalf("entity %q %q", ed.EntityID, idpMD.EntityID)
	}
	// The public metadata URL needs no token and serves the same signed document.
	resp, err := http.Get(app.IdPMetadataURL)
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("public metadata: HTTP %d %s", resp.StatusCode, body)
	}
	if ed, err := idp.VerifyIdPMetadata(string(body), x509cert); err != nil || ed.EntityID != app.IdPEntityID {
		t.Fatalf("public metadata: %v, %+v", err, ed)
	}
	// The client sends what the API document forbids, on purpose.
	emutest.ExpectViolation(t, srv, "getSAMLIdPMetadata, project-defined")
	for _, days := range []int{1, 731} {
		if _, err := c.GetIdPMetadata(ctx, app.ID, client.IdPMetadataQuery{LifetimeDays: days}); err == nil || !strings.Contains(err.Error(), "lifetimeDays") {
			t.Fatalf("lifetime %d: %v", days, err)
		}
	}
	if err := c.DeleteSigningCertificate(ctx, cert.ID); !client.Conflict(err) {
		t.Fatalf("delete cert in use: %v", err)
	}
	p.SignatureAlgorithm = "rsa-sha256"
	if _, err := c.UpdateSAMLApplication(ctx, app.ID, p); err == nil {
		t.Fatal("rsa-sha256 with an EC key accepted")
	}
	p.SPMetadataXML = strings.Replace(md, "https://us-east-1.signin.aws.amazon.com/platform/saml/acs", "http://evil.example.com/acs", 1)
	p.SignatureAlgorithm = "ecdsa-sha256"
	if _, err := c.UpdateSAMLApplication(ctx, app.ID, p); err == nil || !strings.Contains(err.Error(), "https") {
		t.Fatalf("http ACS: %v", err)
	}
	key, _ := idp.GenerateKey("RSA_2048")
	other, _ := idp.GenerateKey("RSA_2048")
	pemCert, _ := idp.SelfSignedCertificate(key, "up", time.Time{}, 48*time.Hour, nil)
	otherPEM, _ := idp.EncodePrivateKeyPEM(other)
	if _, err := c.CreateSigningCertificate(ctx, client.SigningCertificateParms{CertificatePEM: pemCert, PrivateKeyPEM: otherPEM}); err == nil {
		t.Fatal("mismatched key accepted")
	}
	keyPEM, _ := idp.EncodePrivateKeyPEM(key)
	up, err := c.CreateSigningCertificate(ctx, client.SigningCertificateParms{CertificatePEM: pemCert, PrivateKeyPEM: keyPEM})
	if err != nil || up.Generated || up.KeyAlgorithm != "RSA_2048" {
		t.Fatalf("upload %+v %v", up, err)
	}
	if err := c.DeleteSAMLApplication(ctx, app.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := c.GetSAMLApplication(ctx, app.ID); !client.NotFound(err) {
		t.Fatalf("after delete: %v", err)
	}
	if err := c.DeleteSigningCertificate(ctx, cert.ID); err != nil {
		t.Fatal(err)
	}
}
