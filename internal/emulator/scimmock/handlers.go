package scimmock

import (
	"encoding/base64"
	"encoding/json"
	"maps"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/google/uuid"
	filter "github.com/scim2/filter-parser/v2"
)

const listSchema = "urn:ietf:params:scim:api:messages:2.0:ListResponse"

// result is what a handler answers: a status and a JSON body, or an error.
type result struct {
	status int
	body   any
	err    *apiError
}

func fail(e *apiError) result { return result{err: e} }

// handle dispatches one authenticated request and writes the answer to w.
func (s *Server) handle(w http.ResponseWriter, r *http.Request, kind, id string) {
	var body []byte
	if r.Method == http.MethodPost || r.Method == http.MethodPut || r.Method == http.MethodPatch {
		var ok bool
		if body, ok = s.readBody(w, r); !ok {
			return
		}
	}
	res := s.dispatch(r, kind, id, body)
	if res.err != nil {
		s.writeAPIError(w, res.err)
		return
	}
	if res.status == http.StatusNoContent {
		w.WriteHeader(res.status)
		return
	}
	writeJSON(w, res.status, res.body)
}

func (s *Server) dispatch(r *http.Request, kind, id string, body []byte) (res result) {
	defer func() {
		if p := recover(); p != nil {
			res = fail(&apiError{status: http.StatusInternalServerError})
		}
	}()
	s.mu.Lock()
	defer s.mu.Unlock()
	m := r.Method
	switch {
	case kind == "Users" && id == "" && m == http.MethodGet:
		return s.list(r, s.users, s.renderUser, s.userFilterViews, awsUserFilterAttrs)
	case kind == "Users" && id == "" && m == http.MethodPost:
		return s.createUser(body)
	case kind == "Groups" && id == "" && m == http.MethodGet:
		return s.list(r, s.groups, s.renderGroup, s.groupFilterViews, awsGroupFilterAttrs)
	case kind == "Groups" && id == "" && m == http.MethodPost:
		return s.createGroup(body)
	case kind == "ServiceProviderConfig" && id == "" && m == http.MethodGet:
		return result{status: http.StatusOK, body: serviceProviderConfig}
	case kind == "Schemas" && id == "" && m == http.MethodGet:
		return result{status: http.StatusOK, body: listOf(schemas)}
	case kind == "ResourceTypes" && id == "" && m == http.MethodGet:
		return result{status: http.StatusOK, body: listOf(resourceTypes)}
	case (kind == "Users" || kind == "Groups") && id != "":
		return s.dispatchID(m, kind, id, body)
	}
	if kind == "Users" || kind == "Groups" || kind == "ServiceProviderConfig" || kind == "Schemas" || kind == "ResourceTypes" {
		return fail(&apiError{status: http.StatusMethodNotAllowed})
	}
	return fail(&apiError{status: http.StatusNotFound, detail: "Resource not found."})
}

func (s *Server) dispatchID(m, kind, id string, body []byte) result {
	res := s.find(kind, id)
	if res == nil {
		return fail(notFound(id))
	}
	users := kind == "Users"
	switch m {
	case http.MethodGet:
		if users {
			return result{status: http.StatusOK, body: s.renderUser(res)}
		}
		return result{status: http.StatusOK, body: s.renderGroup(res)}
	case http.MethodDelete:
		s.delete(kind, id)
		return result{status: http.StatusNoContent}
	case http.MethodPut:
		if users {
			return s.putUser(res, body)
		}
		if s.opts.AWSMode {
			return fail(&apiError{status: http.StatusMethodNotAllowed, detail: "PUT is not supported on Groups."})
		}
		return s.putGroup(res, body)
	case http.MethodPatch:
		if users {
			return s.patchUser(res, body)
		}
		return s.patchGroup(res, body)
	}
	return fail(&apiError{status: http.StatusMethodNotAllowed})
}

func (s *Server) find(kind, id string) *resource {
	if kind == "Groups" {
		return s.idx.groups[id]
	}
	return s.idx.users[id]
}

