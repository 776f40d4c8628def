package emulator

import (
	"bufio"
	"bytes"
	"crypto"
	"crypto/sha256"
	"crypto/x509"
	"encoding/hex"
	"encoding/json"
	"encoding/pem"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"log"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"sync"

	"github.com/idaas-terraform/terraform-provider-idaas/internal/emulator/provisioning"
	"github.com/idaas-terraform/terraform-provider-idaas/internal/emulator/scimmock"
)

// A tenant kept on disk (Open with a data directory): the admin API's
// objects, the built-in SCIM server's users, groups and tokens, signing
// certificates with their keys, provisioners with their tokens and
// mappings, and synchronizations, in one file, DataFile, in the directory.
//
// Every write the emulator answers (any request but GET, HEAD and OPTIONS,
// admin API, SCIM and /_emulator/reset alike) is on disk before its answer
// leaves: the whole tenant is written to a temporary file in the same
// directory, synced, and renamed over DataFile. A synchronization's end,
// which no request answers, is written when it ends.
//
// The file is an envelope {"format","version","sha256","tenant"} whose
// sha256 is that of the tenant's bytes: a file that does not parse, is cut
// short, has fields the emulator does not know, or whose checksum does not
// match is refused when the emulator starts, and nothing is written.
//
// Not kept: admin API tokens (clients authenticate again), Idempotency-Key
// answers, counters and faults, and what the provisioning engine remembers
// of its last push (the next synchronization adopts the SCIM users and
// groups it finds, as after the tenant's own restart). A synchronization
// running when the emulator stopped is FAILED after the restart.

// DataFile is the name of the tenant's file in the data directory.
const DataFile = "tenant.json"

const (
	dataFormat  = "idaas-emulator-tenant"
	dataVersion = 1
)

type dataEnvelope struct {
	Format  string          `json:"format"`
	Version int             `json:"version"`
	SHA256  string          `json:"sha256"`
	Tenant  json.RawMessage `json:"tenant"`
}

// tenantData is the tenant as it is kept on disk. Slices keep the tenant's
// order.
type tenantData struct {
	ApplicationID string            `json:"applicationId"`
	SharedSecret  string            `json:"sharedSecret"`
	Groups        []*group          `json:"groups"`
	Attributes    []*userAttribute  `json:"attributes"`
	Users         []userData        `json:"users"`
	Applications  []applicationData `json:"applications"`
	ResourceRules []*resourceRule   `json:"resourceRules"`
	Certificates  []certData        `json:"certificates"`
	Provisioners  []provisionerData `json:"provisioners"`
	Operations    []*operation      `json:"operations"`
	SCIM          scimmock.Snapshot `json:"scim"`
}

type userData struct {
	user
	Groups []string          `json:"groups"`
	Values map[string]string `json:"values"`
}

type applicationData struct {
	ID          string      `json:"id"`
	Name        string      `json:"name"`
	Description string      `json:"description"`
	TemplateID  string      `json:"templateId"`
	SAML        *samlConfig `json:"saml,omitempty"`
}

type certData struct {
	signingCert
	PrivateKeyPEM string `json:"privateKeyPem"`
}

type provisionerData struct {
	provisionerView
	Token    string     `json:"token"`
	Mappings []*mapping `json:"mappings"`
}

// store writes the tenant to its data directory.
type store struct {
	dir string
	mu  sync.Mutex
}

// Open returns an emulator whose tenant is kept in dir (made when
// missing). When dir holds a tenant, the emulator continues it: its
// application id, shared secret and SCIM tenant are the stored ones (an
// ApplicationID or SharedSecret in opts that differs is an error), and
// restored is true. A data file that cannot be read back whole is an error,
// and nothing in dir is changed.
func Open(opts Options, dir string) (e *Emulator, restored bool, err error) {
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return nil, false, err
	}
	path := filepath.Join(dir, DataFile)
	raw, err := os.ReadFile(path)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		e = New(opts)
		e.store = &store{dir: dir}
		if err := e.Save(); err != nil {
			return nil, false, err
		}
		return e, false, nil
	case err != nil:
		return nil, false, err
	}
	td, err := decodeTenant(raw)
	if err != nil {
		return nil, false, fmt.Errorf("%s: %w; the file is left as it is (move it away to start a new tenant)", path, err)
	}
	if opts.ApplicationID != "" && opts.ApplicationID != td.ApplicationID {
		return nil, false, fmt.Errorf("%s holds the tenant of application id %s, not %s", path, td.ApplicationID, opts.ApplicationID)
	}
	if opts.SharedSecret != "" && opts.SharedSecret != td.SharedSecret {
		return nil, false, fmt.Errorf("%s holds a tenant with another shared secret than the one given", path)
	}
	opts.ApplicationID, opts.SharedSecret, opts.SCIMTenantID = td.ApplicationID, td.SharedSecret, td.SCIM.TenantID
	e = New(opts)
	if err := e.restore(td); err != nil {
		return nil, false, fmt.Errorf("%s: %w; the file is left as it is", path, err)
	}
	e.store = &store{dir: dir}
	return e, true, nil
}

