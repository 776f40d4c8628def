package main

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"

	"github.com/idaas-terraform/terraform-provider-idaas/internal/client"
	"github.com/idaas-terraform/terraform-provider-idaas/internal/emulator/consoleguide"
)

// adopt is `go run ./tools/demo adopt`, the guide "Adopting an existing
// tenant" run end to end: an admin builds the AWS console guide in the
// tenant by hand (here: through the admin API), and Terraform adopts all of
// it with examples/adopt's query file, `terraform query
// -generate-config-out`, the SCIM token given again, a plan that only
// imports, apply, and an empty plan.
func (d *demo) adopt() error {
	finished = "adopt finished: a tenant built in the console, adopted with terraform query (a plan of imports only), then an empty plan."

	step("An admin builds the AWS console guide in the tenant by hand (here: through the admin API)")
	c, err := client.New(client.Config{TenantURL: d.conn.TenantURL, ApplicationID: d.conn.ApplicationID, SharedSecret: d.conn.SharedSecret})
	if err != nil {
		return err
	}
	sp, err := os.ReadFile(filepath.Join(d.root, "examples", "aws-sso", "aws-sso-sp-metadata.xml"))
	if err != nil {
		return err
	}
	t, err := consoleguide.Build(context.Background(), c, string(sp), d.conn.SCIMEndpoint, d.conn.SCIMToken)
	if err != nil {
		return err
	}
	fmt.Printf("groups %v\nusers %v\ncustom attribute %s = %s\ncertificate %s\nSAML application %s\nresource rule %s\nprovisioner %s (4 mappings edited, synchronized)\n",
		t.Groups, t.Users, consoleguide.CostCentre, t.AttributeID, t.CertificateID, t.ApplicationID, t.RuleID, t.ProvisionerID)

	step("terraform query: one list block per resource type (examples/adopt/adopt.tfquery.hcl)")
	if _, err := d.terraformRun(0, "init", "-input=false", "-no-color"); err != nil {
		return err
	}
	if _, err := d.terraformRun(0, "query", "-no-color", "-generate-config-out=generated.tf"); err != nil {
		return err
	}
	raw, err := os.ReadFile(filepath.Join(d.work, "generated.tf"))
	if err != nil {
		return err
	}
	generated := string(raw)
	counts := map[string]int{}
	for _, m := range regexp.MustCompile(`(?m)^resource "([a-z_]+)"`).FindAllStringSubmatch(generated, -1) {
		counts[m[1]]++
	}
	types := make([]string, 0, len(counts))
	total := 0
	for typ, n := range counts {
		types = append(types, fmt.Sprintf("%d %s", n, typ))
		total += n
	}
	sort.Strings(types)
	fmt.Printf("generated.tf: %d resources, each with its import block: %s\n", total, strings.Join(types, ", "))
	if out, err := d.terraformRun(0, "fmt", "-check", "-diff", "generated.tf"); err != nil || strings.TrimSpace(out) != "" {
		return fmt.Errorf("generated.tf is not terraform fmt clean: %v %s", err, out)
	}

	step("The one value the tenant never returns: the SCIM token, given to the provisioner from var.scim_token")
	generated, writeOnly, err := consoleguide.SupplySCIMToken(generated, "var.scim_token")
	if err != nil {
		return err
	}
	if err := os.WriteFile(filepath.Join(d.work, "generated.tf"), []byte(generated), 0o600); err != nil {
		return err
	}
	changes := 0
	if writeOnly {
		fmt.Println("as bearer_token_wo: write-only, so it never enters state and the import changes nothing")
	} else {
		changes = 1
		fmt.Println("as bearer_token (this build has no write-only bearer_token_wo): the import stores it with one in-place update")
	}

	step("terraform plan: only imports")
	plan, err := d.terraformRun(2, "plan", "-detailed-exitcode", "-input=false", "-no-color")
	if err != nil {
		return err
	}
	if want := fmt.Sprintf("Plan: %d to import, 0 to add, %d to change, 0 to destroy.", total, changes); !strings.Contains(plan, want) {
		return fmt.Errorf("the plan is not %q", want)
	}

	step("terraform apply: the tenant is now managed by Terraform")
	if _, err := d.terraformRun(0, "apply", "-auto-approve", "-input=false", "-no-color", "-compact-warnings"); err != nil {
		return err
	}

	step("terraform plan: must be empty (exit code 0)")
	_, err = d.terraformRun(0, "plan", "-detailed-exitcode", "-input=false", "-no-color")
	return err
}
