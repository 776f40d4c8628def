package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"time"

	"github.com/idaas-terraform/terraform-provider-idaas/internal/emulator"
)

// The scale benchmark: a refresh-only plan of N users (or groups) already
// in state, in a tenant of T, against the emulator with a rate limit and
// latency, shared reads on (auto, the default) and off (never). The state
// is written, not applied: one object is applied to learn what its state
// looks like, the others are seeded into the emulator and written into the
// state file like it, so that a 10,000-object refresh does not need a
// 10,000-object apply first.

// scaleCase is one workspace: n objects of typ in state, in a tenant of
// tenant.
type scaleCase struct {
	typ       string // idaas_user or idaas_group
	n, tenant int
}

// scaleRow is one refresh of a scale case.
type scaleRow struct {
	c         scaleCase
	shared    string // auto or never
	rps       float64
	latencyMs int
	wall      time.Duration
	requests  int
	status429 int
	failed    int
	rssKiB    int
	baseline  time.Duration // the same refresh, no limit, no latency
	skipped   string
}

func (r scaleRow) markdown() string {
	what := fmt.Sprintf("%d %s of %d", r.c.n, strings.TrimPrefix(r.c.typ, "idaas_")+"s", r.c.tenant)
	cond := "none"
	if r.rps > 0 || r.latencyMs > 0 {
		cond = fmt.Sprintf("%g/s, %d ms", r.rps, r.latencyMs)
	}
	shared := map[string]string{"auto": "on", "never": "off", "floor": "floor: no-op, our schemas"}[r.shared]
	if r.skipped != "" {
		return fmt.Sprintf("| %s | %s | %s | – | – | – | – | not run: %s | – | – |", what, cond, shared, r.skipped)
	}
	ratio := "–"
	if r.shared == "floor" {
		return fmt.Sprintf("| %s | %s | %s | 0 | 0 | 0 | 0 | %s | %.2f | %d |", what, cond, shared, secs(r.wall), ratio64(r.wall, r.baseline), r.rssKiB/1024)
	}
	if r.baseline > 0 && (r.rps > 0 || r.latencyMs > 0) {
		ratio = fmt.Sprintf("%.2f", ratio64(r.wall, r.baseline))
	}
	return fmt.Sprintf("| %s | %s | %s | %d | %d | %d | %d | %s | %s | %d |", what, cond, shared, r.requests, r.status429, r.failed,
		r.requests-r.status429, secs(r.wall), ratio, r.rssKiB/1024)
}

func ratio64(a, b time.Duration) float64 { return float64(a) / float64(b) }

// scaleWorkspace is a workspace whose state holds a scale case.
type scaleWorkspace struct {
	b    *bench
	c    scaleCase
	emu  *emulator.Emulator
	srv  *httptest.Server
	dir  string
	env  []string
	keep func() // releases it
}

func objectName(typ string, i int) string {
	if typ == "idaas_group" {
		return fmt.Sprintf("group %06d", i)
	}
	return fmt.Sprintf("user%06d@example.com", i)
}

func objectBlock(typ string, k, i int) string {
	name := objectName(typ, i)
	if typ == "idaas_group" {
		return fmt.Sprintf("resource \"idaas_group\" \"r%d\" {\n  name = %q\n}\n", k, name)
	}
	return fmt.Sprintf("resource \"idaas_user\" \"r%d\" {\n  user_id    = %q\n  first_name = \"First\"\n  last_name  = \"Last\"\n  email      = %q\n}\n", k, name, name)
}

