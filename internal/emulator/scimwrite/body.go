package scimwrite

import (
	"encoding/json"
	"fmt"
	"maps"
	"reflect"
	"slices"

	"github.com/idaas-terraform/terraform-provider-idaas/internal/scim/scimpath"
)

// MaxMembersPerPatch is how many member changes one group PATCH carries.
const MaxMembersPerPatch = 100

const patchSchema = "urn:ietf:params:scim:api:messages:2.0:PatchOp"

// PatchOp is one SCIM PATCH operation.
type PatchOp struct {
	Op    string `json:"op"`
	Path  string `json:"path,omitempty"`
	Value any    `json:"value,omitempty"`
}

// BuildUser turns attribute paths (`displayName`, `name.givenName`,
// `emails[type eq "work"].value`, `urn:...:enterprise:2.0:User:department`,
// ...) and their values into a user resource body. The first email is made
// primary when none is (AWS requires it). Nil values are skipped.
func BuildUser(attrs map[string]any) (map[string]any, error) {
	body := map[string]any{}
	for _, p := range slices.Sorted(maps.Keys(attrs)) {
		if attrs[p] == nil {
			continue
		}
		if err := Apply(body, "add", p, attrs[p]); err != nil {
			return nil, fmt.Errorf("scimwrite: attribute %q: %w", p, err)
		}
	}
	if emails, ok := body["emails"].([]any); ok && len(emails) > 0 {
		hasPrimary := false
		for _, e := range emails {
			if m, ok := e.(map[string]any); ok && m["primary"] == true {
				hasPrimary = true
			}
		}
		if m, ok := emails[0].(map[string]any); ok && !hasPrimary {
			m["primary"] = true
		}
	}
	schemas := []any{scimpath.CoreUserSchema}
	if _, ok := body[scimpath.EnterpriseUser]; ok {
		schemas = append(schemas, scimpath.EnterpriseUser)
	}
	body["schemas"] = schemas
	return body, nil
}

// Diff compares a resource with desired attribute-path values and returns
// the minimal PATCH: one replace per differing path (a remove when the
// desired value is nil and the attribute is set). Every op has a path, as
// AWS requires. userName and active are never removed.
func Diff(current map[string]any, desired map[string]any) []PatchOp {
	var ops []PatchOp
	for _, p := range slices.Sorted(maps.Keys(desired)) {
		want := desired[p]
		have, ok := scimpath.Get(current, p)
		switch {
		case want == nil && ok && have != nil && p != "userName" && p != "active":
			ops = append(ops, PatchOp{Op: "remove", Path: p})
		case want != nil && (!ok || !sameJSON(have, want)):
			ops = append(ops, PatchOp{Op: "replace", Path: p, Value: want})
		}
	}
	return ops
}

func sameJSON(a, b any) bool {
	norm := func(v any) any {
		var out any
		data, _ := json.Marshal(v)
		_ = json.Unmarshal(data, &out)
		return out
	}
	return reflect.DeepEqual(norm(a), norm(b))
}

func patchBody(ops []PatchOp) map[string]any {
	return map[string]any{"schemas": []string{patchSchema}, "Operations": ops}
}
