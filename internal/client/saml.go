package client

import (
	"context"
	"net/http"
	"net/url"
	"strconv"
)

// The endpoints of this file are project-defined; their table is in the
// package doc (client.go). The private key of a certificate is never
// returned.

// SigningCertificate is a SAML signing certificate of the tenant.
type SigningCertificate struct {
	ID                string `json:"id"`
	Name              string `json:"name,omitempty"`
	Generated         bool   `json:"generated"`
	KeyAlgorithm      string `json:"keyAlgorithm"`
	SubjectCommonName string `json:"subjectCommonName"`
	// ValidityDays is what a generated certificate was asked for; 0 for an
	// uploaded one.
	ValidityDays      int    `json:"validityDays,omitempty"`
	CertificatePEM    string `json:"certificatePem"`
	SerialNumber      string `json:"serialNumber"`
	NotBefore         string `json:"notBefore"`
	NotAfter          string `json:"notAfter"`
	SHA1Fingerprint   string `json:"sha1Fingerprint"`
	SHA256Fingerprint string `json:"sha256Fingerprint"`
	Created           string `json:"created,omitempty"`
}

// SigningCertificateParms generates a certificate (keyAlgorithm,
// subjectCommonName, validityDays: default 365) or uploads one
// (certificatePem and privateKeyPem, which must match).
type SigningCertificateParms struct {
	Name              string `json:"name,omitempty"`
	KeyAlgorithm      string `json:"keyAlgorithm,omitempty"`
	SubjectCommonName string `json:"subjectCommonName,omitempty"`
	ValidityDays      int    `json:"validityDays,omitempty"`
	CertificatePEM    string `json:"certificatePem,omitempty"`
	PrivateKeyPEM     string `json:"privateKeyPem,omitempty"`
}

// SAMLAttribute is an attribute sent in assertions: either the value of a
// user attribute or a fixed value.
type SAMLAttribute struct {
	Name          string `json:"name"`
	NameFormat    string `json:"nameFormat,omitempty"`
	UserAttribute string `json:"userAttribute,omitempty"`
	Value         string `json:"value,omitempty"`
}

// SAMLApplication is a SAML 2.0 application.
type SAMLApplication struct {
	ID                     string          `json:"id"`
	Name                   string          `json:"name"`
	Description            string          `json:"description,omitempty"`
	TemplateID             string          `json:"templateId"`
	Template               string          `json:"template"`
	SPMetadataXML          string          `json:"spMetadataXml,omitempty"`
	SPEntityID             string          `json:"spEntityId"`
	ACSURL                 string          `json:"acsUrl"`
	AdditionalACSURLs      []string        `json:"additionalAcsUrls,omitempty"`
	NameIDFormat           string          `json:"nameIdFormat"`
	NameIDAttribute        string          `json:"nameIdAttribute"`
	SigningCertificateID   string          `json:"signingCertificateId"`
	SignAssertion          bool            `json:"signAssertion"`
	SignResponse           bool            `json:"signResponse"`
	SignatureAlgorithm     string          `json:"signatureAlgorithm"`
	PortalURL              string          `json:"portalUrl,omitempty"`
	RelayState             string          `json:"relayState,omitempty"`
	SessionDurationSeconds int64           `json:"sessionDurationSeconds,omitempty"`
	Attributes             []SAMLAttribute `json:"attributes,omitempty"`
	IdPEntityID            string          `json:"idpEntityId"`
	IdPSSOURL              string          `json:"idpSsoUrl"`
	// IdPMetadataURL serves the IdP metadata without authentication.
	IdPMetadataURL string `json:"idpMetadataUrl"`
}

// SAMLApplicationParms is the create and modify body. When spMetadataXml is
// set the tenant takes spEntityId and the assertion consumer services from
// it. On modify every field is sent; empty ones are cleared.
type SAMLApplicationParms struct {
	Name                   string          `json:"name"`
	Description            string          `json:"description"`
	TemplateID             string          `json:"templateId,omitempty"`
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
	Attributes             []SAMLAttribute `json:"attributes"`
}

// wire is p as sent: lists are arrays, never null (the API document's
// arrays are not nullable).
func (p SAMLApplicationParms) wire() SAMLApplicationParms {
	if p.AdditionalACSURLs == nil {
		p.AdditionalACSURLs = []string{}
	}
	if p.Attributes == nil {
		p.Attributes = []SAMLAttribute{}
	}
	return p
}

// IdPMetadata is the answer of .../idpmetadata: the signed metadata document
// and what it says.
type IdPMetadata struct {
	XML            string `json:"xml"`
	EntityID       string `json:"entityId"`
	SSOURL         string `json:"ssoUrl"`
	CertificateID  string `json:"certificateId"`
	CertificatePEM string `json:"certificatePem"`
	ValidUntil     string `json:"validUntil"`
}

// IdPMetadataQuery selects what .../idpmetadata builds. CertificateID
// defaults to the application's signing certificate; Domain (a host name)
// replaces the tenant's host in the entity id and URLs; LifetimeDays
// (2..730, default 365) sets validUntil, counted from the start of the
// current UTC day so that the document is stable for a day.
type IdPMetadataQuery struct {
	CertificateID string
	Domain        string
	LifetimeDays  int
}