// newScaleWorkspace seeds the tenant and writes the configuration and the
// state of c.
func (b *bench) newScaleWorkspace(c scaleCase) (*scaleWorkspace, error) {
	emu := emulator.New(emulator.Options{})
	srv := httptest.NewServer(emu.Handler())
	dir, err := os.MkdirTemp("", "idaas-bench-scale-")
	if err != nil {
		srv.Close()
		return nil, err
	}
	w := &scaleWorkspace{b: b, c: c, emu: emu, srv: srv, dir: dir, keep: func() { srv.Close(); _ = os.RemoveAll(dir) }}
	rc := filepath.Join(dir, "terraform.rc")
	overrides := fmt.Sprintf("provider_installation {\n  dev_overrides {\n    \"idaas-terraform/idaas\" = %q\n    \"idaas-terraform/idaasnoop\" = %q\n  }\n  direct {}\n}\n", b.bins, b.bins)
	if err := os.WriteFile(rc, []byte(overrides), 0o600); err != nil {
		w.keep()
		return nil, err
	}
	w.env = append(os.Environ(), "TF_CLI_CONFIG_FILE="+rc, "CHECKPOINT_DISABLE=1", "TF_IN_AUTOMATION=1",
		"BENCH_REAL_PROVIDER="+b.idaas, "BENCH_RSS_FILE="+b.rssFile, "TF_VAR_shared_secret="+emu.SharedSecret())
	head := fmt.Sprintf("terraform {\n  required_providers {\n    idaas = { source = \"idaas-terraform/idaas\" }\n  }\n}\n"+
		"variable \"shared_secret\" {\n  type      = string\n  sensitive = true\n}\n"+
		"provider \"idaas\" {\n  tenant_url     = %q\n  application_id = %q\n  shared_secret  = var.shared_secret\n}\n", srv.URL, emu.ApplicationID())
	// The objects in state are spread over the tenant: every step-th.
	step := max(1, c.tenant/c.n)
	index := func(k int) int { return k * step }
	if err := os.WriteFile(filepath.Join(dir, "main.tf"), []byte(head+objectBlock(c.typ, 0, index(0))), 0o600); err != nil {
		w.keep()
		return nil, err
	}
	if out, err := w.terraform("apply", "-auto-approve"); err != nil {
		w.keep()
		return nil, fmt.Errorf("applying the template object: %w\n%s", err, tail(out))
	}
	var state map[string]any
	raw, err := os.ReadFile(filepath.Join(dir, "terraform.tfstate"))
	if err == nil {
		err = json.Unmarshal(raw, &state)
	}
	if err != nil {
		w.keep()
		return nil, fmt.Errorf("reading the template state: %w", err)
	}
	resources, _ := state["resources"].([]any)
	if len(resources) != 1 {
		w.keep()
		return nil, fmt.Errorf("the template state has %d resources", len(resources))
	}
	tmpl, _ := json.Marshal(resources[0])
	tmplID := ""
	if inst, ok := resources[0].(map[string]any)["instances"].([]any); ok && len(inst) == 1 {
		attrs, _ := inst[0].(map[string]any)["attributes"].(map[string]any)
		tmplID, _ = attrs["id"].(string)
	}
	if tmplID == "" {
		w.keep()
		return nil, errors.New("the template state has no id")
	}
	// Seed the rest of the tenant.
	inState := map[int]int{} // tenant index -> k
	for k := 0; k < c.n; k++ {
		inState[index(k)] = k
	}
	ids := make([]string, c.tenant)
	ids[0] = tmplID
	if c.typ == "idaas_group" {
		names := make([]string, 0, c.tenant-1)
		for i := 1; i < c.tenant; i++ {
			names = append(names, objectName(c.typ, i))
		}
		got, err := emu.SeedGroups(names)
		if err != nil {
			w.keep()
			return nil, err
		}
		copy(ids[1:], got)
	} else {
		us := make([]emulator.SeedUser, 0, c.tenant-1)
		for i := 1; i < c.tenant; i++ {
			name := objectName(c.typ, i)
			us = append(us, emulator.SeedUser{UserID: name, FirstName: "First", LastName: "Last", Email: name})
		}
		got, err := emu.SeedUsers(us)
		if err != nil {
			w.keep()
			return nil, err
		}
		copy(ids[1:], got)
	}
	// The configuration and the state of all n.
	var cfg strings.Builder
	cfg.WriteString(head)
	out := make([]json.RawMessage, 0, c.n)
	name0 := objectName(c.typ, 0)
	for k := 0; k < c.n; k++ {
		i := index(k)
		cfg.WriteString(objectBlock(c.typ, k, i))
		r := strings.ReplaceAll(string(tmpl), tmplID, ids[i])
		r = strings.ReplaceAll(r, name0, objectName(c.typ, i))
		r = strings.Replace(r, `"name":"r0"`, fmt.Sprintf(`"name":"r%d"`, k), 1)
		out = append(out, json.RawMessage(r))
	}
	state["resources"] = out
	if s, ok := state["serial"].(float64); ok {
		state["serial"] = s + 1
	}
	raw, err = json.Marshal(state)
	if err == nil {
		err = os.WriteFile(filepath.Join(dir, "terraform.tfstate"), raw, 0o600)
	}
	if err == nil {
		err = os.WriteFile(filepath.Join(dir, "main.tf"), []byte(cfg.String()), 0o600)
	}
	if err != nil {
		w.keep()
		return nil, err
	}
	return w, nil
}

