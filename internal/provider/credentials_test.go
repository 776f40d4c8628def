package provider

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestReadCredentialsFileExpandsHome(t *testing.T) {
	home := t.TempDir()
	t.Setenv("HOME", home)
	if err := os.WriteFile(filepath.Join(home, "creds.json"), []byte(`{"applicationId":"a","hostname":"t.example.com","sharedSecret":"s"}`), 0o600); err != nil {
		t.Fatal(err)
	}
	c, err := readCredentialsFile("~/creds.json")
	if err != nil || c.ApplicationID != "a" || c.Hostname != "t.example.com" || c.SharedSecret != "s" {
		t.Fatalf("got %+v, %v", c, err)
	}
	if _, err := readCredentialsFile("~/missing.json"); err == nil || !strings.Contains(err.Error(), "missing.json") {
		t.Fatalf("a missing file must name it: %v", err)
	}
	_ = os.WriteFile(filepath.Join(home, "partial.json"), []byte(`{"hostname":"t.example.com"}`), 0o600)
	if _, err := readCredentialsFile(filepath.Join(home, "partial.json")); err == nil || !strings.Contains(err.Error(), "lacks applicationId or sharedSecret") {
		t.Fatalf("an incomplete file must say what it lacks: %v", err)
	}
}
