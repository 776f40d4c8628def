package provisioning

import (
	"testing"

	"github.com/idaas-terraform/terraform-provider-idaas/internal/emulator/scimwrite"
)

// BenchmarkMapUser maps one user through the AWS default mappings plus an
// enterprise and a constant mapping: the desired attributes, their hash (what
// a re-sync compares) and the SCIM resource built from them.
func BenchmarkMapUser(b *testing.B) {
	ms := append(DefaultMappings("aws"),
		Mapping{SCIMAttribute: "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department", UserAttribute: "Department"},
		Mapping{SCIMAttribute: "title", Value: "Engineer"})
	u := User{ID: "00000000-0000-0000-0000-000000000001", Groups: []string{"g"}, Attributes: map[string]string{
		"User ID": "jdoe", "First Name": "Jane", "Last Name": "Doe", "Email": "jdoe@example.com", "State": "ACTIVE", "Department": "R&D",
	}}
	b.ReportAllocs()
	for b.Loop() {
		want := desired(ms, u)
		_ = hashOf(want)
		if _, err := scimwrite.BuildUser(want); err != nil {
			b.Fatal(err)
		}
	}
}