// floor times the same refresh served by the same-schema no-op provider
// (no I/O): what Terraform and the framework cost for these resources. The
// no-op has no resource identity, so the state's is left out.
func (w *scaleWorkspace) floor() (scaleRow, error) {
	r := scaleRow{c: w.c, shared: "floor"}
	dir, err := os.MkdirTemp("", "idaas-bench-floor-")
	if err != nil {
		return r, err
	}
	defer os.RemoveAll(dir)
	cfg, err := os.ReadFile(filepath.Join(w.dir, "main.tf"))
	if err != nil {
		return r, err
	}
	cfg = bytes.Replace(cfg, []byte(`source = "idaas-terraform/idaas"`), []byte(`source = "idaas-terraform/idaasnoop"`), 1)
	raw, err := os.ReadFile(filepath.Join(w.dir, "terraform.tfstate"))
	if err != nil {
		return r, err
	}
	var state map[string]any
	if err := json.Unmarshal(raw, &state); err != nil {
		return r, err
	}
	resources, _ := state["resources"].([]any)
	for _, res := range resources {
		m, _ := res.(map[string]any)
		m["provider"] = `provider["registry.terraform.io/idaas-terraform/idaasnoop"]`
		insts, _ := m["instances"].([]any)
		for _, inst := range insts {
			im, _ := inst.(map[string]any)
			delete(im, "identity")
			delete(im, "identity_schema_version")
		}
	}
	if raw, err = json.Marshal(state); err != nil {
		return r, err
	}
	if err := os.WriteFile(filepath.Join(dir, "terraform.tfstate"), raw, 0o600); err != nil {
		return r, err
	}
	if err := os.WriteFile(filepath.Join(dir, "main.tf"), cfg, 0o600); err != nil {
		return r, err
	}
	_ = os.Remove(w.b.rssFile)
	cmd := exec.Command(w.b.tf, "plan", "-refresh-only", "-detailed-exitcode", "-input=false", "-no-color", fmt.Sprintf("-parallelism=%d", w.b.o.parallelism))
	cmd.Dir, cmd.Env = dir, append(w.env, "BENCH_REAL_PROVIDER="+w.b.same)
	start := time.Now()
	out, err := cmd.CombinedOutput()
	r.wall = time.Since(start)
	var exitErr *exec.ExitError
	if errors.As(err, &exitErr) && exitErr.ExitCode() == 2 && bytes.Contains(out, []byte("No changes.")) {
		err = nil
	}
	if err != nil {
		return r, fmt.Errorf("floor refresh of %d %s: %w\n%s", w.c.n, w.c.typ, err, tail(out))
	}
	r.rssKiB, _ = readShim(w.b.rssFile)
	return r, nil
}

func (w *scaleWorkspace) terraform(args ...string) ([]byte, error) {
	cmd := exec.Command(w.b.tf, append(args, "-input=false", "-no-color", fmt.Sprintf("-parallelism=%d", w.b.o.parallelism))...)
	cmd.Dir, cmd.Env = w.dir, w.env
	return cmd.CombinedOutput()
}

