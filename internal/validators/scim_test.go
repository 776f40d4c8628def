package validators

import (
	"strings"
	"testing"
)

func TestCheckSCIMUserAttribute(t *testing.T) {
	for _, ok := range []string{"displayName", "userName", "name.givenName", "name.familyName", "active", `emails[type eq "work"].value`,
		`phoneNumbers[type eq "mobile"].value`, `addresses[type eq "work"].locality`, "title",
		"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department",
		"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager.value",
		"urn:ietf:params:scim:schemas:core:2.0:User:nickName"} {
		if err := CheckSCIMUserAttribute(ok); err != nil {
			t.Errorf("%s: %v", ok, err)
		}
	}
	for bad, want := range map[string]string{
		"displayname": `written "displayName"`, "name.given": "set one sub-attribute of name", "emails.value": "multi-valued",
		"externalId": "always sends the tenant user's UUID", "groups": "not an attribute", "password": "not an attribute",
		"foo": "not an attribute", "": "not a SCIM attribute path", "name[": "not a SCIM attribute path", "active.x": "single value",
		"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:shoeSize": "not an attribute",
	} {
		err := CheckSCIMUserAttribute(bad)
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%q: got %v, want %q", bad, err, want)
		}
	}
}
