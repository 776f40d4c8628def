package scimmock

import (
	"encoding/json"
	"net/http"
	"strings"
)

// Attributes AWS refuses on users, and the multi-valued ones limited to one
// value.
var (
	rejectedUserAttrs = []string{"groups", "password", "ims", "photos", "x509Certificates", "entitlements"}
	singleValuedLists = []string{"emails", "addresses", "phoneNumbers", "roles"}
)

func (s *Server) renderUser(u *resource) map[string]any {
	out := cloneMap(u.attrs)
	schemas := []any{coreUserSchema}
	if _, ok := out[enterpriseUser]; ok {
		schemas = append(schemas, enterpriseUser)
	}
	out["schemas"] = schemas
	out["id"] = u.id
	out["meta"] = meta("User", u)
	return out
}

// sanitize drops server-owned attributes from a request body.
func sanitize(attrs map[string]any) {
	for _, k := range []string{"id", "meta", "schemas"} {
		delete(attrs, k)
	}
}

func str(m map[string]any, k string) string {
	v, _ := m[k].(string)
	return v
}

func primaryEmail(attrs map[string]any) string {
	emails, _ := attrs["emails"].([]any)
	for _, e := range emails {
		if m, ok := e.(map[string]any); ok && m["primary"] == true {
			return strings.ToLower(str(m, "value"))
		}
	}
	return ""
}

// validateUser checks a user's attributes against the schema rules and the
// uniqueness of userName (and, in AWS mode, of the primary email).
func (s *Server) validateUser(attrs map[string]any, selfID string) *apiError {
	userName := str(attrs, "userName")
	if strings.TrimSpace(userName) == "" {
		return badRequest("invalidValue")
	}
	if s.opts.AWSMode {
		if len(userName) > 128 || str(attrs, "displayName") == "" {
			return badRequest("invalidValue")
		}
		name, _ := attrs["name"].(map[string]any)
		if name == nil || str(name, "givenName") == "" || str(name, "familyName") == "" {
			return badRequest("invalidValue")
		}
		for _, k := range rejectedUserAttrs {
			if _, ok := attrs[k]; ok {
				return badRequest("invalidValue")
			}
		}
		for _, k := range singleValuedLists {
			if l, ok := attrs[k].([]any); ok && len(l) > 1 {
				return badRequest("invalidValue")
			}
		}
		if emails, ok := attrs["emails"].([]any); ok && len(emails) == 1 && primaryEmail(attrs) == "" {
			return badRequest("invalidValue")
		}
	}
	if u := s.idx.byUserName[foldKey(userName)]; u != nil && u.id != selfID {
		return conflict()
	}
	if email := primaryEmail(attrs); s.opts.AWSMode && email != "" {
		if u := s.idx.byEmail[email]; u != nil && u.id != selfID {
			return conflict()
		}
	}
	return nil
}

func (s *Server) createUser(body []byte) result {
	attrs, e := decodeObject(body)
	if e != nil {
		return fail(e)
	}
	sanitize(attrs)
	if e := s.validateUser(attrs, ""); e != nil {
		return fail(e)
	}
	if _, ok := attrs["active"]; !ok {
		attrs["active"] = true
	}
	u := s.newResource(attrs)
	s.users = append(s.users, u)
	s.idx.indexUser(u)
	return result{status: http.StatusCreated, body: s.renderUser(u)}
}

func (s *Server) putUser(u *resource, body []byte) result {
	attrs, e := decodeObject(body)
	if e != nil {
		return fail(e)
	}
	return s.storeUser(u, attrs)
}

// storeUser validates attrs as u's new state and commits them.
func (s *Server) storeUser(u *resource, attrs map[string]any) result {
	sanitize(attrs)
	if e := s.validateUser(attrs, u.id); e != nil {
		return fail(e)
	}
	s.idx.unindexUser(u)
	u.attrs = attrs
	s.idx.indexUser(u)
	s.touch(u)
	return result{status: http.StatusOK, body: s.renderUser(u)}
}

// patchOp is one decoded PATCH operation; value is nil when absent or null.
type patchOp struct {
	op    string
	path  string
	value any
}

// decodePatch parses a PatchOp body and checks the rules every op obeys:
// a known op, a path for remove, a value for add and replace.
func decodePatch(body []byte) ([]patchOp, *apiError) {
	var req struct {
		Operations []struct {
			Op    string          `json:"op"`
			Path  string          `json:"path"`
			Value json.RawMessage `json:"value"`
		} `json:"Operations"`
	}
	if err := json.Unmarshal(body, &req); err != nil || len(req.Operations) == 0 {
		return nil, badRequest("invalidSyntax")
	}
	ops := make([]patchOp, 0, len(req.Operations))
	for _, o := range req.Operations {
		op := patchOp{op: strings.ToLower(o.Op), path: strings.TrimSpace(o.Path)}
		if len(o.Value) > 0 {
			if err := json.Unmarshal(o.Value, &op.value); err != nil {
				return nil, badRequest("invalidSyntax")
			}
		}
		switch {
		case op.op != "add" && op.op != "replace" && op.op != "remove":
			return nil, badRequest("invalidSyntax")
		case op.op == "remove" && op.path == "":
			return nil, badRequest("noTarget")
		case op.op != "remove" && op.value == nil:
			return nil, badRequest("invalidValue")
		}
		ops = append(ops, op)
	}
	return ops, nil
}

// splitNoPath turns an op without a path into one op per attribute of its
// value; AWS allows only one.
func (s *Server) splitNoPath(op patchOp) ([]patchOp, *apiError) {
	if op.path != "" {
		return []patchOp{op}, nil
	}
	m, ok := op.value.(map[string]any)
	if !ok || len(m) == 0 || (s.opts.AWSMode && len(m) != 1) {
		return nil, badRequest("invalidValue")
	}
	out := make([]patchOp, 0, len(m))
	for k, v := range m {
		out = append(out, patchOp{op: op.op, path: k, value: v})
	}
	return out, nil
}

func (s *Server) patchUser(u *resource, body []byte) result {
	ops, e := decodePatch(body)
	if e != nil {
		return fail(e)
	}
	attrs := cloneMap(u.attrs)
	for _, op := range ops {
		if op.path == "" {
			if _, e := s.splitNoPath(op); e != nil {
				return fail(e)
			}
			value, _ := op.value.(map[string]any) // splitNoPath checked it
			mergeInto(attrs, value)
			continue
		}
		p, err := parsePath(op.path)
		if err != nil {
			return fail(badRequest("invalidPath"))
		}
		name := strings.ToLower(p.AttributePath.AttributeName)
		if op.op == "remove" && p.AttributePath.URI() == "" && (name == "username" || name == "active") && p.AttributePath.SubAttribute == nil {
			return fail(badRequest("mutability"))
		}
		if err := patch(attrs, op.op, op.path, op.value); err != nil {
			return fail(badRequest("noTarget"))
		}
	}
	return s.storeUser(u, attrs)
}
