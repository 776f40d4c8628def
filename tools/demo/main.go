// Command demo is the README's main job: it builds the provider and the
// emulator, starts the emulator on loopback, points Terraform at the local
// provider build through dev_overrides in a temporary CLI configuration,
// applies an example, shows that the next plan is empty, changes something
// through the admin API as an admin would in the console, and shows that the
// next plan reports exactly that drift. It exits non-zero on any failure.
package main

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"github.com/idaas-terraform/terraform-provider-idaas/internal/client"
	"github.com/idaas-terraform/terraform-provider-idaas/internal/emulator"
	"github.com/idaas-terraform/terraform-provider-idaas/internal/emulator/scimwrite"
	"github.com/idaas-terraform/terraform-provider-idaas/internal/scim"
)

func main() {
	signInSubcommand()
	if err := run(); err != nil {
		fmt.Fprintln(os.Stderr, "\ndemo FAILED:", err)
		os.Exit(1)
	}
	fmt.Println("\n" + finished)
}

// finished is the last line of a demo that succeeded.
var finished = "demo finished: apply, empty plan, drift detected."

type demo struct {
	root, bin, work string
	terraform       string
	env             []string
	conn            emulator.ConnectionInfo
}

func step(format string, args ...any) {
	fmt.Printf("\n==> "+format+"\n", args...)
}

