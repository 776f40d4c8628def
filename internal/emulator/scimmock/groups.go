package scimmock

import (
	"net/http"
	"slices"
	"strings"
)

const maxMemberChanges = 100

func (s *Server) renderGroup(g *resource) map[string]any {
	return s.renderGroupMembers(g, !s.opts.AWSMode)
}

// renderGroupMembers renders a group; AWS reads always show "members": [].
func (s *Server) renderGroupMembers(g *resource, withMembers bool) map[string]any {
	out := cloneMap(g.attrs)
	out["schemas"] = []any{coreGroupSchema}
	out["id"] = g.id
	members := []any{}
	if withMembers {
		for _, m := range g.members {
			entry := map[string]any{"value": m, "type": "User"}
			if u := s.find("Users", m); u != nil && str(u.attrs, "displayName") != "" {
				entry["display"] = str(u.attrs, "displayName")
			}
			members = append(members, entry)
		}
	}
	out["members"] = members
	out["meta"] = meta("Group", g)
	return out
}

// memberIDs reads a members value: a list of {"value": id} (or one such
// object); every id must name an existing user.
func (s *Server) memberIDs(v any) ([]string, *apiError) {
	list, ok := v.([]any)
	if !ok {
		if m, isMap := v.(map[string]any); isMap {
			list = []any{m}
		} else {
			return nil, badRequest("invalidValue")
		}
	}
	ids := make([]string, 0, len(list))
	for _, e := range list {
		m, _ := e.(map[string]any)
		id := str(m, "value")
		if id == "" {
			return nil, badRequest("invalidValue")
		}
		if s.find("Users", id) == nil {
			return nil, notFound(id)
		}
		ids = append(ids, id)
	}
	return ids, nil
}

// groupFromBody validates a POST or PUT group body.
func (s *Server) groupFromBody(body []byte, selfID string) (map[string]any, []string, *apiError) {
	in, e := decodeObject(body)
	if e != nil {
		return nil, nil, e
	}
	attrs := map[string]any{}
	name := str(in, "displayName")
	if e := s.checkGroupName(name, selfID); e != nil {
		return nil, nil, e
	}
	attrs["displayName"] = name
	if ext := str(in, "externalId"); ext != "" {
		attrs["externalId"] = ext
	}
	var members []string
	if v, ok := in["members"]; ok && v != nil {
		if members, e = s.memberIDs(v); e != nil {
			return nil, nil, e
		}
		if s.opts.AWSMode && len(members) > maxMemberChanges {
			return nil, nil, badRequest("tooMany")
		}
	}
	return attrs, dedupe(members), nil
}

func (s *Server) checkGroupName(name, selfID string) *apiError {
	if strings.TrimSpace(name) == "" || len(name) > 1024 {
		return badRequest("invalidValue")
	}
	for _, g := range s.groups {
		if g.id != selfID && strings.EqualFold(str(g.attrs, "displayName"), name) {
			return conflict()
		}
	}
	return nil
}

// dedupe drops repeated ids, keeping the first of each in order.
func dedupe(ids []string) []string {
	out := make([]string, 0, len(ids))
	seen := make(map[string]bool, len(ids))
	for _, id := range ids {
		if !seen[id] {
			seen[id] = true
			out = append(out, id)
		}
	}
	return out
}

func (s *Server) createGroup(body []byte) result {
	attrs, members, e := s.groupFromBody(body, "")
	if e != nil {
		return fail(e)
	}
	g := s.newResource(attrs)
	g.members = members
	s.groups = append(s.groups, g)
	s.idx.addGroup(g)
	return result{status: http.StatusCreated, body: s.renderGroup(g)}
}

func (s *Server) putGroup(g *resource, body []byte) result {
	attrs, members, e := s.groupFromBody(body, g.id)
	if e != nil {
		return fail(e)
	}
	g.attrs, g.members = attrs, members
	s.touch(g)
	return result{status: http.StatusOK, body: s.renderGroup(g)}
}

// patchGroup applies ops to a copy of the group and commits it only if
// every op is acceptable.
func (s *Server) patchGroup(g *resource, body []byte) result {
	ops, e := decodePatch(body)
	if e != nil {
		return fail(e)
	}
	attrs := cloneMap(g.attrs)
	members := slices.Clone(g.members)
	changes := 0
	for _, op := range ops {
		split, e := s.splitNoPath(op)
		if e != nil {
			return fail(e)
		}
		for _, o := range split {
			n, e := s.patchGroupOp(g.id, attrs, &members, o)
			if e != nil {
				return fail(e)
			}
			changes += n
		}
	}
	if s.opts.AWSMode && changes > maxMemberChanges {
		return fail(badRequest("tooMany"))
	}
	g.attrs, g.members = attrs, members
	s.touch(g)
	return result{status: http.StatusNoContent}
}

// patchGroupOp applies one op with a path and returns how many member
// changes it made.
func (s *Server) patchGroupOp(id string, attrs map[string]any, members *[]string, op patchOp) (int, *apiError) {
	p, err := parsePath(op.path)
	if err != nil || (p.AttributePath.URI() != "" && p.AttributePath.URI() != coreGroupSchema) {
		return 0, badRequest("invalidPath")
	}
	switch strings.ToLower(p.AttributePath.AttributeName) {
	case "displayname":
		name, _ := op.value.(string)
		if op.op == "remove" || p.ValueExpression != nil {
			return 0, badRequest("mutability")
		}
		if e := s.checkGroupName(name, id); e != nil {
			return 0, e
		}
		attrs["displayName"] = name
		return 0, nil
	case "externalid":
		if op.op == "remove" {
			delete(attrs, "externalId")
		} else if ext, ok := op.value.(string); ok {
			attrs["externalId"] = ext
		} else {
			return 0, badRequest("invalidValue")
		}
		return 0, nil
	case "members":
		return s.patchMembers(members, p.ValueExpression != nil, op)
	}
	return 0, badRequest("invalidPath")
}

func (s *Server) patchMembers(members *[]string, filtered bool, op patchOp) (int, *apiError) {
	if filtered {
		if op.op != "remove" {
			return 0, badRequest("invalidPath")
		}
		p, _ := parsePath(op.path)
		drop := map[string]bool{}
		for _, m := range *members {
			if matches(p.ValueExpression, map[string]any{"value": m}) {
				drop[m] = true
			}
		}
		*members = removeIDs(*members, drop)
		return max(len(drop), 1), nil
	}
	if op.op == "replace" || (op.op == "remove" && op.value == nil) {
		if s.opts.AWSMode {
			return 0, &apiError{status: http.StatusBadRequest, detail: DetailReplaceMembers, scimType: "mutability"}
		}
		*members = nil
		if op.op == "remove" {
			return 0, nil
		}
	}
	ids, e := s.memberIDs(op.value)
	if e != nil {
		return 0, e
	}
	if op.op == "remove" {
		drop := map[string]bool{}
		for _, id := range ids {
			drop[id] = true
		}
		*members = removeIDs(*members, drop)
	} else {
		*members = dedupe(append(*members, ids...))
	}
	return len(ids), nil
}