// decodeTenant reads a data file, refusing anything but a whole, known,
// checksummed tenant.
func decodeTenant(raw []byte) (*tenantData, error) {
	var env dataEnvelope
	if err := strictJSON(raw, &env); err != nil {
		return nil, fmt.Errorf("not a tenant data file (corrupt or cut short?): %w", err)
	}
	if env.Format != dataFormat {
		return nil, fmt.Errorf("not a tenant data file: format %q, want %q", env.Format, dataFormat)
	}
	if env.Version != dataVersion {
		return nil, fmt.Errorf("data file version %d; this emulator reads version %d", env.Version, dataVersion)
	}
	sum := sha256.Sum256(env.Tenant)
	if hex.EncodeToString(sum[:]) != env.SHA256 {
		return nil, errors.New("the tenant's checksum does not match: the file is corrupt")
	}
	var td tenantData
	if err := strictJSON(env.Tenant, &td); err != nil {
		return nil, fmt.Errorf("the tenant does not decode: %w", err)
	}
	if td.ApplicationID == "" || td.SharedSecret == "" || td.SCIM.TenantID == "" {
		return nil, errors.New("the tenant has no application id, shared secret or SCIM tenant id")
	}
	return &td, nil
}

func strictJSON(raw []byte, v any) error {
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		return err
	}
	if _, err := dec.Token(); err != io.EOF {
		return errors.New("data after the end of the JSON document")
	}
	return nil
}

// snapshot copies the tenant into its on-disk form.
func (e *Emulator) snapshot() (*tenantData, error) {
	e.mu.Lock()
	td := &tenantData{ApplicationID: e.opts.ApplicationID, SharedSecret: e.opts.SharedSecret}
	for _, id := range e.groupOrder {
		g := *e.groups[id]
		td.Groups = append(td.Groups, &g)
	}
	for _, id := range e.attrOrder {
		a := *e.attrs[id]
		td.Attributes = append(td.Attributes, &a)
	}
	for _, id := range e.userOrder {
		u := e.users[id]
		ud := userData{user: *u, Groups: []string{}, Values: map[string]string{}}
		for _, g := range e.groupOrder { // in the tenant's order, so that the file is stable
			if u.groups[g] {
				ud.Groups = append(ud.Groups, g)
			}
		}
		for k, v := range u.values {
			ud.Values[k] = v
		}
		td.Users = append(td.Users, ud)
	}
	for _, id := range e.appOrder {
		a := e.apps[id]
		ad := applicationData{ID: a.ID, Name: a.Name, Description: a.Description, TemplateID: a.TemplateID}
		if sc, ok := a.detail.(*samlConfig); ok {
			c := *sc
			ad.SAML = &c
		}
		td.Applications = append(td.Applications, ad)
	}
	for _, id := range e.rr.ruleOrder {
		r := *e.rr.rules[id]
		td.ResourceRules = append(td.ResourceRules, &r)
	}
	var keyErr error
	for _, id := range e.certOrder {
		c := e.certs[id]
		der, err := x509.MarshalPKCS8PrivateKey(c.key)
		if err != nil {
			keyErr = fmt.Errorf("certificate %s: %w", c.ID, err)
			break
		}
		td.Certificates = append(td.Certificates, certData{signingCert: *c,
			PrivateKeyPEM: string(pem.EncodeToMemory(&pem.Block{Type: "PRIVATE KEY", Bytes: der}))})
	}
	for _, id := range e.provs.order {
		p := e.provs.byID[id]
		pd := provisionerData{provisionerView: p.provisionerView, Token: p.token}
		for _, m := range p.mappings {
			c := *m
			pd.Mappings = append(pd.Mappings, &c)
		}
		td.Provisioners = append(td.Provisioners, pd)
	}
	for _, op := range e.provs.ops {
		c := *op
		td.Operations = append(td.Operations, &c)
	}
	e.mu.Unlock()
	if keyErr != nil {
		return nil, keyErr
	}
	td.SCIM = e.scim.Snapshot()
	return td, nil
}

