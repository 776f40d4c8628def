package emulator

import (
	"crypto"
	"crypto/sha256"
	"crypto/x509"
	"encoding/hex"
	"errors"
	"fmt"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/google/uuid"

	"github.com/idaas-terraform/terraform-provider-idaas/internal/emulator/idp"
	"github.com/idaas-terraform/terraform-provider-idaas/internal/samlutil"
)

// Signing certificates and SAML applications (project-defined endpoints,
// documented in package client). Keys and certificates are real: generated
// with samlutil, and IdP metadata is signed with them.

type signingCert struct {
	ID                string `json:"id"`
	Name              string `json:"name,omitempty"`
	Generated         bool   `json:"generated"`
	KeyAlgorithm      string `json:"keyAlgorithm"`
	SubjectCommonName string `json:"subjectCommonName"`
	ValidityDays      int    `json:"validityDays,omitempty"`
	CertificatePEM    string `json:"certificatePem"`
	SerialNumber      string `json:"serialNumber"`
	NotBefore         string `json:"notBefore"`
	NotAfter          string `json:"notAfter"`
	SHA1Fingerprint   string `json:"sha1Fingerprint"`
	SHA256Fingerprint string `json:"sha256Fingerprint"`
	Created           string `json:"created"`

	cert *x509.Certificate
	key  crypto.Signer
}

type certParms struct {
	Name              string `json:"name"`
	KeyAlgorithm      string `json:"keyAlgorithm"`
	SubjectCommonName string `json:"subjectCommonName"`
	ValidityDays      int    `json:"validityDays"`
	CertificatePEM    string `json:"certificatePem"`
	PrivateKeyPEM     string `json:"privateKeyPem"`
}

type samlAttribute struct {
	Name          string `json:"name"`
	NameFormat    string `json:"nameFormat,omitempty"`
	UserAttribute string `json:"userAttribute,omitempty"`
	Value         string `json:"value,omitempty"`
}

// samlConfig is the SAML part of an application, kept in application.detail.
type samlConfig struct {
	SPMetadataXML          string          `json:"spMetadataXml"`
	SPEntityID             string          `json:"spEntityId"`
	ACSURL                 string          `json:"acsUrl"`
	AdditionalACSURLs      []string        `json:"additionalAcsUrls"`
	NameIDFormat           string          `json:"nameIdFormat"`
	NameIDAttribute        string          `json:"nameIdAttribute"`
	SigningCertificateID   string          `json:"signingCertificateId"`
	SignAssertion          bool            `json:"signAssertion"`
	SignResponse           bool            `json:"signResponse"`
	SignatureAlgorithm     string          `json:"signatureAlgorithm"`
	PortalURL              string          `json:"portalUrl"`
	RelayState             string          `json:"relayState"`
	SessionDurationSeconds int64           `json:"sessionDurationSeconds"`
	Attributes             []samlAttribute `json:"attributes"`
}

type samlAppParms struct {
	Name        string `json:"name"`
	Description string `json:"description"`
	TemplateID  string `json:"templateId"`
	samlConfig
}

type samlAppOut struct {
	ID          string `json:"id"`
	Name        string `json:"name"`
	Description string `json:"description,omitempty"`
	TemplateID  string `json:"templateId"`
	Template    string `json:"template"`
	samlConfig
	IdPEntityID    string `json:"idpEntityId"`
	IdPSSOURL      string `json:"idpSsoUrl"`
	IdPMetadataURL string `json:"idpMetadataUrl"`
}

// nameIDFormats and signatureAlgorithms are the emulator's own copies of the
// published API's enums, written from the spec on purpose rather than taken
// from package client, so that the emulator checks the provider's lists
// independently.
var nameIDFormats = []string{
	"urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress",
	"urn:oasis:names:tc:SAML:1.1:nameid-format:unspecified",
	"urn:oasis:names:tc:SAML:2.0:nameid-format:persistent",
	"urn:oasis:names:tc:SAML:2.0:nameid-format:transient",
	"urn:oasis:names:tc:SAML:1.1:nameid-format:X509SubjectName",
}

var signatureAlgorithms = []string{"rsa-sha1", "rsa-sha256", "rsa-sha384", "rsa-sha512", "ecdsa-sha256", "ecdsa-sha384", "ecdsa-sha512"}

var nameFormats = []string{"", "basic", "uri", "unspecified"}

