package main

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/idaas-terraform/terraform-provider-idaas/internal/client"
	"github.com/idaas-terraform/terraform-provider-idaas/internal/emulator/directory"
)

// directoryDemo is `go run ./tools/demo directory`: a directory sync fills
// the tenant with users and their department groups (through the admin
// API, not Terraform); examples/directory-users reads them with data
// "idaas_users" and "idaas_user", puts them into the AWS groups with
// idaas_group_members and provisions them; the next plan is empty; then an
// admin takes an engineer out of AWS Developers and adds someone to AWS
// Administrators by hand, and the plan shows both as changes to the
// memberships, which apply undoes.
func (d *demo) directoryDemo() error {
	finished = "directory finished: directory users put into the AWS groups without owning them, provisioned, empty plan, membership drift detected and undone."
	c, err := client.New(client.Config{TenantURL: d.conn.TenantURL, ApplicationID: d.conn.ApplicationID, SharedSecret: d.conn.SharedSecret,
		UserAgent: "directory-sync"})
	if err != nil {
		return err
	}
	ctx := context.Background()

	step("A directory sync puts %d users and their department groups into the tenant (admin API, not Terraform)", len(directory.People))
	dir, err := directory.Seed(ctx, c, directory.People, 4)
	if err != nil {
		return err
	}
	for _, p := range directory.People {
		fmt.Printf("  %-28s %-10s in %s (%s)\n", p.UserID(), p.ExternalID(), p.Department, directory.GroupDN(p.Department))
	}

	step("terraform apply examples/directory-users")
	if _, err := d.terraformRun(0, "apply", "-auto-approve", "-input=false", "-no-color", "-compact-warnings"); err != nil {
		return err
	}
	if err := d.summary(); err != nil {
		return err
	}

	step("terraform plan: must be empty (exit code 0)")
	d.resetStats()
	if _, err := d.terraformRun(0, "plan", "-detailed-exitcode", "-input=false", "-no-color"); err != nil {
		return err
	}
	if err := d.printStats(); err != nil {
		return err
	}

	step("An admin takes Ada out of AWS Developers and puts John in AWS Administrators, in the console")
	devs, err := c.FindGroupByName(ctx, "AWS Developers")
	if err != nil {
		return err
	}
	admins, err := c.FindGroupByName(ctx, "AWS Administrators")
	if err != nil {
		return err
	}
	ada, john := dir.Users["ada.lovelace@example.com"], dir.Users["john.smith@example.com"]
	if _, err := c.ChangeUserGroups(ctx, ada, nil, []string{devs.ID}); err != nil {
		return err
	}
	if _, err := c.ChangeUserGroups(ctx, john, []string{admins.ID}, nil); err != nil {
		return err
	}

	step("terraform plan: both memberships show as changes (exit code 2)")
	plan, err := d.terraformRun(2, "plan", "-detailed-exitcode", "-input=false", "-no-color")
	if err != nil {
		return err
	}
	for _, want := range []string{"idaas_group_members.developers will be updated in-place", "idaas_group_members.admins will be updated in-place", ada, john} {
		if !strings.Contains(plan, want) {
			return fmt.Errorf("the plan does not show %q", want)
		}
	}

	step("terraform apply: Ada is a developer again, John is no administrator; Ada's and John's directory groups are untouched")
	if _, err := d.terraformRun(0, "apply", "-auto-approve", "-input=false", "-no-color", "-compact-warnings"); err != nil {
		return err
	}
	for _, check := range []struct {
		who, in string
		want    bool
	}{{ada, devs.ID, true}, {ada, dir.Groups[directory.Engineering], true}, {john, admins.ID, false}, {john, dir.Groups[directory.Finance], true}} {
		u, err := c.GetUser(ctx, check.who)
		if err != nil {
			return err
		}
		in := false
		for _, g := range u.Groups {
			in = in || g.ID == check.in
		}
		if in != check.want {
			return errors.New("after apply, " + u.UserID + " membership of " + check.in + " is not what the configuration says")
		}
	}
	fmt.Println("memberships restored; directory groups untouched")
	_, err = d.terraformRun(0, "plan", "-detailed-exitcode", "-input=false", "-no-color")
	return err
}