func run() error {
	root, err := os.Getwd()
	if err != nil {
		return err
	}
	d := &demo{root: root, bin: filepath.Join(root, "bin")}
	d.terraform = filepath.Join(d.bin, "terraform")
	if _, err := os.Stat(d.terraform); err != nil {
		return fmt.Errorf("%s not found: run `make terraform` first (make demo does)", d.terraform)
	}
	example := "aws-sso"
	if len(os.Args) > 1 {
		example = os.Args[1]
	}

	step("Building the provider and the emulator")
	for _, b := range [][]string{{"terraform-provider-idaas", "."}, {"idaas-emulator", "./tools/emulator"}} {
		if err := d.cmd("go", "build", "-o", filepath.Join(d.bin, b[0]), b[1]).Run(); err != nil {
			return fmt.Errorf("go build %s: %w", b[1], err)
		}
	}

	step("Starting the emulator on loopback")
	// -contract: every admin-API exchange of the demo is checked against
	// api/ (a violation fails the demo, naming the operation and the rule).
	emu := exec.Command(filepath.Join(d.bin, "idaas-emulator"), "-contract")
	stdout, err := emu.StdoutPipe()
	if err != nil {
		return err
	}
	emu.Stderr = os.Stderr
	if err := emu.Start(); err != nil {
		return err
	}
	defer func() {
		_ = emu.Process.Signal(os.Interrupt)
		_ = emu.Wait()
		fmt.Println("emulator stopped")
	}()
	line, err := bufio.NewReader(stdout).ReadString('\n')
	if err != nil {
		return fmt.Errorf("reading the emulator's connection line: %w", err)
	}
	if err := json.Unmarshal([]byte(line), &d.conn); err != nil {
		return fmt.Errorf("the emulator's first line is not its connection JSON: %w", err)
	}
	go func() { _, _ = io.Copy(io.Discard, stdout) }()
	fmt.Println("admin API at", d.conn.TenantURL)

	work, err := os.MkdirTemp("", "idaas-demo-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(work)
	dir := example
	if example == "directory" {
		dir = "directory-users"
	}
	d.work = filepath.Join(work, dir)
	if err := os.CopyFS(d.work, os.DirFS(filepath.Join(root, "examples", dir))); err != nil {
		return err
	}
	cliConfig := filepath.Join(work, "terraform.rc")
	rc := fmt.Sprintf("provider_installation {\n  dev_overrides {\n    %q = %q\n  }\n  direct {}\n}\n", "idaas-terraform/idaas", d.bin)
	if err := os.WriteFile(cliConfig, []byte(rc), 0o600); err != nil {
		return err
	}
	d.env = append(os.Environ(),
		"TF_CLI_CONFIG_FILE="+cliConfig, "CHECKPOINT_DISABLE=1", "TF_IN_AUTOMATION=1",
		"TF_VAR_tenant_url="+d.conn.TenantURL,
		"TF_VAR_application_id="+d.conn.ApplicationID,
		"TF_VAR_shared_secret="+d.conn.SharedSecret,
		"TF_VAR_scim_endpoint="+d.conn.SCIMEndpoint,
		"TF_VAR_scim_token="+d.conn.SCIMToken,
	)

	if example == "adopt" {
		return d.adopt() // adopt.go
	}
	if example == "directory" {
		return d.directoryDemo() // directory.go
	}

	step("terraform apply examples/%s (provider from bin/ through dev_overrides)", example)
	if _, err := d.terraformRun(0, "apply", "-auto-approve", "-input=false", "-no-color", "-compact-warnings"); err != nil {
		return err
	}
	if err := d.summary(); err != nil {
		return err
	}
	if err := d.secretsKeptOut(); err != nil {
		return err
	}

	step("terraform plan: nothing changed, so the plan must be empty (exit code 0)")
	d.resetStats()
	if _, err := d.terraformRun(0, "plan", "-detailed-exitcode", "-input=false", "-no-color"); err != nil {
		return err
	}
	if err := d.printStats(); err != nil {
		return err
	}

	if example == "aws-sso" {
		if err := d.invokeActions(); err != nil { // actions.go
			return err
		}
	}

	step("An admin renames a group in the console (through the admin API)")
	if err := d.driftRenameGroup(); err != nil {
		return err
	}

	step("terraform plan: must show exactly that drift (exit code 2)")
	plan, err := d.terraformRun(2, "plan", "-detailed-exitcode", "-input=false", "-no-color")
	if err != nil {
		return err
	}
	if !strings.Contains(plan, "renamed in the console") || !strings.Contains(plan, "1 to change") {
		return errors.New("the plan does not show the renamed group as the one change")
	}
	if example == "aws-sso" {
		if err := signIn(d.conn, signInOptions{user: "jane@example.com"}); err != nil { // signin.go
			return err
		}
		finished += " The console's Send Test SCIM and Synchronize ran as actions."
		finished += " Jane signed in to the AWS stand-in (NameID = SCIM userName); a user outside the rule was refused."
	}
	return d.showConsole() // console.go
}

// summary prints what the apply created, from Terraform's outputs and from
// the SCIM server (AWS IAM Identity Center's stand-in) itself.
func (d *demo) summary() error {
	step("What was created")
	c := exec.Command(d.terraform, "output", "-json")
	c.Dir, c.Env = d.work, d.env
	raw, err := c.Output()
	if err != nil {
		return fmt.Errorf("terraform output: %w", err)
	}
	var outputs map[string]struct {
		Value any `json:"value"`
	}
	if err := json.Unmarshal(raw, &outputs); err != nil {
		return err
	}
	names := make([]string, 0, len(outputs))
	for k := range outputs {
		names = append(names, k)
	}
	sort.Strings(names)
	for _, k := range names {
		v := outputs[k].Value
		if s, ok := v.(string); ok && len(s) > 120 {
			first, _, _ := strings.Cut(s, "\n")
			fmt.Printf("%s = (%d bytes) %s ...\n", k, len(s), first)
			continue
		}
		b, _ := json.MarshalIndent(v, "", "  ")
		fmt.Printf("%s = %s\n", k, b)
	}
	if d.conn.SCIMEndpoint == "" {
		return nil
	}
	sc, err := scimwrite.New(scim.Config{Endpoint: d.conn.SCIMEndpoint, Token: d.conn.SCIMToken, AWSMode: true})
	if err != nil {
		return err
	}
	ctx := context.Background()
	users, err := sc.ListUsers(ctx, "")
	if err != nil {
		return fmt.Errorf("reading the SCIM server: %w", err)
	}
	groups, err := sc.ListGroups(ctx, "")
	if err != nil {
		return fmt.Errorf("reading the SCIM server: %w", err)
	}
	ids := make([]string, 0, len(users))
	for _, u := range users {
		ids = append(ids, u.ID)
	}
	fmt.Printf("\nusers provisioned into the SCIM server (AWS IAM Identity Center stand-in): %d\n", len(users))
	for _, u := range users {
		active := u.Active != nil && *u.Active
		given, _ := u.Get("name.givenName")
		family, _ := u.Get("name.familyName")
		fmt.Printf("  %-22s displayName=%-22s name=%v %v active=%v externalId=%s\n", u.UserName, u.DisplayName, given, family, active, u.ExternalID)
	}
	fmt.Printf("groups: %d\n", len(groups))
	for _, g := range groups {
		members, err := sc.GroupMembers(ctx, g.ID, ids)
		if err != nil {
			return err
		}
		fmt.Printf("  %-22s members (learned through filters): %d\n", g.DisplayName, len(members))
	}
	return nil
}

func (d *demo) cmd(name string, args ...string) *exec.Cmd {
	c := exec.Command(name, args...)
	c.Dir = d.root
	c.Stdout, c.Stderr = os.Stdout, os.Stderr
	return c
}

// terraformRun runs terraform in the work dir, shows its output, and checks
// its exit code.
func (d *demo) terraformRun(wantExit int, args ...string) (string, error) {
	c := exec.Command(d.terraform, args...)
	c.Dir, c.Env = d.work, d.env
	var buf strings.Builder
	c.Stdout = io.MultiWriter(os.Stdout, &buf)
	c.Stderr = io.MultiWriter(os.Stderr, &buf)
	start := time.Now()
	err := c.Run()
	code := 0
	var exitErr *exec.ExitError
	if errors.As(err, &exitErr) {
		code = exitErr.ExitCode()
	} else if err != nil {
		return "", err
	}
	fmt.Printf("(terraform %s: exit code %d in %.1fs)\n", args[0], code, time.Since(start).Seconds())
	if code != wantExit {
		return buf.String(), fmt.Errorf("terraform %s exited %d, want %d", args[0], code, wantExit)
	}
	return buf.String(), nil
}

func (d *demo) resetStats() {
	resp, err := http.Post(d.conn.TenantURL+"/_emulator/reset", "application/json", nil)
	if err == nil {
		resp.Body.Close()
	}
}

// printStats shows what the last Terraform command cost the tenant.
func (d *demo) printStats() error {
	resp, err := http.Get(d.conn.TenantURL + "/_emulator/stats")
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	var s emulator.Stats
	if err := json.NewDecoder(resp.Body).Decode(&s); err != nil {
		return err
	}
	routes := make([]string, 0, len(s.ByRoute))
	for r := range s.ByRoute {
		routes = append(routes, r)
	}
	sort.Strings(routes)
	fmt.Printf("admin API requests during that plan: %d\n", s.Total)
	for _, r := range routes {
		fmt.Printf("  %4d  %s\n", s.ByRoute[r], r)
	}
	if n := s.ByRoute["POST /api/web/v1/adminapi/authenticate"]; n != 1 {
		return fmt.Errorf("the plan authenticated %d times, want 1", n)
	}
	return nil
}

func (d *demo) driftRenameGroup() error {
	c, err := client.New(client.Config{TenantURL: d.conn.TenantURL, ApplicationID: d.conn.ApplicationID, SharedSecret: d.conn.SharedSecret})
	if err != nil {
		return err
	}
	ctx := context.Background()
	g, err := c.FindGroupByName(ctx, "AWS Administrators")
	if err != nil {
		return fmt.Errorf("the example's group AWS Administrators: %w", err)
	}
	name := g.Name + " (renamed in the console)"
	if _, err := c.UpdateGroup(ctx, g.ID, client.GroupParms{Name: name}); err != nil {
		return err
	}
	fmt.Printf("group %s renamed to %q\n", g.ID, name)
	return nil
}
