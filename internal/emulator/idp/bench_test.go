package idp

import "testing"

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
