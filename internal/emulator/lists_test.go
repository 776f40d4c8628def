package emulator

import (
	"encoding/json"
	"strings"
	"testing"
)

// userspaged searches as groupspaged does, keeps the search and the asked
// attributes across cursors, includes groups and values only when asked,
// and refuses what it does not know with a 400 naming it.
func TestUsersPaged(t *testing.T) {
	h := newHarness(t, Options{})
	_, body := h.call("POST", "/api/web/v1/groups", map[string]string{"name": "G"})
	var g struct{ ID string }
	_ = json.Unmarshal(body, &g)
	for _, u := range []string{"bob", "ann", "al", "carl"} {
		_, body := h.call("POST", "/api/web/v3/users", map[string]string{"userId": u, "email": u + "@example.com"})
		var v struct{ ID string }
		_ = json.Unmarshal(body, &v)
		h.call("PUT", "/api/web/v1/userauthorizationgroup/"+v.ID+"/groups", []string{g.ID})
	}
	type page struct {
		Paging  struct{ NextCursor string }
		Results []struct {
			UserID string
			Groups []struct{ ID string }
		}
	}
	var ids []string
	groups := 0
	req := map[string]any{"limit": 1, "attributes": []string{"groups"},
		"searchByAttributes": []map[string]string{{"name": "email", "operator": "ENDS_WITH", "value": "@EXAMPLE.com"}, {"name": "userId", "operator": "NOT_EQUALS", "value": "bob"}}}
	for range 10 {
		status, body := h.call("POST", "/api/web/v1/userspaged", req)
		if status != 200 {
			t.Fatalf("userspaged: %d %s", status, body)
		}
		var p page
		_ = json.Unmarshal(body, &p)
		for _, r := range p.Results {
			ids = append(ids, r.UserID)
			groups += len(r.Groups)
		}
		if p.Paging.NextCursor == "" {
			break
		}
		req = map[string]any{"cursor": p.Paging.NextCursor}
	}
	if strings.Join(ids, ",") != "al,ann,carl" || groups != 3 {
		t.Fatalf("pages gave %v with %d groups", ids, groups)
	}
	_, body = h.call("POST", "/api/web/v1/userspaged", map[string]any{})
	if strings.Contains(string(body), `"groups"`) || strings.Contains(string(body), `"userAttributeValues"`) {
		t.Fatalf("groups or values nobody asked for: %s", body)
	}
	for _, bad := range []map[string]any{
		{"attributes": []string{"password"}},
		{"searchByAttributes": []map[string]string{{"name": "password", "operator": "EQUALS", "value": "x"}}},
		{"searchByAttributes": []map[string]string{{"name": "userId", "operator": "LIKE", "value": "x"}}},
		{"limit": 101},
		{"cursor": "nonsense!"},
	} {
		if status, body := h.call("POST", "/api/web/v1/userspaged", bad); status != 400 || !strings.Contains(string(body), "INVALID_PARAMETER") {
			t.Errorf("%v: %d %s", bad, status, body)
		}
	}
}