func (e *Emulator) samlRoutes() {
	e.handle("GET /api/web/v1/signingcertificates", e.listCerts)
	e.handle("POST /api/web/v1/signingcertificates", e.idempotent(e.createCert))
	e.handle("GET /api/web/v1/signingcertificates/{id}", e.getCert)
	e.handle("DELETE /api/web/v1/signingcertificates/{id}", e.deleteCert)
	e.handle("POST /api/web/v1/applications/saml", e.idempotent(e.createSAMLApp))
	e.handle("GET /api/web/v1/applications/saml/{id}", e.getSAMLApp)
	e.handle("PUT /api/web/v1/applications/saml/{id}", e.updateSAMLApp)
	e.handle("DELETE /api/web/v1/applications/saml/{id}", e.deleteSAMLApp)
	e.handle("GET /api/web/v1/applications/saml/{id}/idpmetadata", e.samlIdPMetadata)
	// Public, as a service provider would fetch it.
	e.mux.HandleFunc("GET /api/saml/v2/applications/{id}/metadata", e.publicIdPMetadata)
}

func (e *Emulator) listCerts(w http.ResponseWriter, _ *http.Request) {
	e.mu.Lock()
	out := make([]signingCert, 0, len(e.certOrder))
	for _, id := range e.certOrder {
		out = append(out, *e.certs[id])
	}
	e.mu.Unlock()
	writeJSON(w, http.StatusOK, out)
}

func (e *Emulator) createCert(w http.ResponseWriter, r *http.Request) {
	var p certParms
	if !decodeBody(w, r, &p) {
		return
	}
	c := &signingCert{ID: uuid.NewString(), Name: p.Name, Created: e.now()}
	upload := p.CertificatePEM != "" || p.PrivateKeyPEM != ""
	switch {
	case upload && (p.KeyAlgorithm != "" || p.ValidityDays != 0 || p.SubjectCommonName != ""):
		writeError(w, http.StatusBadRequest, "INVALID_PARAMETER", "Either upload a certificate (certificatePem, privateKeyPem) or generate one (keyAlgorithm, subjectCommonName, validityDays), not both.")
		return
	case upload:
		cert, err := samlutil.ParseCertificatePEM(p.CertificatePEM)
		if err != nil {
			writeError(w, http.StatusBadRequest, "INVALID_PARAMETER", "certificatePem: "+err.Error(), "certificatePem")
			return
		}
		key, err := samlutil.ParsePrivateKeyPEM(p.PrivateKeyPEM)
		if err != nil {
			writeError(w, http.StatusBadRequest, "INVALID_PARAMETER", "privateKeyPem: "+err.Error(), "privateKeyPem")
			return
		}
		if err := samlutil.KeyMatchesCertificate(key, cert); err != nil {
			writeError(w, http.StatusBadRequest, "INVALID_PARAMETER", "privateKeyPem: "+err.Error(), "privateKeyPem")
			return
		}
		if !e.opts.Now().Before(cert.NotAfter) {
			writeError(w, http.StatusBadRequest, "CERTIFICATE_EXPIRED", "The certificate expired on "+cert.NotAfter.UTC().Format(time.RFC3339)+".", "certificatePem")
			return
		}
		c.cert, c.key = cert, key
	default:
		if p.KeyAlgorithm == "" {
			p.KeyAlgorithm = samlutil.KeyRSA2048
		}
		if p.ValidityDays == 0 {
			p.ValidityDays = 365
		}
		if p.ValidityDays < 1 || p.ValidityDays > 3650 {
			writeError(w, http.StatusBadRequest, "INVALID_PARAMETER", "validityDays must be between 1 and 3650.", "validityDays")
			return
		}
		if p.SubjectCommonName == "" {
			p.SubjectCommonName = r.Host
		}
		key, err := idp.GenerateKey(p.KeyAlgorithm)
		if err != nil {
			writeError(w, http.StatusBadRequest, "INVALID_PARAMETER", err.Error(), "keyAlgorithm")
			return
		}
		certPEM, err := idp.SelfSignedCertificate(key, p.SubjectCommonName, e.opts.Now(), time.Duration(p.ValidityDays)*24*time.Hour, nil)
		if err != nil {
			writeError(w, http.StatusInternalServerError, "INTERNAL_ERROR", err.Error())
			return
		}
		cert, _ := samlutil.ParseCertificatePEM(certPEM)
		c.cert, c.key, c.Generated, c.ValidityDays = cert, key, true, p.ValidityDays
	}
	c.KeyAlgorithm = samlutil.KeyAlgorithmOf(c.cert)
	c.SubjectCommonName = c.cert.Subject.CommonName
	c.CertificatePEM = idp.EncodeCertificatePEM(c.cert)
	c.SerialNumber = c.cert.SerialNumber.Text(16)
	c.NotBefore = c.cert.NotBefore.UTC().Format(time.RFC3339)
	c.NotAfter = c.cert.NotAfter.UTC().Format(time.RFC3339)
	c.SHA1Fingerprint, _ = samlutil.Fingerprint(c.cert, "sha1")
	c.SHA256Fingerprint, _ = samlutil.Fingerprint(c.cert, "sha256")
	e.mu.Lock()
	e.certs[c.ID] = c
	e.certOrder = append(e.certOrder, c.ID)
	e.mu.Unlock()
	writeJSON(w, http.StatusOK, c)
}

