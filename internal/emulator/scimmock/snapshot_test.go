package scimmock

import (
	"encoding/json"
	"reflect"
	"strings"
	"testing"
)

// A snapshot taken, kept as JSON and restored into a new server of the same
// tenant serves the same users, groups (members included) and token; one
// that breaks the server's invariants is refused and changes nothing.
func TestSnapshotRoundTrip(t *testing.T) {
	e := newEnv(t, true)
	_, u := e.do("POST", "Users", map[string]any{"userName": "jane", "displayName": "Jane", "name": map[string]any{"givenName": "Jane", "familyName": "Doe"}, "externalId": "x1"})
	id, _ := u["id"].(string)
	if code, _ := e.do("POST", "Groups", map[string]any{"displayName": "admins", "members": []any{map[string]any{"value": id}}}); code != 201 {
		t.Fatalf("create group: %d", code)
	}
	raw, err := json.Marshal(e.s.Snapshot())
	if err != nil {
		t.Fatal(err)
	}
	var snap Snapshot
	if err := json.Unmarshal(raw, &snap); err != nil {
		t.Fatal(err)
	}
	s2 := New(Options{AWSMode: true, TenantID: e.s.TenantID()})
	if err := s2.Restore(snap); err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(s2.Users(), e.s.Users()) || !reflect.DeepEqual(s2.Groups(), e.s.Groups()) {
		t.Fatalf("restored users/groups differ:\n%v\n%v\nwant\n%v\n%v", s2.Users(), s2.Groups(), e.s.Users(), e.s.Groups())
	}
	if _, ok := snap.Tokens[e.tok]; !ok {
		t.Error("the token is not in the snapshot")
	}
	if err := New(Options{TenantID: "other"}).Restore(snap); err == nil || !strings.Contains(err.Error(), "SCIM tenant") {
		t.Errorf("restoring into another tenant: %v", err)
	}
	bad := snap
	bad.Groups = []SnapshotResource{{ID: "g", Attrs: map[string]any{"displayName": "x"}, Members: []string{"nobody"}}}
	if err := s2.Restore(bad); err == nil || !strings.Contains(err.Error(), "no user") {
		t.Errorf("a member that is no user: %v", err)
	}
	if len(s2.Groups()) != 1 || s2.Groups()[0].DisplayName != "admins" {
		t.Error("a refused Restore changed the server")
	}
}
