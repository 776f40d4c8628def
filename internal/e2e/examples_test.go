package e2e

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// Every example is `terraform fmt` clean and valid on its own; on the
// newest CLI (1.16+), `terraform validate` of every example prints no
// warning (an action triggered by a resource reads it through caller).
func TestExamplesAreFormattedAndValid(t *testing.T) {
	root := filepath.Join("..", "..", "examples")
	w := newWorkspace(t, "")
	if out := w.runIn(root, 0, "fmt", "-check", "-recursive", "-diff", "."); strings.TrimSpace(out) != "" {
		t.Fatalf("examples are not terraform fmt clean:\n%s", out)
	}
	var dirs []string
	err := filepath.WalkDir(root, func(p string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			files, _ := filepath.Glob(filepath.Join(p, "*.tf"))
			queries, _ := filepath.Glob(filepath.Join(p, "*.tfquery.hcl"))
			if len(files)+len(queries) > 0 {
				dirs = append(dirs, p)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(dirs) < 20 {
		t.Fatalf("found only %d example directories", len(dirs))
	}
	writeOnlyCLI := cliAtLeast(t, "1.11.0")
	identityCLI := cliAtLeast(t, "1.12.0") // import { identity = ... }
	queryCLI := cliAtLeast(t, "1.14.0")    // validate -query, .tfquery.hcl
	newestCLI := cliAtLeast(t, "1.16.0")   // on_failure, caller; warns on a reference to the triggering resource
	for _, dir := range dirs {
		rel, _ := filepath.Rel(root, dir)
		t.Run(rel, func(t *testing.T) {
			t.Parallel()
			if feature := needsTerraform111(t, dir); feature != "" && !writeOnlyCLI {
				skipBelowCLI(t, "1.11.0", "examples/"+rel+" uses "+feature)
			}
			if feature := needsTerraform116(t, dir); feature != "" && !newestCLI {
				skipBelowCLI(t, "1.16.0", "examples/"+rel+" uses "+feature)
			}
			ws := newWorkspace(t, "")
			if err := os.Remove(filepath.Join(ws.dir, "main.tf")); err != nil {
				t.Fatal(err)
			}
			if err := os.CopyFS(filepath.Join(ws.dir, "example"), os.DirFS(dir)); err != nil {
				t.Fatal(err)
			}
			mod := filepath.Join(ws.dir, "example")
			// The registry's examples leave out the required_providers block
			// that every real module has; add it where it is missing.
			if !hasRequiredProviders(t, mod) {
				req := "terraform {\n  required_providers {\n    idaas = { source = \"idaas-terraform/idaas\" }\n  }\n}\n"
				if err := os.WriteFile(filepath.Join(mod, "zz_required_providers.tf"), []byte(req), 0o600); err != nil {
					t.Fatal(err)
				}
			}
			// import-by-string-id.tf files stand beside resource.tf and only
			// make sense with it; import.sh is a shell example.
			// import-by-identity.tf imports the same resource, so each of the
			// two is validated without the other. list-resource.tfquery.hcl
			// files are validated with -query.
			// Older CLIs (1.8.5) validate what they know: without the
			// identity import and without -query (they read no .tfquery.hcl).
			// validate also checks tests/*.tftest.hcl, whose helper modules
			// terraform init installs (the provider comes from dev_overrides).
			if _, err := os.Stat(filepath.Join(mod, "tests")); err == nil {
				ws.runIn(mod, 0, "init", "-input=false", "-backend=false", "-no-color")
			}
			byIdentity := filepath.Join(mod, "import-by-identity.tf")
			if identity, err := os.ReadFile(byIdentity); err == nil {
				if err := os.Remove(byIdentity); err != nil {
					t.Fatal(err)
				}
				noWarning(t, rel, ws.runIn(mod, 0, "validate", "-no-color"), newestCLI)
				if identityCLI {
					if err := os.Remove(filepath.Join(mod, "import-by-string-id.tf")); err != nil && !os.IsNotExist(err) {
						t.Fatal(err)
					}
					if err := os.WriteFile(byIdentity, identity, 0o600); err != nil {
						t.Fatal(err)
					}
				}
			}
			if queryCLI {
				noWarning(t, rel, ws.runIn(mod, 0, "validate", "-query", "-no-color"), newestCLI)
			} else {
				ws.runIn(mod, 0, "validate", "-no-color")
			}
		})
	}
}

// runIn runs terraform in dir with the workspace's environment.
func (w *workspace) runIn(dir string, wantExit int, args ...string) string {
	w.t.Helper()
	saved := w.dir
	w.dir = dir
	defer func() { w.dir = saved }()
	return w.run(wantExit, args...)
}

func hasRequiredProviders(t *testing.T, dir string) bool {
	files, _ := filepath.Glob(filepath.Join(dir, "*.tf"))
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		if strings.Contains(string(b), "required_providers") {
			return true
		}
	}
	return false
}

// needsTerraform111 names the feature of Terraform 1.10 or 1.11 an example
// uses (ephemeral variables and resources: 1.10; write-only arguments:
// 1.11), or returns "".
func needsTerraform111(t *testing.T, dir string) string {
	features := []struct {
		re   *regexp.Regexp
		what string
	}{
		{regexp.MustCompile(`(?m)^\s*\w+_wo\s*=`), "write-only arguments"},
		{regexp.MustCompile(`(?m)^\s*ephemeral\s*=\s*true`), "ephemeral variables"},
		{regexp.MustCompile(`(?m)^ephemeral "`), "ephemeral resources"},
	}
	files, _ := filepath.Glob(filepath.Join(dir, "*.tf"))
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, ft := range features {
			if ft.re.Match(b) {
				return ft.what
			}
		}
	}
	return ""
}

// noWarning fails the test when terraform validate printed a warning, on
// the newest CLI (older ones are checked for validity only).
func noWarning(t *testing.T, example, out string, newestCLI bool) {
	t.Helper()
	if ws := warnings(out); newestCLI && len(ws) > 0 {
		t.Errorf("terraform validate of examples/%s warns: %q\n%s", example, ws, out)
	}
}

// needsTerraform116 names the feature of Terraform 1.16 an example uses
// (on_failure in action_trigger, the caller symbol, lifecycle destroy), or
// returns "".
func needsTerraform116(t *testing.T, dir string) string {
	features := []struct {
		re   *regexp.Regexp
		what string
	}{
		{regexp.MustCompile(`(?m)^\s*on_failure\s*=\s*(halt|taint|continue)\b`), "on_failure in action_trigger"},
		{regexp.MustCompile(`(?m)^\s*\w+\s*=\s*caller\.`), "the caller symbol"},
		{regexp.MustCompile(`(?m)^\s*destroy\s*=\s*false`), "lifecycle { destroy = false }"},
	}
	files, _ := filepath.Glob(filepath.Join(dir, "*.tf"))
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, ft := range features {
			if ft.re.Match(b) {
				return ft.what
			}
		}
	}
	return ""
}
