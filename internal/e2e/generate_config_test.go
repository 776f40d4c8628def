package e2e

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// managedIDs returns address -> id for every managed resource in state.
func (w *workspace) managedIDs() map[string]string {
	w.t.Helper()
	out := w.run(0, "show", "-json")
	var doc struct {
		Values struct {
			RootModule struct {
				Resources []struct {
					Address string         `json:"address"`
					Mode    string         `json:"mode"`
					Type    string         `json:"type"`
					Values  map[string]any `json:"values"`
				} `json:"resources"`
			} `json:"root_module"`
		} `json:"values"`
	}
	if err := json.Unmarshal([]byte(out), &doc); err != nil {
		w.t.Fatal(err)
	}
	ids := map[string]string{}
	for _, r := range doc.Values.RootModule.Resources {
		if r.Mode == "managed" && strings.HasPrefix(r.Type, "idaas_") {
			id, _ := r.Values["id"].(string)
			if imp, ok := r.Values["import_id"].(string); ok && imp != "" {
				id = imp
			}
			ids[r.Address] = id
		}
	}
	return ids
}

// importRoundTrip imports every idaas resource that config created into an
// empty workspace with import blocks, lets Terraform generate their
// configuration, and checks that the result applies and then plans clean.
func importRoundTrip(t *testing.T, config string) {
	w := newWorkspace(t, config)
	w.run(0, "apply", "-auto-approve", "-input=false", "-no-color")
	ids := w.managedIDs()
	if len(ids) == 0 {
		t.Fatal("nothing to import")
	}
	var imports strings.Builder
	imports.WriteString(providerBlock)
	for addr, id := range ids {
		fmt.Fprintf(&imports, "import {\n  to = %s\n  id = %q\n}\n", addr, id)
	}
	w.write(imports.String())
	if err := os.Remove(filepath.Join(w.dir, "terraform.tfstate")); err != nil {
		t.Fatal(err)
	}
	w.run(2, "plan", "-detailed-exitcode", "-input=false", "-no-color", "-generate-config-out=generated.tf")
	generated, _ := os.ReadFile(filepath.Join(w.dir, "generated.tf"))
	t.Logf("generated configuration:\n%s", generated)
	out := w.run(0, "apply", "-auto-approve", "-input=false", "-no-color")
	if !strings.Contains(out, fmt.Sprintf("%d imported, 0 added, 0 changed, 0 destroyed", len(ids))) {
		t.Fatalf("the import apply changed something:\n%s", out)
	}
	w.run(0, "plan", "-detailed-exitcode", "-input=false", "-no-color")
}

func TestImportBlocksGenerateConfigThatPlansClean(t *testing.T) {
	importRoundTrip(t, foundation)
}