func certNotFound(w http.ResponseWriter, id string) {
	writeError(w, http.StatusNotFound, "CERTIFICATE_NOT_FOUND", "Signing certificate "+id+" not found.")
}

func (e *Emulator) getCert(w http.ResponseWriter, r *http.Request) {
	id := r.PathValue("id")
	writeCopy(e, w, func() *signingCert { return e.certs[id] }, func() { certNotFound(w, id) })
}

func (e *Emulator) deleteCert(w http.ResponseWriter, r *http.Request) {
	id := r.PathValue("id")
	e.mu.Lock()
	defer e.mu.Unlock()
	if _, ok := e.certs[id]; !ok {
		certNotFound(w, id)
		return
	}
	for _, aid := range e.appOrder {
		if sc, ok := e.apps[aid].detail.(*samlConfig); ok && sc.SigningCertificateID == id {
			writeError(w, http.StatusConflict, "CERTIFICATE_IN_USE",
				fmt.Sprintf("Signing certificate %s is used by SAML application %q (%s); point the application at another certificate first.", id, e.apps[aid].Name, aid), aid)
			return
		}
	}
	delete(e.certs, id)
	e.certOrder = removeID(e.certOrder, id)
	w.WriteHeader(http.StatusOK)
}

// baseURL is the tenant URL as the client reached it.
func baseURL(r *http.Request) string {
	scheme := "https"
	if r.TLS == nil {
		scheme = "http"
	}
	return scheme + "://" + r.Host
}

func idpEntityID(base, appID string) string { return base + "/api/saml/v2/applications/" + appID }

func (e *Emulator) samlAppOutLocked(a *application, base string) samlAppOut {
	t, _ := templateByID(a.TemplateID)
	sc := *samlOf(a)
	sc.AdditionalACSURLs = append([]string{}, sc.AdditionalACSURLs...) // [] rather than null, as documented
	sc.Attributes = append([]samlAttribute{}, sc.Attributes...)
	entity := idpEntityID(base, a.ID)
	return samlAppOut{ID: a.ID, Name: a.Name, Description: a.Description, TemplateID: a.TemplateID, Template: t.Name, samlConfig: sc,
		IdPEntityID: entity, IdPSSOURL: entity + "/sso", IdPMetadataURL: entity + "/metadata"}
}

