package samlutil

import (
	"testing"

	"github.com/idaas-terraform/terraform-provider-idaas/internal/samlutil/samltest"
)

func BenchmarkParseSPMetadata(b *testing.B) {
	doc := samltest.AWSSPMetadataExample("us-east-1", "d-9067xxxxxx", "3f2b1c9e-7a4d-4e8b-9c61-5d2f0a8b7e14")
	b.SetBytes(int64(len(doc)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := ParseSPMetadata(doc); err != nil {
			b.Fatal(err)
		}
	}
}