func certPath(id string) string    { return "/api/web/v1/signingcertificates/" + url.PathEscape(id) }
func samlAppPath(id string) string { return "/api/web/v1/applications/saml/" + url.PathEscape(id) }

// CreateSigningCertificate: POST /api/web/v1/signingcertificates.
func (c *Client) CreateSigningCertificate(ctx context.Context, p SigningCertificateParms) (*SigningCertificate, error) {
	var out SigningCertificate
	return &out, c.do(ctx, http.MethodPost, "/api/web/v1/signingcertificates", p, &out)
}

// GetSigningCertificate: GET /api/web/v1/signingcertificates/{id}.
func (c *Client) GetSigningCertificate(ctx context.Context, id string) (*SigningCertificate, error) {
	var out SigningCertificate
	return &out, c.do(ctx, http.MethodGet, certPath(id), nil, &out)
}

// ListSigningCertificates: GET /api/web/v1/signingcertificates.
func (c *Client) ListSigningCertificates(ctx context.Context) ([]SigningCertificate, error) {
	var out []SigningCertificate
	return out, c.do(ctx, http.MethodGet, "/api/web/v1/signingcertificates", nil, &out)
}

// DeleteSigningCertificate: DELETE /api/web/v1/signingcertificates/{id}.
func (c *Client) DeleteSigningCertificate(ctx context.Context, id string) error {
	return c.do(ctx, http.MethodDelete, certPath(id), nil, nil)
}

// CreateSAMLApplication: POST /api/web/v1/applications/saml. Application
// names are unique in the tenant: a 409 names the application of that name
// (*ExistsError); a retried create answered 409 adopts it if it matches (see
// createOrAdopt).
func (c *Client) CreateSAMLApplication(ctx context.Context, p SAMLApplicationParms) (*SAMLApplication, error) {
	return createOrAdopt(ctx, "SAML application", func(ctx context.Context) (*SAMLApplication, error) {
		var out SAMLApplication
		return &out, c.do(ctx, http.MethodPost, "/api/web/v1/applications/saml", p.wire(), &out)
	}, func(ctx context.Context) (found[SAMLApplication], bool) { return c.findSAMLApplication(ctx, p) })
}

// GetSAMLApplication: GET /api/web/v1/applications/saml/{id}.
func (c *Client) GetSAMLApplication(ctx context.Context, id string) (*SAMLApplication, error) {
	var out SAMLApplication
	return &out, c.do(ctx, http.MethodGet, samlAppPath(id), nil, &out)
}

// UpdateSAMLApplication: PUT /api/web/v1/applications/saml/{id} (no body in
// the answer).
// The application is read back (GetSAMLApplication) and returned.
func (c *Client) UpdateSAMLApplication(ctx context.Context, id string, p SAMLApplicationParms) (*SAMLApplication, error) {
	return putThenGet(ctx, c, samlAppPath(id), p.wire(), func(ctx context.Context) (*SAMLApplication, error) { return c.GetSAMLApplication(ctx, id) })
}

// DeleteSAMLApplication: DELETE /api/web/v1/applications/saml/{id}.
func (c *Client) DeleteSAMLApplication(ctx context.Context, id string) error {
	return c.do(ctx, http.MethodDelete, samlAppPath(id), nil, nil)
}

// GetIdPMetadata: GET /api/web/v1/applications/saml/{id}/idpmetadata.
func (c *Client) GetIdPMetadata(ctx context.Context, id string, q IdPMetadataQuery) (*IdPMetadata, error) {
	v := url.Values{}
	if q.CertificateID != "" {
		v.Set("certificateId", q.CertificateID)
	}
	if q.Domain != "" {
		v.Set("domain", q.Domain)
	}
	if q.LifetimeDays != 0 {
		v.Set("lifetimeDays", strconv.Itoa(q.LifetimeDays))
	}
	p := samlAppPath(id) + "/idpmetadata"
	if len(v) > 0 {
		p += "?" + v.Encode()
	}
	var out IdPMetadata
	return &out, c.do(ctx, http.MethodGet, p, nil, &out)
}

// NameIDFormats are the name ID formats a SAML application can use (the published API's enum).
var NameIDFormats = []string{
	"urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress",
	"urn:oasis:names:tc:SAML:1.1:nameid-format:unspecified",
	"urn:oasis:names:tc:SAML:2.0:nameid-format:persistent",
	"urn:oasis:names:tc:SAML:2.0:nameid-format:transient",
	"urn:oasis:names:tc:SAML:1.1:nameid-format:X509SubjectName",
}

// SignatureAlgorithms are the XML signature algorithms of a SAML application (the published API's enum).
var SignatureAlgorithms = []string{"rsa-sha256", "rsa-sha1", "rsa-sha384", "rsa-sha512", "ecdsa-sha256", "ecdsa-sha384", "ecdsa-sha512"}
