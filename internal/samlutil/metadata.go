package samlutil

import (
	"bytes"
	"crypto/x509"
	"encoding/base64"
	"encoding/pem"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"net/url"
	"slices"
	"sort"
	"strings"
	"time"

	"github.com/idaas-terraform/terraform-provider-idaas/internal/httpx"

	"github.com/crewjam/saml"
)

// Namespace is the SAML 2.0 metadata XML namespace.
const Namespace = "urn:oasis:names:tc:SAML:2.0:metadata"

// Errors returned (wrapped, with details) by the metadata parsers; test for
// them with errors.Is.
var (
	ErrNotXML                     = errors.New("document is not XML")
	ErrNotMetadata                = errors.New("document is not SAML metadata")
	ErrNoSPSSODescriptor          = errors.New("metadata has no SPSSODescriptor")
	ErrNoAssertionConsumerService = errors.New("SPSSODescriptor has no AssertionConsumerService")
	ErrNoSSODescriptor            = errors.New("metadata has neither an SPSSODescriptor nor an IDPSSODescriptor")
)

// ACS is an assertion consumer service endpoint of a service provider.
type ACS struct {
	URL       string
	Binding   string
	Index     int
	IsDefault bool
}

// DefaultACS is the index in acs of the default assertion consumer service:
// the one marked isDefault, else the first (ACS is sorted by index).
func DefaultACS(acs []ACS) int {
	for i, a := range acs {
		if a.IsDefault {
			return i
		}
	}
	return 0
}

// Endpoint is a SAML endpoint (single sign-on or single logout service).
type Endpoint struct {
	URL     string
	Binding string
}

// SPMetadata is the summary of a service provider's metadata.
type SPMetadata struct {
	EntityID string
	// ACS is sorted by index.
	ACS           []ACS
	NameIDFormats []string
	// SigningCertificates and EncryptionCertificates are PEM encoded. A
	// KeyDescriptor without a use attribute counts for both.
	SigningCertificates    []string
	EncryptionCertificates []string
	// ValidUntil is the earliest validUntil of the entity, its enclosing
	// EntitiesDescriptor and its SPSSODescriptor; nil when none is set.
	ValidUntil           *time.Time
	AuthnRequestsSigned  bool
	WantAssertionsSigned bool
}

// Metadata summarises metadata of any role. Fields of a role the entity does
// not have are empty.
type Metadata struct {
	EntityID string
	// IsSP and IsIdP tell which roles the entity has.
	IsSP  bool
	IsIdP bool
	// ACS is sorted by index (SP role).
	ACS []ACS
	// SSO and SLO are the single sign-on (IdP role) and single logout (both
	// roles) services.
	SSO []Endpoint
	SLO []Endpoint
	// NameIDFormats of all roles, without duplicates.
	NameIDFormats []string
	// SigningCertificates and EncryptionCertificates of all roles, PEM
	// encoded, without duplicates.
	SigningCertificates    []string
	EncryptionCertificates []string
	ValidUntil             *time.Time
	// SP role flags.
	AuthnRequestsSigned  bool
	WantAssertionsSigned bool
	// IdP role flag.
	WantAuthnRequestsSigned bool
}

