package samlutil

import (
	"github.com/idaas-terraform/terraform-provider-idaas/internal/samlutil/samltest"
	"testing"
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

func BenchmarkBuildIdPMetadata(b *testing.B) {
	opts := idpOptions(rsaPair(b)) // RSA 2048, rsa-sha256, signed
	b.ReportAllocs()
	for b.Loop() {
		if _, err := BuildIdPMetadata(opts); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkVerifyIdPMetadata(b *testing.B) {
	p := rsaPair(b)
	doc, err := BuildIdPMetadata(idpOptions(p))
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := VerifyIdPMetadata(doc, p.cert); err != nil {
			b.Fatal(err)
		}
	}
}