func (s *Server) delete(kind, id string) {
	keep := func(list []*resource) []*resource {
		out := list[:0]
		for _, r := range list {
			if r.id != id {
				out = append(out, r)
			}
		}
		return out
	}
	if kind == "Groups" {
		s.groups = keep(s.groups)
		delete(s.idx.groups, id)
		return
	}
	if u := s.idx.users[id]; u != nil {
		s.idx.unindexUser(u)
	}
	s.users = keep(s.users)
	for _, g := range s.groups {
		g.members = removeIDs(g.members, map[string]bool{id: true})
	}
}

func removeIDs(ids []string, drop map[string]bool) []string {
	out := ids[:0]
	for _, m := range ids {
		if !drop[m] {
			out = append(out, m)
		}
	}
	return out
}

// newResource stamps a new resource with an id, a sequence number and times.
func (s *Server) newResource(attrs map[string]any) *resource {
	now := s.now().UTC().Truncate(time.Second)
	s.seq++
	return &resource{id: uuid.NewString(), seq: s.seq, attrs: attrs, created: now, modified: now}
}

func (s *Server) touch(r *resource) { r.modified = s.now().UTC().Truncate(time.Second) }

func meta(kind string, r *resource) map[string]any {
	return map[string]any{
		"resourceType": kind,
		"created":      r.created.Format(time.RFC3339),
		"lastModified": r.modified.Format(time.RFC3339),
	}
}

// decodeObject parses a JSON object body.
func decodeObject(body []byte) (map[string]any, *apiError) {
	var m map[string]any
	if err := json.Unmarshal(body, &m); err != nil || m == nil {
		return nil, badRequest("invalidSyntax")
	}
	return m, nil
}

// clone deep-copies a JSON value.
// cloneMap deep-copies a resource's attributes.
func cloneMap(m map[string]any) map[string]any {
	out := make(map[string]any, len(m))
	for k, v := range m {
		out[k] = clone(v)
	}
	return out
}

func clone(v any) any {
	switch x := v.(type) {
	case map[string]any:
		m := make(map[string]any, len(x))
		for k, e := range x {
			m[k] = clone(e)
		}
		return m
	case []any:
		l := make([]any, len(x))
		for i, e := range x {
			l[i] = clone(e)
		}
		return l
	}
	return v
}

// Filterable attributes in AWS mode, lower-cased.
var (
	awsUserFilterAttrs  = map[string]bool{"username": true, "externalid": true, "id": true, "groups.value": true}
	awsGroupFilterAttrs = map[string]bool{"displayname": true, "externalid": true, "id": true, "members": true, "members.value": true}
)

// awsFilterOK reports whether e is eq comparisons joined by and on allowed
// attributes.
func awsFilterOK(e filter.Expression, allowed map[string]bool) bool {
	switch x := e.(type) {
	case *filter.AttributeExpression:
		name := strings.ToLower(x.AttributePath.AttributeName)
		if sub := x.AttributePath.SubAttributeName(); sub != "" {
			name += "." + strings.ToLower(sub)
		}
		_, isString := x.CompareValue.(string)
		return x.Operator == filter.EQ && isString && x.AttributePath.URI() == "" && allowed[name]
	case *filter.LogicalExpression:
		return x.Operator == filter.AND && awsFilterOK(x.Left, allowed) && awsFilterOK(x.Right, allowed)
	}
	return false
}