// refresh times a refresh-only plan with shared reads as shared, the tenant
// limited to rps requests/s (0: none) with latencyMs of latency.
func (w *scaleWorkspace) refresh(shared string, rps float64, latencyMs int) (scaleRow, error) {
	r := scaleRow{c: w.c, shared: shared, rps: rps, latencyMs: latencyMs}
	w.emu.SetRateLimit(rps)
	w.emu.SetFaults(emulator.Faults{LatencyMs: latencyMs})
	defer func() { w.emu.SetRateLimit(0); w.emu.SetFaults(emulator.Faults{}) }()
	w.emu.ResetStats()
	_ = os.Remove(w.b.rssFile)
	cmd := exec.Command(w.b.tf, "plan", "-refresh-only", "-detailed-exitcode", "-input=false", "-no-color", fmt.Sprintf("-parallelism=%d", w.b.o.parallelism))
	cmd.Dir, cmd.Env = w.dir, append(w.env, "IDAAS_SHARED_READS="+shared)
	if w.b.o.profile != "" {
		cmd.Env = append(cmd.Env, "IDAAS_MEMPROFILE="+filepath.Join(w.b.o.profile, fmt.Sprintf("scale-mem-%d-%s-%g-%%d.pprof", w.c.n, shared, rps)))
	}
	start := time.Now()
	out, err := cmd.CombinedOutput()
	r.wall = time.Since(start)
	var exitErr *exec.ExitError
	if errors.As(err, &exitErr) && exitErr.ExitCode() == 2 && bytes.Contains(out, []byte("No changes.")) {
		err = nil
	}
	if err != nil {
		return r, fmt.Errorf("refresh of %d %s (shared reads %s, %g/s, %d ms): %w\n%s", w.c.n, w.c.typ, shared, rps, latencyMs, err, tail(out))
	}
	if !bytes.Contains(out, []byte("No changes.")) {
		return r, fmt.Errorf("refresh of %d %s found changes:\n%s", w.c.n, w.c.typ, tail(out))
	}
	st := w.emu.Stats()
	r.requests, r.status429, r.failed = st.Total, st.RateLimited, st.Failed()
	r.rssKiB, _ = readShim(w.b.rssFile)
	return r, nil
}

// refreshMedian runs refresh o.scaleRuns times and returns the median run
// (by wall time), with the most failed requests and the largest peak RSS
// of all the runs.
func (w *scaleWorkspace) refreshMedian(shared string, rps float64, latencyMs int) (scaleRow, error) {
	var runs []scaleRow
	failed, rss := 0, 0
	for range max(1, w.b.o.scaleRuns) {
		r, err := w.refresh(shared, rps, latencyMs)
		if err != nil {
			return r, err
		}
		failed, rss = max(failed, r.failed), max(rss, r.rssKiB)
		runs = append(runs, r)
	}
	r := medianBy(runs, func(r scaleRow) time.Duration { return r.wall })
	r.failed, r.rssKiB = failed, rss
	return r, nil
}

// scaleBench runs every scale case.
func (b *bench) scaleBench() ([]scaleRow, error) {
	o := b.o
	var cases []scaleCase
	for _, n := range o.scaleUsers {
		cases = append(cases, scaleCase{"idaas_user", n, n})
	}
	if o.scaleGroups > 0 {
		cases = append(cases, scaleCase{"idaas_group", o.scaleGroups, o.scaleGroups})
	}
	if o.scaleSmall > 0 && o.scaleTenant > 0 {
		cases = append(cases, scaleCase{"idaas_user", o.scaleSmall, o.scaleTenant})
	}
	var rows []scaleRow
	for _, c := range cases {
		fmt.Printf("== scale: %d %s of %d\n", c.n, c.typ, c.tenant)
		w, err := b.newScaleWorkspace(c)
		if err != nil {
			return nil, err
		}
		base, err := w.refreshMedian("auto", 0, 0)
		if err != nil {
			w.keep()
			return nil, err
		}
		base.baseline = base.wall
		if c.n == c.tenant {
			floor, err := w.floor()
			if err != nil {
				w.keep()
				return nil, err
			}
			floor.baseline = base.wall
			rows = append(rows, floor)
			fmt.Println(floor.markdown())
		}
		rows = append(rows, base)
		fmt.Println(base.markdown())
		for _, shared := range []string{"auto", "never"} {
			if shared == "never" && float64(c.n)/o.scaleRPS > o.scaleOffMax.Seconds() {
				r := scaleRow{c: c, shared: shared, rps: o.scaleRPS, latencyMs: o.scaleLatencyMs,
					skipped: fmt.Sprintf("%d requests at %g/s take at least %.0f s", c.n, o.scaleRPS, float64(c.n)/o.scaleRPS)}
				rows = append(rows, r)
				fmt.Println(r.markdown())
				continue
			}
			refresh := w.refreshMedian
			if shared == "never" {
				refresh = w.refresh // bound by the limit: N/R seconds and more, once is enough
			}
			r, err := refresh(shared, o.scaleRPS, o.scaleLatencyMs)
			if err != nil {
				w.keep()
				return nil, err
			}
			r.baseline = base.wall
			rows = append(rows, r)
			fmt.Println(r.markdown())
		}
		w.keep()
	}
	return rows, nil
}