// checkSAMLLocked validates and normalises a create or modify body; it
// answers 400 itself and returns false when the body is wrong.
func (e *Emulator) checkSAMLLocked(w http.ResponseWriter, p *samlAppParms) bool {
	bad := func(param, msg string) bool {
		writeError(w, http.StatusBadRequest, "INVALID_PARAMETER", msg, param)
		return false
	}
	if strings.TrimSpace(p.Name) == "" {
		return bad("name", "The application name is required.")
	}
	if p.SPMetadataXML != "" {
		md, err := samlutil.ParseSPMetadata(p.SPMetadataXML)
		if err != nil {
			return bad("spMetadataXml", "spMetadataXml: "+err.Error())
		}
		p.SPEntityID = md.EntityID
		p.ACSURL, p.AdditionalACSURLs = "", nil
		def := samlutil.DefaultACS(md.ACS)
		for i, a := range md.ACS {
			if i == def {
				p.ACSURL = a.URL
			} else {
				p.AdditionalACSURLs = append(p.AdditionalACSURLs, a.URL)
			}
		}
	}
	if p.SPEntityID == "" {
		return bad("spEntityId", "spEntityId (or spMetadataXml) is required.")
	}
	for _, u := range append([]string{p.ACSURL}, p.AdditionalACSURLs...) {
		if err := samlutil.ValidateACSURL(u); err != nil {
			return bad("acsUrl", err.Error())
		}
	}
	if p.NameIDFormat == "" {
		p.NameIDFormat = nameIDFormats[0]
	}
	if !slices.Contains(nameIDFormats, p.NameIDFormat) {
		return bad("nameIdFormat", "nameIdFormat must be one of "+strings.Join(nameIDFormats, ", ")+".")
	}
	if p.NameIDAttribute == "" {
		p.NameIDAttribute = "Email"
	}
	c, ok := e.certs[p.SigningCertificateID]
	if !ok {
		return bad("signingCertificateId", "Signing certificate "+strconv.Quote(p.SigningCertificateID)+" does not exist.")
	}
	if p.SignatureAlgorithm == "" {
		p.SignatureAlgorithm = samlutil.DefaultSignatureAlgorithm(c.KeyAlgorithm)
	}
	if !slices.Contains(signatureAlgorithms, p.SignatureAlgorithm) {
		return bad("signatureAlgorithm", "signatureAlgorithm must be one of "+strings.Join(signatureAlgorithms, ", ")+".")
	}
	if isEC := strings.HasPrefix(c.KeyAlgorithm, "ECDSA"); isEC != strings.HasPrefix(p.SignatureAlgorithm, "ecdsa") {
		return bad("signatureAlgorithm", "signatureAlgorithm "+p.SignatureAlgorithm+" does not fit the "+c.KeyAlgorithm+" key of signing certificate "+c.ID+".")
	}
	if p.SessionDurationSeconds < 0 {
		return bad("sessionDurationSeconds", "sessionDurationSeconds must not be negative.")
	}
	for _, a := range p.Attributes {
		if a.Name == "" {
			return bad("attributes", "Every attribute needs a name.")
		}
		if !slices.Contains(nameFormats, a.NameFormat) {
			return bad("attributes", "Attribute nameFormat must be basic, uri or unspecified.")
		}
		if (a.UserAttribute == "") == (a.Value == "") {
			return bad("attributes", "Attribute "+a.Name+" needs exactly one of userAttribute and value.")
		}
	}
	return true
}

func (e *Emulator) createSAMLApp(w http.ResponseWriter, r *http.Request) {
	var p samlAppParms
	if !decodeBody(w, r, &p) {
		return
	}
	e.mu.Lock()
	defer e.mu.Unlock()
	t, ok := templateByID(p.TemplateID)
	if !ok || t.AuthenticationMethod != "SAML20" {
		writeError(w, http.StatusBadRequest, "INVALID_PARAMETER", "templateId "+strconv.Quote(p.TemplateID)+" is not a SAML 2.0 application template.", "templateId")
		return
	}
	if !e.checkSAMLLocked(w, &p) || e.appNameTakenLocked(w, "", p.Name) {
		return
	}
	sc := p.samlConfig
	a := e.addApplicationLocked(p.Name, p.Description, p.TemplateID, &sc)
	writeJSON(w, http.StatusOK, e.samlAppOutLocked(a, baseURL(r)))
}

// samlAppLocked returns the SAML application id, or answers 404.
func (e *Emulator) samlAppLocked(w http.ResponseWriter, id string) *application {
	a, ok := e.apps[id]
	if ok {
		if _, saml := a.detail.(*samlConfig); saml {
			return a
		}
	}
	writeError(w, http.StatusNotFound, "APPLICATION_NOT_FOUND", "SAML application "+id+" not found.")
	return nil
}

func (e *Emulator) getSAMLApp(w http.ResponseWriter, r *http.Request) {
	e.mu.Lock()
	defer e.mu.Unlock()
	a := e.samlAppLocked(w, r.PathValue("id"))
	if a == nil {
		return
	}
	writeJSON(w, http.StatusOK, e.samlAppOutLocked(a, baseURL(r)))
}

func (e *Emulator) updateSAMLApp(w http.ResponseWriter, r *http.Request) {
	var p samlAppParms
	if !decodeBody(w, r, &p) {
		return
	}
	e.mu.Lock()
	defer e.mu.Unlock()
	a := e.samlAppLocked(w, r.PathValue("id"))
	if a == nil {
		return
	}
	if p.TemplateID != "" && p.TemplateID != a.TemplateID {
		writeError(w, http.StatusBadRequest, "INVALID_PARAMETER", "The template of an application cannot be changed.", "templateId")
		return
	}
	if !e.checkSAMLLocked(w, &p) || e.appNameTakenLocked(w, a.ID, p.Name) {
		return
	}
	sc := p.samlConfig
	a.Name, a.Description, a.detail = p.Name, p.Description, &sc
	w.WriteHeader(http.StatusOK)
}

func (e *Emulator) deleteSAMLApp(w http.ResponseWriter, r *http.Request) {
	e.mu.Lock()
	defer e.mu.Unlock()
	a := e.samlAppLocked(w, r.PathValue("id"))
	if a == nil {
		return
	}
	e.deleteApplicationLocked(a.ID)
	w.WriteHeader(http.StatusOK)
}

