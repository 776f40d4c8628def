package consoleguide

import (
	"os"
	"path/filepath"
	"testing"
)

// The embedded SP metadata is the example's file.
func TestAWSSPMetadataIsTheExamples(t *testing.T) {
	want, err := os.ReadFile(filepath.Join("..", "..", "..", "examples", "aws-sso", "aws-sso-sp-metadata.xml"))
	if err != nil {
		t.Fatal(err)
	}
	if AWSSPMetadataXML != string(want) {
		t.Fatal("internal/emulator/consoleguide/aws-sso-sp-metadata.xml differs from examples/aws-sso/aws-sso-sp-metadata.xml: copy the example over it")
	}
}