// restore replaces the tenant with td, checking what the emulator's own
// code relies on (keys that match certificates, references that resolve).
func (e *Emulator) restore(td *tenantData) error {
	fresh := New(Options{ApplicationID: td.ApplicationID, SharedSecret: td.SharedSecret, SCIMTenantID: td.SCIM.TenantID, Now: e.opts.Now})
	f := fresh
	f.groups, f.groupOrder = map[string]*group{}, nil
	for _, g := range td.Groups {
		if g == nil || g.ID == "" || f.groups[g.ID] != nil {
			return errors.New("a group has no id or repeats another's")
		}
		f.groups[g.ID] = g
		f.groupOrder = append(f.groupOrder, g.ID)
	}
	f.attrs, f.attrOrder = map[string]*userAttribute{}, nil
	for _, a := range td.Attributes {
		if a == nil || a.ID == "" || f.attrs[a.ID] != nil {
			return errors.New("a user attribute has no id or repeats another's")
		}
		f.attrs[a.ID] = a
		f.attrOrder = append(f.attrOrder, a.ID)
	}
	for _, ud := range td.Users {
		u := ud.user
		if u.ID == "" || f.users[u.ID] != nil {
			return errors.New("a user has no id or repeats another's")
		}
		u.groups, u.values = map[string]bool{}, map[string]string{}
		for _, g := range ud.Groups {
			if f.groups[g] == nil {
				return fmt.Errorf("user %s is in group %s, which does not exist", u.UserID, g)
			}
			u.groups[g] = true
		}
		for k, v := range ud.Values {
			if f.attrs[k] == nil {
				return fmt.Errorf("user %s has a value for user attribute %s, which does not exist", u.UserID, k)
			}
			u.values[k] = v
		}
		f.users[u.ID] = &u
		f.userOrder = append(f.userOrder, u.ID)
	}
	for _, cd := range td.Certificates {
		c := cd.signingCert
		block, _ := pem.Decode([]byte(c.CertificatePEM))
		if block == nil {
			return fmt.Errorf("certificate %s: no PEM certificate", c.ID)
		}
		cert, err := x509.ParseCertificate(block.Bytes)
		if err != nil {
			return fmt.Errorf("certificate %s: %w", c.ID, err)
		}
		kb, _ := pem.Decode([]byte(cd.PrivateKeyPEM))
		if kb == nil {
			return fmt.Errorf("certificate %s: no PEM private key", c.ID)
		}
		k, err := x509.ParsePKCS8PrivateKey(kb.Bytes)
		if err != nil {
			return fmt.Errorf("certificate %s: private key: %w", c.ID, err)
		}
		signer, ok := k.(crypto.Signer)
		if !ok {
			return fmt.Errorf("certificate %s: the private key cannot sign", c.ID)
		}
		type equaler interface{ Equal(crypto.PublicKey) bool }
		if pub, ok := signer.Public().(equaler); !ok || !pub.Equal(cert.PublicKey) {
			return fmt.Errorf("certificate %s: the private key is not the certificate's", c.ID)
		}
		if c.ID == "" || f.certs[c.ID] != nil {
			return errors.New("a certificate has no id or repeats another's")
		}
		c.cert, c.key = cert, signer
		f.certs[c.ID] = &c
		f.certOrder = append(f.certOrder, c.ID)
	}
	for _, ad := range td.Applications {
		if ad.ID == "" || f.apps[ad.ID] != nil {
			return errors.New("an application has no id or repeats another's")
		}
		a := &application{ID: ad.ID, Name: ad.Name, Description: ad.Description, TemplateID: ad.TemplateID}
		if ad.SAML != nil {
			if f.certs[ad.SAML.SigningCertificateID] == nil {
				return fmt.Errorf("application %s signs with certificate %s, which does not exist", ad.Name, ad.SAML.SigningCertificateID)
			}
			a.detail = ad.SAML
		}
		f.apps[a.ID] = a
		f.appOrder = append(f.appOrder, a.ID)
	}
	for _, r := range td.ResourceRules {
		if r == nil || r.ID == "" || f.rr.rules[r.ID] != nil {
			return errors.New("a resource rule has no id or repeats another's")
		}
		if f.apps[r.ResourceID] == nil {
			return fmt.Errorf("resource rule %s is for application %s, which does not exist", r.Name, r.ResourceID)
		}
		f.rr.rules[r.ID] = r
		f.rr.ruleOrder = append(f.rr.ruleOrder, r.ID)
	}
	for _, op := range td.Operations {
		if op == nil || op.ID == "" {
			return errors.New("an operation has no id")
		}
		if op.Status == "RUNNING" {
			op.Status, op.Message, op.FinishedAt = "FAILED", "The emulator stopped during this synchronization.", f.now()
		}
		if op.Failures == nil {
			op.Failures = []provisioning.Failure{}
		}
		f.provs.ops[op.ID] = op
	}
	for _, pd := range td.Provisioners {
		if pd.ID == "" || f.provs.byID[pd.ID] != nil {
			return errors.New("a provisioner has no id or repeats another's")
		}
		p := &provisioner{provisionerView: pd.provisionerView, token: pd.Token, mappings: pd.Mappings, state: &provisioning.State{}}
		if p.Status == "SYNCING" {
			p.Status = "FAILED"
		}
		f.provs.byID[p.ID] = p
		f.provs.order = append(f.provs.order, p.ID)
	}
	if err := e.scim.Restore(td.SCIM); err != nil {
		return err
	}
	e.mu.Lock()
	defer e.mu.Unlock()
	e.groups, e.groupOrder, e.attrs, e.attrOrder, e.users, e.userOrder = f.groups, f.groupOrder, f.attrs, f.attrOrder, f.users, f.userOrder
	e.apps, e.appOrder, e.certs, e.certOrder, e.rr.rules, e.rr.ruleOrder = f.apps, f.appOrder, f.certs, f.certOrder, f.rr.rules, f.rr.ruleOrder
	e.provs = f.provs
	return nil
}