// ParseSPMetadata parses service provider metadata: an EntityDescriptor with
// an SPSSODescriptor, or an EntitiesDescriptor holding exactly one such
// entity. The first SPSSODescriptor is used.
func ParseSPMetadata(doc string) (*SPMetadata, error) {
	entities, groupValidUntil, err := decodeMetadata(doc)
	if err != nil {
		return nil, err
	}
	var sps []*saml.EntityDescriptor
	for _, e := range entities {
		if len(e.SPSSODescriptors) > 0 {
			sps = append(sps, e)
		}
	}
	switch {
	case len(sps) == 0 && len(entities) == 1:
		return nil, fmt.Errorf("%w (entity %q)", ErrNoSPSSODescriptor, entities[0].EntityID)
	case len(sps) == 0:
		return nil, fmt.Errorf("%w in any of its %d entities", ErrNoSPSSODescriptor, len(entities))
	case len(sps) > 1:
		return nil, fmt.Errorf("metadata describes %d service providers, want exactly one", len(sps))
	}
	e := sps[0]
	sp := &e.SPSSODescriptors[0]
	if len(sp.AssertionConsumerServices) == 0 {
		return nil, fmt.Errorf("%w (entity %q)", ErrNoAssertionConsumerService, e.EntityID)
	}
	out := &SPMetadata{
		EntityID:             e.EntityID,
		ACS:                  acsList(sp.AssertionConsumerServices),
		NameIDFormats:        nameIDFormats(nil, sp.NameIDFormats),
		ValidUntil:           earliest(groupValidUntil, timePtr(e.ValidUntil), sp.ValidUntil),
		AuthnRequestsSigned:  boolValue(sp.AuthnRequestsSigned),
		WantAssertionsSigned: boolValue(sp.WantAssertionsSigned),
	}
	out.SigningCertificates, out.EncryptionCertificates, err = certificates(nil, nil, "SPSSODescriptor", sp.KeyDescriptors)
	if err != nil {
		return nil, err
	}
	return out, nil
}

// ParseMetadata parses metadata of any role (SP, IdP or both): an
// EntityDescriptor, or an EntitiesDescriptor holding exactly one entity.
func ParseMetadata(doc string) (*Metadata, error) {
	entities, groupValidUntil, err := decodeMetadata(doc)
	if err != nil {
		return nil, err
	}
	if len(entities) != 1 {
		return nil, fmt.Errorf("EntitiesDescriptor holds %d entities, want exactly one", len(entities))
	}
	e := entities[0]
	if len(e.SPSSODescriptors) == 0 && len(e.IDPSSODescriptors) == 0 {
		return nil, fmt.Errorf("%w (entity %q)", ErrNoSSODescriptor, e.EntityID)
	}
	out := &Metadata{
		EntityID:   e.EntityID,
		IsSP:       len(e.SPSSODescriptors) > 0,
		IsIdP:      len(e.IDPSSODescriptors) > 0,
		ValidUntil: earliest(groupValidUntil, timePtr(e.ValidUntil)),
	}
	for i := range e.IDPSSODescriptors {
		idp := &e.IDPSSODescriptors[i]
		out.SSO = appendEndpoints(out.SSO, idp.SingleSignOnServices)
		out.SLO = appendEndpoints(out.SLO, idp.SingleLogoutServices)
		out.NameIDFormats = nameIDFormats(out.NameIDFormats, idp.NameIDFormats)
		out.ValidUntil = earliest(out.ValidUntil, idp.ValidUntil)
		out.WantAuthnRequestsSigned = out.WantAuthnRequestsSigned || boolValue(idp.WantAuthnRequestsSigned)
		out.SigningCertificates, out.EncryptionCertificates, err = certificates(out.SigningCertificates, out.EncryptionCertificates, "IDPSSODescriptor", idp.KeyDescriptors)
		if err != nil {
			return nil, err
		}
	}
	var acs []saml.IndexedEndpoint
	for i := range e.SPSSODescriptors {
		sp := &e.SPSSODescriptors[i]
		acs = append(acs, sp.AssertionConsumerServices...)
		out.SLO = appendEndpoints(out.SLO, sp.SingleLogoutServices)
		out.NameIDFormats = nameIDFormats(out.NameIDFormats, sp.NameIDFormats)
		out.ValidUntil = earliest(out.ValidUntil, sp.ValidUntil)
		out.AuthnRequestsSigned = out.AuthnRequestsSigned || boolValue(sp.AuthnRequestsSigned)
		out.WantAssertionsSigned = out.WantAssertionsSigned || boolValue(sp.WantAssertionsSigned)
		out.SigningCertificates, out.EncryptionCertificates, err = certificates(out.SigningCertificates, out.EncryptionCertificates, "SPSSODescriptor", sp.KeyDescriptors)
		if err != nil {
			return nil, err
		}
	}
	out.ACS = acsList(acs)
	return out, nil
}

