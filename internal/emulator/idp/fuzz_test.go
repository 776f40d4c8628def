package idp

import (
	"testing"

	"github.com/idaas-terraform/terraform-provider-idaas/internal/samlutil/samltest"
)

// Run it longer with go test -fuzz=FuzzVerifyIdPMetadata -fuzztime=30s ./internal/emulator/idp.
func FuzzVerifyIdPMetadata(f *testing.F) {
	p := rsaPair(f)
	signed, err := BuildIdPMetadata(idpOptions(p))
	if err != nil {
		f.Fatal(err)
	}
	f.Add(signed)
	f.Add(samltest.AWSSPMetadataXML)
	f.Add(`<EntitiesDescriptor xmlns="urn:oasis:names:tc:SAML:2.0:metadata"><EntitiesDescriptor validUntil="x"/></EntitiesDescriptor>`)
	f.Fuzz(func(t *testing.T, doc string) {
		if ed, err := VerifyIdPMetadata(doc, p.cert); (err == nil) == (ed == nil) {
			t.Fatalf("VerifyIdPMetadata: %v, %v", ed, err)
		}
	})
}