// list answers GET on a collection: filter, then a cursor page or the first
// (plain mode: the startIndex-th) page.
func (s *Server) list(r *http.Request, items []*resource, render func(*resource) map[string]any,
	views func([]*resource) []map[string]any, awsAllowed map[string]bool) result {
	q := r.URL.Query()
	count := 100
	if c := q.Get("count"); c != "" {
		n, err := strconv.Atoi(c)
		if err != nil {
			return fail(badRequest("invalidValue"))
		}
		count = min(max(n, 0), 100)
		if s.opts.AWSMode {
			count = max(count, 1)
		}
	}
	selected := items
	if q.Has("filter") {
		expr, err := parseFilter(q.Get("filter"))
		if err != nil || (s.opts.AWSMode && !awsFilterOK(expr, awsAllowed)) {
			return fail(badRequest("invalidFilter"))
		}
		selected = nil
		for i, v := range views(items) {
			if matches(expr, v) {
				selected = append(selected, items[i])
			}
		}
	}
	resources := []any{}
	out := map[string]any{"schemas": []string{listSchema}}
	if q.Has("cursor") {
		var after int64
		if c := q.Get("cursor"); c != "" {
			b, err := base64.RawURLEncoding.DecodeString(c)
			if err == nil {
				after, err = strconv.ParseInt(string(b), 10, 64)
			}
			if err != nil {
				return fail(badRequest("invalidCursor"))
			}
		}
		var last int64
		more := false
		for _, it := range selected {
			if it.seq <= after {
				continue
			}
			if len(resources) == count {
				more = true
				break
			}
			resources = append(resources, render(it))
			last = it.seq
		}
		if more {
			out["nextCursor"] = base64.RawURLEncoding.EncodeToString([]byte(strconv.FormatInt(last, 10)))
		}
	} else {
		start := 1
		if si := q.Get("startIndex"); si != "" && !s.opts.AWSMode {
			if n, err := strconv.Atoi(si); err == nil && n > 1 {
				start = n
			}
		}
		for i := start - 1; i < len(selected) && len(resources) < count; i++ {
			resources = append(resources, render(selected[i]))
		}
		out["totalResults"] = len(selected)
		out["startIndex"] = start
	}
	out["itemsPerPage"] = len(resources)
	out["Resources"] = resources
	return result{status: http.StatusOK, body: out}
}

// userFilterViews renders users for filtering, with their groups.
func (s *Server) userFilterViews(users []*resource) []map[string]any {
	groupsOf := map[string][]any{}
	for _, g := range s.groups {
		for _, m := range g.members {
			groupsOf[m] = append(groupsOf[m], map[string]any{"value": g.id})
		}
	}
	out := make([]map[string]any, len(users))
	for i, u := range users {
		// Filters only read the view: a shallow copy is enough.
		v := make(map[string]any, len(u.attrs)+2)
		maps.Copy(v, u.attrs)
		v["id"] = u.id
		v["groups"] = groupsOf[u.id]
		out[i] = v
	}
	return out
}

// groupFilterViews renders groups for filtering, with their real members.
func (s *Server) groupFilterViews(groups []*resource) []map[string]any {
	out := make([]map[string]any, len(groups))
	for i, g := range groups {
		out[i] = s.renderGroupMembers(g, true)
	}
	return out
}

func listOf(items []map[string]any) map[string]any {
	l := make([]any, len(items))
	for i, it := range items {
		l[i] = it
	}
	return map[string]any{"schemas": []string{listSchema}, "totalResults": len(items), "itemsPerPage": len(items), "startIndex": 1, "Resources": l}
}

var serviceProviderConfig = map[string]any{
	"schemas":               []string{"urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig"},
	"documentationUri":      "https://docs.aws.amazon.com/singlesignon/latest/userguide/manage-your-identity-source-idp.html",
	"patch":                 map[string]any{"supported": true},
	"bulk":                  map[string]any{"supported": false, "maxOperations": 1, "maxPayloadSize": 1048576},
	"filter":                map[string]any{"supported": true, "maxResults": 100},
	"changePassword":        map[string]any{"supported": false},
	"sort":                  map[string]any{"supported": false},
	"etag":                  map[string]any{"supported": false},
	"authenticationSchemes": []any{map[string]any{"type": "oauthbearertoken", "name": "OAuth Bearer Token", "description": "Authentication scheme using the OAuth Bearer Token Standard", "primary": true}},
}

var schemas = []map[string]any{
	{"id": coreUserSchema, "name": "User", "description": "User Account"},
	{"id": coreGroupSchema, "name": "Group", "description": "Group"},
	{"id": enterpriseUser, "name": "EnterpriseUser", "description": "Enterprise User"},
}

var resourceTypes = []map[string]any{
	{"schemas": []string{"urn:ietf:params:scim:schemas:core:2.0:ResourceType"}, "id": "User", "name": "User", "endpoint": "/Users", "schema": coreUserSchema,
		"schemaExtensions": []any{map[string]any{"schema": enterpriseUser, "required": false}}},
	{"schemas": []string{"urn:ietf:params:scim:schemas:core:2.0:ResourceType"}, "id": "Group", "name": "Group", "endpoint": "/Groups", "schema": coreGroupSchema},
}