// decodeMetadata decodes an EntityDescriptor or an EntitiesDescriptor (with
// nested ones flattened) and returns its entities and the earliest validUntil
// of the enclosing EntitiesDescriptors. It never panics.
func decodeMetadata(doc string) (entities []*saml.EntityDescriptor, groupValidUntil *time.Time, err error) {
	defer func() {
		if r := recover(); r != nil {
			entities, groupValidUntil = nil, nil
			err = fmt.Errorf("%w: decoding failed: %v", ErrNotMetadata, r)
		}
	}()
	data := []byte(doc)
	root, err := rootElement(data)
	if err != nil {
		return nil, nil, err
	}
	if root.Space != Namespace || (root.Local != "EntityDescriptor" && root.Local != "EntitiesDescriptor") {
		name := root.Local
		if root.Space != "" {
			name = "{" + root.Space + "}" + root.Local
		}
		return nil, nil, fmt.Errorf("%w: root element is %s, want EntityDescriptor or EntitiesDescriptor in namespace %s", ErrNotMetadata, name, Namespace)
	}
	if root.Local == "EntityDescriptor" {
		var ed saml.EntityDescriptor
		if err := xml.Unmarshal(data, &ed); err != nil {
			return nil, nil, fmt.Errorf("%w: %v", ErrNotMetadata, err)
		}
		return []*saml.EntityDescriptor{&ed}, nil, nil
	}
	var group saml.EntitiesDescriptor
	if err := xml.Unmarshal(data, &group); err != nil {
		return nil, nil, fmt.Errorf("%w: %v", ErrNotMetadata, err)
	}
	var walk func(g *saml.EntitiesDescriptor)
	walk = func(g *saml.EntitiesDescriptor) {
		groupValidUntil = earliest(groupValidUntil, g.ValidUntil)
		for i := range g.EntityDescriptors {
			entities = append(entities, &g.EntityDescriptors[i])
		}
		for i := range g.EntitiesDescriptors {
			walk(&g.EntitiesDescriptors[i])
		}
	}
	walk(&group)
	if len(entities) == 0 {
		return nil, nil, fmt.Errorf("%w: EntitiesDescriptor holds no EntityDescriptor", ErrNotMetadata)
	}
	return entities, groupValidUntil, nil
}

// rootElement returns the name of the document's first element.
func rootElement(data []byte) (xml.Name, error) {
	if len(bytes.TrimSpace(data)) == 0 {
		return xml.Name{}, fmt.Errorf("%w: it is empty", ErrNotXML)
	}
	d := xml.NewDecoder(bytes.NewReader(data))
	for {
		tok, err := d.Token()
		if err == io.EOF {
			return xml.Name{}, fmt.Errorf("%w: no element found", ErrNotXML)
		}
		if err != nil {
			return xml.Name{}, fmt.Errorf("%w: %v", ErrNotXML, err)
		}
		switch t := tok.(type) {
		case xml.StartElement:
			return t.Name, nil
		case xml.CharData:
			if len(bytes.TrimSpace(t)) > 0 {
				return xml.Name{}, fmt.Errorf("%w: text before the root element", ErrNotXML)
			}
		}
	}
}

func acsList(in []saml.IndexedEndpoint) []ACS {
	out := make([]ACS, 0, len(in))
	for _, a := range in {
		out = append(out, ACS{URL: a.Location, Binding: a.Binding, Index: a.Index, IsDefault: boolValue(a.IsDefault)})
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Index < out[j].Index })
	return out
}

func appendEndpoints(out []Endpoint, in []saml.Endpoint) []Endpoint {
	for _, e := range in {
		out = append(out, Endpoint{URL: e.Location, Binding: e.Binding})
	}
	return out
}