// scaleSection is the scale benchmark's table, with the goals.
func (b *bench) scaleSection(rows []scaleRow) string {
	if len(rows) == 0 {
		return ""
	}
	var s strings.Builder
	fmt.Fprintf(&s, "\n## Refresh at scale, under a rate limit\n\n![refresh wall time against N under %g requests/s and %d ms](benchmarks/scale.svg)\n\n",
		b.o.scaleRPS, b.o.scaleLatencyMs)
	s.WriteString("A refresh-only plan of N users (or groups) in state, in a tenant of T, against the emulator: first with no limit and no " +
		"latency (the baseline: what Terraform itself costs at that N), then with the tenant limiting the application to " +
		fmt.Sprintf("%g requests/s (a token bucket of one second; 429 with Retry-After and RateLimit-* headers beyond it) and %d ms of latency, ", b.o.scaleRPS, b.o.scaleLatencyMs) +
		"with shared reads on (`shared_reads = \"auto\"`, the default) and off (`\"never\"`: one GET per object). The provider has no " +
		"`max_requests_per_second`: it adapts. Requests counts every admin API request the emulator answered (authenticate, 429s " +
		"and retries included); 429s those the rate limit refused; failed every answer of 400 or more but those 429s (the plan " +
		"itself must succeed and find no changes); sent ok is requests less 429s. ×baseline is wall time over the baseline's. " +
		"Users carry a first and last name and an email; groups are listed by the published `groupspaged`, which gives no total. " +
		"The state is written from one applied object's (see tools/bench/scale.go), not applied. Peak RSS is the provider process's. " +
		fmt.Sprintf("The baseline and the shared-reads-on runs are run %d times each and show the median run (failed and peak RSS: the most of any run); ", max(1, b.o.scaleRuns)) +
		"the floor and the shared-reads-off runs once.\n\n")
	s.WriteString("| objects in state of tenant | limit, latency | shared reads | requests | 429s | failed | sent ok | wall | ×baseline | provider peak RSS MiB |\n")
	s.WriteString("|---|---|---|---|---|---|---|---|---|---|\n")
	for _, r := range rows {
		s.WriteString(r.markdown() + "\n")
	}
	s.WriteString("\nGoals (this run): 10,000 users under the limit and latency in at most 250 requests with 0 failed and within 1.5× of " +
		"the baseline; 50 users of a 100,000-user tenant in at most 60 requests; 1,000 groups (no total) in at most 40; the provider's " +
		"peak RSS under 200 MB in every run.\n\n")
	for _, g := range scaleGoals(rows) {
		s.WriteString("- " + g + "\n")
	}
	return s.String()
}

// scaleGoals says, from the rows, whether each goal was met.
func scaleGoals(rows []scaleRow) []string {
	var out []string
	peak, where := 0, ""
	for _, r := range rows {
		if r.skipped == "" && r.shared != "floor" && r.rssKiB > peak {
			peak, where = r.rssKiB, fmt.Sprintf("%d %s of %d, shared reads %s", r.c.n, strings.TrimPrefix(r.c.typ, "idaas_")+"s", r.c.tenant, r.shared)
		}
	}
	if peak > 0 {
		out = append(out, fmt.Sprintf("provider peak RSS in every run under 200 MB: at most %.0f MB (%s): %s.", float64(peak)*1024/1e6, where,
			verdictText(float64(peak)*1024 < 200e6)))
	}
	for _, r := range rows {
		if r.skipped != "" || r.shared != "auto" || r.rps == 0 {
			continue
		}
		switch {
		case r.c.typ == "idaas_user" && r.c.n == r.c.tenant && r.c.n >= 10000:
			ok := r.requests <= 250 && r.failed == 0 && ratio64(r.wall, r.baseline) <= 1.5
			out = append(out, fmt.Sprintf("%d users, %g/s, %d ms: %d requests, %d failed, %.2f× baseline: %s.", r.c.n, r.rps, r.latencyMs,
				r.requests, r.failed, ratio64(r.wall, r.baseline), verdictText(ok)))
		case r.c.typ == "idaas_user" && r.c.n < r.c.tenant:
			out = append(out, fmt.Sprintf("%d users of %d: %d requests: %s.", r.c.n, r.c.tenant, r.requests, verdictText(r.requests <= 60 && r.failed == 0)))
		case r.c.typ == "idaas_group":
			out = append(out, fmt.Sprintf("%d groups (no total): %d requests: %s.", r.c.n, r.requests, verdictText(r.requests <= 40 && r.failed == 0)))
		}
	}
	return out
}
