package main

import (
	"bytes"
	"go/ast"
	"go/types"
	"io"
	"os"
	"os/exec"
	"strings"
	"testing"

	"golang.org/x/tools/go/packages"
)

// deps lists the packages pkgs link (go list -deps, test files excluded).
func deps(t *testing.T, pkgs ...string) []string {
	t.Helper()
	out, err := exec.Command("go", append([]string{"list", "-deps"}, pkgs...)...).Output()
	if err != nil {
		t.Fatalf("go list -deps %v: %v", pkgs, err)
	}
	return strings.Fields(string(out))
}

// The import direction of DESIGN.md, checked on what is linked (depguard in
// .golangci.yml checks the direct imports when linting): the provider binary
// links nothing of the tenant stand-in or of the test fixtures, and the
// client packages link nothing of Terraform.
func TestImportDirection(t *testing.T) {
	const module = "github.com/idaas-terraform/terraform-provider-idaas/"
	for _, p := range deps(t, ".") {
		if strings.HasPrefix(p, module+"internal/emulator") || strings.HasPrefix(p, module+"internal/samlutil/samltest") ||
			p == module+"api" || strings.HasPrefix(p, "github.com/getkin/kin-openapi") {
			t.Errorf("the provider binary links %s; only tests may", p)
		}
	}
	for _, p := range deps(t, "./internal/client", "./internal/scim/...", "./internal/httpx", "./internal/samlutil") {
		if strings.HasPrefix(p, "github.com/hashicorp/terraform-plugin") {
			t.Errorf("a client package links %s; client packages know nothing of Terraform", p)
		}
	}
}

// shipped are the packages of the provider binary (DESIGN.md, "Two halves").
var shipped = []string{".", "./internal/provider", "./internal/client", "./internal/scim/...", "./internal/httpx",
	"./internal/samlutil", "./internal/validators"}

// What ships is only what ships: every exported function and method of a
// client package (client, scim, scimpath, httpx, samlutil, validators) is
// called from the shipped code itself, tests excluded, or implements an
// interface. Code only the tenant stand-in or tests use belongs under
// internal/emulator/... or in a _test.go file. This complements `make lint`'s
// deadcode run: deadcode (RTA) counts every exported method of a type that
// reflection may reach as live, and the provider passes its clients
// through the framework's reflection, so a stand-in-only method such as a
// SCIM client's CreateUser would pass it.
func TestShippedCodeIsUsed(t *testing.T) {
	if testing.Short() {
		t.Skip("type-checks the provider")
	}
	pkgs, err := packages.Load(&packages.Config{Mode: packages.NeedName | packages.NeedSyntax | packages.NeedTypes |
		packages.NeedTypesInfo | packages.NeedImports}, shipped...)
	if err != nil {
		t.Fatal(err)
	}
	if packages.PrintErrors(pkgs) > 0 {
		t.Fatal("the shipped packages do not type-check")
	}
	used := map[string]bool{}
	// error, and the anonymous interfaces package errors asserts.
	errType, boolType := types.Universe.Lookup("error").Type(), types.Typ[types.Bool]
	tuple := func(ts ...types.Type) *types.Tuple {
		vars := make([]*types.Var, len(ts))
		for i, t := range ts {
			vars[i] = types.NewParam(0, nil, "", t)
		}
		return types.NewTuple(vars...)
	}
	iface := func(name string, params, results *types.Tuple) *types.Interface {
		return types.NewInterfaceType([]*types.Func{types.NewFunc(0, nil, name, types.NewSignatureType(nil, nil, nil, params, results, false))}, nil).Complete()
	}
	ifaces := []*types.Interface{errType.Underlying().(*types.Interface), iface("Unwrap", nil, tuple(errType)),
		iface("Is", tuple(errType), tuple(boolType)), iface("As", tuple(types.Universe.Lookup("any").Type()), tuple(boolType))}
	seen := map[*types.Package]bool{}
	var collect func(p *types.Package)
	collect = func(p *types.Package) {
		if seen[p] {
			return
		}
		seen[p] = true
		for _, name := range p.Scope().Names() {
			if tn, ok := p.Scope().Lookup(name).(*types.TypeName); ok {
				if it, ok := tn.Type().Underlying().(*types.Interface); ok && it.NumMethods() > 0 {
					ifaces = append(ifaces, it)
				}
			}
		}
		for _, imp := range p.Imports() {
			collect(imp)
		}
	}
	for _, p := range pkgs {
		collect(p.Types)
		for _, obj := range p.TypesInfo.Uses {
			if fn, ok := obj.(*types.Func); ok {
				used[fn.Origin().FullName()] = true
			}
		}
	}
	implements := func(fn *types.Func) bool {
		recv := fn.Signature().Recv()
		if recv == nil {
			return false
		}
		for _, it := range ifaces {
			for m := range it.Methods() {
				if m.Name() == fn.Name() && (types.Implements(recv.Type(), it) || types.Implements(types.NewPointer(recv.Type()), it)) {
					return true
				}
			}
		}
		return false
	}
	for _, p := range pkgs {
		if p.Name == "main" || strings.HasSuffix(p.PkgPath, "/internal/provider") {
			continue // Terraform types: the framework calls them through its interfaces
		}
		for _, f := range p.Syntax {
			for _, d := range f.Decls {
				decl, ok := d.(*ast.FuncDecl)
				if !ok || !decl.Name.IsExported() {
					continue
				}
				fn, _ := p.TypesInfo.Defs[decl.Name].(*types.Func)
				if fn == nil || used[fn.FullName()] || implements(fn) {
					continue
				}
				t.Errorf("%s: %s is not used by the provider; move it to the stand-in (internal/emulator/...) or a _test.go file",
					p.Fset.Position(decl.Pos()), fn.FullName())
			}
		}
	}
}

// No compiled program is committed: build outputs (the provider, the demo,
// bin/, dist/) are git-ignored, and a tracked file that is an executable
// binary (ELF, Mach-O, PE, or any executable file holding NUL bytes) fails
// here.
func TestNoTrackedBinaries(t *testing.T) {
	out, err := exec.Command("git", "ls-files", "-s", "-z").Output()
	if err != nil {
		t.Skipf("not a git checkout: %v", err)
	}
	magics := [][]byte{{0x7f, 'E', 'L', 'F'}, {0xfe, 0xed, 0xfa, 0xce}, {0xfe, 0xed, 0xfa, 0xcf}, {0xce, 0xfa, 0xed, 0xfe},
		{0xcf, 0xfa, 0xed, 0xfe}, {0xca, 0xfe, 0xba, 0xbe}, {'M', 'Z'}}
	for _, entry := range strings.Split(strings.TrimRight(string(out), "\x00"), "\x00") {
		// "<mode> <object> <stage>\t<path>"
		meta, name, ok := strings.Cut(entry, "\t")
		if !ok {
			continue
		}
		head := make([]byte, 8192)
		f, err := os.Open(name)
		if err != nil {
			continue // deleted in the work tree
		}
		n, _ := io.ReadFull(f, head)
		f.Close()
		head = head[:n]
		executable := strings.HasPrefix(meta, "100755")
		binary := executable && bytes.IndexByte(head, 0) >= 0
		for _, m := range magics {
			binary = binary || bytes.HasPrefix(head, m) && (executable || len(m) > 2)
		}
		if binary {
			t.Errorf("%s is a compiled program; build outputs are not committed (git-ignore it and git rm --cached it)", name)
		}
	}
}
