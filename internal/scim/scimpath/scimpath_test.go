package scimpath

import (
	"reflect"
	"testing"
)

// A user as AWS IAM Identity Center answers it (shared/reference/aws-scim.md).
func awsUser() map[string]any {
	return map[string]any{
		"schemas":      []any{CoreUserSchema, EnterpriseUser},
		"id":           "9067-u1",
		"externalId":   "idp-001",
		"userName":     "Ada@Example.com",
		"displayName":  "Ada Lovelace",
		"active":       true,
		"name":         map[string]any{"givenName": "Ada", "familyName": "Lovelace"},
		"emails":       []any{map[string]any{"value": "ada@example.com", "type": "work", "primary": true}},
		"groups":       []any{map[string]any{"value": "9067-g1"}, map[string]any{"value": "9067-g2"}},
		EnterpriseUser: map[string]any{"department": "R&D", "manager": map[string]any{"value": "9067-u0"}},
	}
}

func TestGet(t *testing.T) {
	u := awsUser()
	for _, tc := range []struct {
		path string
		want any
		ok   bool
	}{
		{"userName", "Ada@Example.com", true},
		{"USERNAME", "Ada@Example.com", true}, // attribute names ignore case (RFC 7643 2.1)
		{"displayName", "Ada Lovelace", true},
		{"active", true, true},
		{"name.givenName", "Ada", true},
		{"name.familyname", "Lovelace", true},
		{"emails.value", "ada@example.com", true},
		{`emails[type eq "work"].value`, "ada@example.com", true},
		{`emails[primary eq true].value`, "ada@example.com", true},
		{`emails[type eq "home"].value`, nil, false},
		{CoreUserSchema + ":userName", "Ada@Example.com", true},
		{EnterpriseUser + ":department", "R&D", true},
		{EnterpriseUser + ":manager.value", "9067-u0", true},
		{"title", nil, false},
		{"name.middleName", nil, false},
		{"emails[", nil, false}, // not a path
	} {
		got, ok := Get(u, tc.path)
		if ok != tc.ok || !reflect.DeepEqual(got, tc.want) {
			t.Errorf("Get(%q) = %v, %v; want %v, %v", tc.path, got, ok, tc.want, tc.ok)
		}
	}
}

func TestValues(t *testing.T) {
	u := awsUser()
	for path, want := range map[string][]any{
		"groups.value":     {"9067-g1", "9067-g2"},
		"emails.type":      {"work"},
		"name":             {map[string]any{"givenName": "Ada", "familyName": "Lovelace"}},
		"phoneNumbers":     nil,
		"addresses.street": nil,
	} {
		p, err := Parse(path)
		if err != nil {
			t.Fatal(err)
		}
		if got := Values(u, p.AttributePath); !reflect.DeepEqual(got, want) {
			t.Errorf("Values(%q) = %v, want %v", path, got, want)
		}
	}
}

// The filters AWS accepts (eq, joined by and, on the attributes it lists)
// and a few RFC 7644 ones the provider passes through.
func TestMatch(t *testing.T) {
	u := awsUser()
	group := map[string]any{"id": "9067-g1", "displayName": "AWS Administrators", "externalId": "grp-1",
		"members": []any{map[string]any{"value": "9067-u1"}, map[string]any{"value": "9067-u2"}}}
	for _, tc := range []struct {
		res    map[string]any
		filter string
		want   bool
	}{
		{u, `userName eq "ada@example.com"`, true}, // string comparisons ignore case
		{u, `userName eq "grace@example.com"`, false},
		{u, `externalId eq "idp-001"`, true},
		{u, `id eq "9067-u1"`, true},
		{u, `groups.value eq "9067-g2"`, true},
		{u, `groups.value eq "9067-g3"`, false},
		{u, `userName eq "ada@example.com" and externalId eq "idp-001"`, true},
		{u, `userName eq "ada@example.com" and externalId eq "idp-002"`, false},
		{group, `displayName eq "AWS Administrators"`, true},
		{group, `externalId eq "grp-1"`, true},
		{group, `id eq "9067-g1" and members eq "9067-u2"`, true}, // members compares members.value
		{group, `id eq "9067-g1" and members eq "9067-u3"`, false},
		{group, `members.value eq "9067-u1"`, true},
		{group, `id eq "9067-g2" and members eq "9067-u1"`, false},
		// RFC 7644 beyond AWS.
		{u, `emails[type eq "work" and primary eq true]`, true},
		{u, `emails[type eq "home"]`, false},
		{u, `title pr`, false},
		{u, `displayName pr`, true},
		{u, `displayName sw "ada"`, true},
		{u, `displayName co "love"`, true},
		{u, `displayName ew "lace"`, true},
		{u, `userName ne "x" or id eq "nope"`, true},
		{u, `not (active eq true)`, false},
		{u, `title ne "boss"`, true}, // an absent attribute is not equal to anything
	} {
		e, err := ParseFilter(tc.filter)
		if err != nil {
			t.Fatalf("ParseFilter(%q): %v", tc.filter, err)
		}
		got, err := Match(e, tc.res)
		if err != nil || got != tc.want {
			t.Errorf("Match(%q) = %v, %v; want %v", tc.filter, got, err, tc.want)
		}
	}
}

func TestParseErrors(t *testing.T) {
	for _, f := range []string{`userName eq`, `(`, `emails[type eq "work"`, ``} {
		if _, err := ParseFilter(f); err == nil {
			t.Errorf("ParseFilter(%q) accepted", f)
		}
	}
	for _, p := range []string{`emails[`, `[[`, `emails[type eq "work"]]`} {
		if _, err := Parse(p); err == nil {
			t.Errorf("Parse(%q) accepted", p)
		}
	}
}
