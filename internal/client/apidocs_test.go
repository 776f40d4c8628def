package client

import (
	"encoding/json"
	"os"
	"regexp"
	"sort"
	"strings"
	"testing"

	"github.com/idaas-terraform/terraform-provider-idaas/api"
)

// operations of an API document: "METHOD /path" -> true.
func publishedOperations(t *testing.T) map[string]bool {
	t.Helper()
	data, err := api.FS.ReadFile(api.Published)
	if err != nil {
		t.Fatal(err)
	}
	var doc struct {
		Paths map[string]map[string]json.RawMessage `json:"paths"`
	}
	if err := json.Unmarshal(data, &doc); err != nil {
		t.Fatal(err)
	}
	ops := map[string]bool{}
	for p, item := range doc.Paths {
		for m := range item {
			switch m {
			case "get", "put", "post", "delete", "patch":
				ops[strings.ToUpper(m)+" "+p] = true
			}
		}
	}
	return ops
}

func projectOperations(t *testing.T) map[string]bool {
	t.Helper()
	data, err := api.FS.ReadFile(api.Project)
	if err != nil {
		t.Fatal(err)
	}
	ops := map[string]bool{}
	path := ""
	pathRE, opRE := regexp.MustCompile(`^  (/\S+):\s*$`), regexp.MustCompile(`^    (get|put|post|delete|patch):\s*$`)
	for _, line := range strings.Split(string(data), "\n") {
		if m := pathRE.FindStringSubmatch(line); m != nil {
			path = m[1]
		} else if m := opRE.FindStringSubmatch(line); m != nil && path != "" {
			ops[strings.ToUpper(m[1])+" "+path] = true
		} else if line != "" && !strings.HasPrefix(line, " ") {
			path = "" // a top-level key after paths
		}
	}
	if len(ops) == 0 {
		t.Fatal("no operations found in " + api.Project)
	}
	return ops
}

// The project-defined endpoint table of the package doc (client.go) lists
// exactly the operations of api/idaas-project-api.yaml, their one written
// definition.
func TestPackageDocTableIsTheProjectDocument(t *testing.T) {
	src, err := os.ReadFile("client.go")
	if err != nil {
		t.Fatal(err)
	}
	table := map[string]bool{}
	row := regexp.MustCompile(`^//\t(GET|POST|PUT|DELETE|PATCH)\s+(/api/\S+)`)
	for _, line := range strings.Split(string(src), "\n") {
		if m := row.FindStringSubmatch(line); m != nil {
			table[m[1]+" "+m[2]] = true
		}
	}
	doc := projectOperations(t)
	var missing, extra []string
	for op := range doc {
		if !table[op] {
			missing = append(missing, op)
		}
	}
	for op := range table {
		if !doc[op] {
			extra = append(extra, op)
		}
	}
	sort.Strings(missing)
	sort.Strings(extra)
	if len(missing)+len(extra) > 0 {
		t.Fatalf("the package doc table and api/%s disagree:\nin the document, not the table: %v\nin the table, not the document: %v", api.Project, missing, extra)
	}
}

// Every operation of both documents has a route family (endpoints.go), which
// says rightly whether it is project-defined, so that an
// *EndpointNotServedError always names the types that need the route.
func TestEveryOperationHasAFamily(t *testing.T) {
	check := func(ops map[string]bool, project bool) {
		for op := range ops {
			_, path, _ := strings.Cut(op, " ")
			f := endpointFamilyOf(path)
			if f == nil {
				// Published operations the provider does not call (acrs...).
				if !project {
					continue
				}
				t.Errorf("%s has no endpoint family", op)
				continue
			}
			if f.projectDefined != project {
				t.Errorf("%s: family says project-defined %v, the documents say %v", op, f.projectDefined, project)
			}
		}
	}
	check(publishedOperations(t), false)
	check(projectOperations(t), true)
}