func nameIDFormats(out []string, in []saml.NameIDFormat) []string {
	for _, f := range in {
		s := strings.TrimSpace(string(f))
		if s != "" && !slices.Contains(out, s) {
			out = append(out, s)
		}
	}
	return out
}

// certificates appends the PEM certificates of keys to signing and
// encryption, skipping duplicates.
func certificates(signing, encryption []string, role string, keys []saml.KeyDescriptor) ([]string, []string, error) {
	for i, kd := range keys {
		for j, c := range kd.KeyInfo.X509Data.X509Certificates {
			p, err := certificatePEMFromBase64(c.Data)
			if err != nil {
				return nil, nil, fmt.Errorf("%s KeyDescriptor %d X509Certificate %d: %w", role, i+1, j+1, err)
			}
			switch kd.Use {
			case "signing":
				signing = appendUnique(signing, p)
			case "encryption":
				encryption = appendUnique(encryption, p)
			case "":
				signing = appendUnique(signing, p)
				encryption = appendUnique(encryption, p)
			default:
				return nil, nil, fmt.Errorf("%s KeyDescriptor %d: use is %q, want signing or encryption", role, i+1, kd.Use)
			}
		}
	}
	return signing, encryption, nil
}

func certificatePEMFromBase64(data string) (string, error) {
	clean := strings.Map(func(r rune) rune {
		switch r {
		case ' ', '\t', '\r', '\n':
			return -1
		}
		return r
	}, data)
	if clean == "" {
		return "", errors.New("certificate is empty")
	}
	der, err := base64.StdEncoding.DecodeString(clean)
	if err != nil {
		return "", fmt.Errorf("certificate is not valid base64: %w", err)
	}
	if _, err := x509.ParseCertificate(der); err != nil {
		return "", fmt.Errorf("invalid certificate: %w", err)
	}
	return string(pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der})), nil
}

// ValidateACSURL checks an assertion consumer service URL: it must be an
// absolute https URL without a fragment; plain http is allowed only for
// loopback hosts (localhost, 127.0.0.0/8, ::1).
func ValidateACSURL(u string) error {
	if strings.TrimSpace(u) == "" {
		return errors.New("ACS URL is empty")
	}
	parsed, err := url.Parse(u)
	if err != nil {
		return fmt.Errorf("ACS URL %q is not a valid URL: %w", u, err)
	}
	if !parsed.IsAbs() || parsed.Host == "" {
		return fmt.Errorf("ACS URL %q is not an absolute URL", u)
	}
	if parsed.Fragment != "" || strings.Contains(u, "#") {
		return fmt.Errorf("ACS URL %q must not contain a fragment", u)
	}
	if parsed.Hostname() == "" {
		return fmt.Errorf("ACS URL %q has no host", u)
	}
	switch strings.ToLower(parsed.Scheme) {
	case "https":
		return nil
	case "http":
		if httpx.IsLoopbackHost(parsed.Hostname()) {
			return nil
		}
		return fmt.Errorf("ACS URL %q must use https (http is only allowed for localhost, 127.0.0.0/8 and ::1)", u)
	}
	return fmt.Errorf("ACS URL %q has scheme %q, want https", u, parsed.Scheme)
}

func boolValue(b *bool) bool { return b != nil && *b }

func timePtr(t time.Time) *time.Time {
	if t.IsZero() {
		return nil
	}
	return &t
}

// earliest returns the earliest non-nil, non-zero time, or nil.
func earliest(ts ...*time.Time) *time.Time {
	var out *time.Time
	for _, t := range ts {
		if t == nil || t.IsZero() {
			continue
		}
		if out == nil || t.Before(*out) {
			v := t.UTC()
			out = &v
		}
	}
	return out
}

func appendUnique(list []string, s string) []string {
	if slices.Contains(list, s) {
		return list
	}
	return append(list, s)
}