type idpMetadataOut struct {
	XML            string `json:"xml"`
	EntityID       string `json:"entityId"`
	SSOURL         string `json:"ssoUrl"`
	CertificateID  string `json:"certificateId"`
	CertificatePEM string `json:"certificatePem"`
	ValidUntil     string `json:"validUntil"`
}

var errBadQuery = errors.New("bad query")

// idpMetadataLocked builds the signed IdP metadata of app a. It answers
// errors itself.
func (e *Emulator) idpMetadataLocked(w http.ResponseWriter, r *http.Request, a *application) (idpMetadataOut, error) {
	q := r.URL.Query()
	sc := samlOf(a)
	certID := q.Get("certificateId")
	if certID == "" {
		certID = sc.SigningCertificateID
	}
	c, ok := e.certs[certID]
	if !ok {
		writeError(w, http.StatusBadRequest, "INVALID_PARAMETER", "Signing certificate "+strconv.Quote(certID)+" does not exist.", "certificateId")
		return idpMetadataOut{}, errBadQuery
	}
	days := 365
	if s := q.Get("lifetimeDays"); s != "" {
		n, err := strconv.Atoi(s)
		if err != nil || n < 2 || n > 730 {
			writeError(w, http.StatusBadRequest, "INVALID_PARAMETER", "lifetimeDays must be a whole number of days between 2 and 730.", "lifetimeDays")
			return idpMetadataOut{}, errBadQuery
		}
		days = n
	}
	base := baseURL(r)
	if d := q.Get("domain"); d != "" {
		if strings.ContainsAny(d, "/?#@ ") {
			writeError(w, http.StatusBadRequest, "INVALID_PARAMETER", "domain must be a host name such as login.example.com.", "domain")
			return idpMetadataOut{}, errBadQuery
		}
		base = "https://" + d
	}
	alg := sc.SignatureAlgorithm
	if strings.HasPrefix(c.KeyAlgorithm, "ECDSA") != strings.HasPrefix(alg, "ecdsa") {
		alg = "" // a certificate of the other kind: its default
	}
	entity := idpEntityID(base, a.ID)
	day := e.opts.Now().UTC().Truncate(24 * time.Hour)
	validUntil := day.AddDate(0, 0, days)
	sum := sha256.Sum256([]byte(a.ID + "|" + c.ID + "|" + base))
	doc, err := idp.BuildIdPMetadata(idp.IdPMetadataOptions{
		EntityID: entity, ID: "_" + hex.EncodeToString(sum[:16]), SSOURL: entity + "/sso",
		NameIDFormats: []string{sc.NameIDFormat}, Certificate: c.cert, Key: c.key, ValidUntil: validUntil,
		SignatureAlgorithm: alg, Sign: true,
	})
	if err != nil {
		writeError(w, http.StatusInternalServerError, "INTERNAL_ERROR", err.Error())
		return idpMetadataOut{}, err
	}
	return idpMetadataOut{XML: doc, EntityID: entity, SSOURL: entity + "/sso", CertificateID: c.ID, CertificatePEM: c.CertificatePEM,
		ValidUntil: validUntil.Format(time.RFC3339)}, nil
}

// idpMetadataFor is the IdP metadata of the SAML application named by the
// path's id, or false once it has answered an error.
func (e *Emulator) idpMetadataFor(w http.ResponseWriter, r *http.Request) (idpMetadataOut, bool) {
	e.mu.Lock()
	defer e.mu.Unlock()
	a := e.samlAppLocked(w, r.PathValue("id"))
	if a == nil {
		return idpMetadataOut{}, false
	}
	out, err := e.idpMetadataLocked(w, r, a)
	return out, err == nil
}

func (e *Emulator) samlIdPMetadata(w http.ResponseWriter, r *http.Request) {
	if out, ok := e.idpMetadataFor(w, r); ok {
		writeJSON(w, http.StatusOK, out)
	}
}

func (e *Emulator) publicIdPMetadata(w http.ResponseWriter, r *http.Request) {
	out, ok := e.idpMetadataFor(w, r)
	if !ok {
		return
	}
	w.Header().Set("Content-Type", "application/samlmetadata+xml")
	w.WriteHeader(http.StatusOK)
	_, _ = w.Write([]byte(out.XML))
}

// samlOf is the SAML configuration of an application; callers have checked
// that a is a SAML application.
func samlOf(a *application) *samlConfig {
	if sc, ok := a.detail.(*samlConfig); ok {
		return sc
	}
	return &samlConfig{}
}