// Save writes the tenant to the data directory now (Open's emulators write
// after every answered write on their own; call Save when stopping, to keep
// what background work changed since). It does nothing without a data
// directory.
func (e *Emulator) Save() error {
	if e.store == nil {
		return nil
	}
	e.store.mu.Lock()
	defer e.store.mu.Unlock()
	td, err := e.snapshot()
	if err != nil {
		return err
	}
	tenant, err := json.Marshal(td)
	if err != nil {
		return err
	}
	sum := sha256.Sum256(tenant)
	// The envelope is written by hand: encoding/json would re-encode the
	// tenant's bytes, and the checksum is of exactly these.
	data := fmt.Appendf(nil, "{\"format\":%q,\"version\":%d,\"sha256\":%q,\"tenant\":%s}\n", dataFormat, dataVersion, hex.EncodeToString(sum[:]), tenant)
	return writeFileAtomic(filepath.Join(e.store.dir, DataFile), data)
}

// writeFileAtomic writes data to a temporary file beside path, syncs it and
// renames it over path, so that path holds either the old or the new
// content, whole.
func writeFileAtomic(path string, data []byte) error {
	dir := filepath.Dir(path)
	f, err := os.CreateTemp(dir, "."+filepath.Base(path)+".*.tmp")
	if err != nil {
		return err
	}
	tmp := f.Name()
	defer func() { _ = os.Remove(tmp) }() // fails harmlessly once renamed
	if err := f.Chmod(0o600); err != nil {
		_ = f.Close()
		return err
	}
	if _, err := f.Write(data); err != nil {
		_ = f.Close()
		return err
	}
	if err := f.Sync(); err != nil {
		_ = f.Close()
		return err
	}
	if err := f.Close(); err != nil {
		return err
	}
	if err := os.Rename(tmp, path); err != nil {
		return err
	}
	if d, err := os.Open(dir); err == nil {
		_ = d.Sync()
		_ = d.Close()
	}
	return nil
}

// saveNow saves after background work (a synchronization's end), logging
// a failure: no request waits for it.
func (e *Emulator) saveNow() {
	if err := e.Save(); err != nil {
		log.Printf("emulator: writing the data directory: %v", err)
	}
}

// persistWrites serves a write so that its answer leaves only once the
// tenant it changed is on disk: the answer is held back, the tenant saved,
// then the answer sent (or a 500 when saving failed).
func (e *Emulator) persistWrites(w http.ResponseWriter, r *http.Request, serve func(http.ResponseWriter, *http.Request)) {
	if e.store == nil || r.Method == http.MethodGet || r.Method == http.MethodHead || r.Method == http.MethodOptions {
		serve(w, r)
		return
	}
	hw := &heldWriter{w: w, header: http.Header{}, status: http.StatusOK}
	serve(hw, r)
	if err := e.Save(); err != nil {
		if !hw.hijacked {
			writeError(w, http.StatusInternalServerError, "INTERNAL_ERROR", "The emulator could not write its data directory: "+err.Error())
		}
		return
	}
	if hw.hijacked {
		return
	}
	for k, v := range hw.header {
		w.Header()[k] = v
	}
	w.WriteHeader(hw.status)
	_, _ = w.Write(hw.body.Bytes())
}

// heldWriter holds an answer back; it can still hang up (Hijack), as fault
// injection does.
type heldWriter struct {
	w        http.ResponseWriter
	header   http.Header
	status   int
	wrote    bool
	body     bytes.Buffer
	hijacked bool
}

func (h *heldWriter) Header() http.Header { return h.header }
func (h *heldWriter) WriteHeader(code int) {
	if !h.wrote {
		h.status, h.wrote = code, true
	}
}
func (h *heldWriter) Write(b []byte) (int, error) {
	h.wrote = true
	return h.body.Write(b)
}

func (h *heldWriter) Hijack() (c net.Conn, rw *bufio.ReadWriter, err error) {
	hj, ok := h.w.(http.Hijacker)
	if !ok {
		return nil, nil, http.ErrNotSupported
	}
	h.hijacked = true
	return hj.Hijack()
}
