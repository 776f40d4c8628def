// Command bench measures what the provider costs as the work grows, against
// the emulator on loopback, and compares it with two floors measured in the
// same run: N terraform_data resources (Terraform's own overhead, no plugin)
// and N resources of a no-op framework provider (Terraform plus the plugin
// protocol, no network). It writes a Markdown table (default BENCHMARKS.md).
//
//	go run ./tools/bench [-n 10,100,500,1000] [-latency-ms 50] [-out BENCHMARKS.md]
//	go run ./tools/bench -members [-members-size 5000] [-members-add 1000]
package main

import (
	"bytes"
	_ "embed"
	"errors"
	"flag"
	"fmt"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"runtime/pprof"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/idaas-terraform/terraform-provider-idaas/internal/emulator"
)

// notes is appended to the generated file: what the numbers mean, and what
// stands in the way of the targets missed, with the profiles' evidence.
//
//go:embed notes.md
var notes string

type options struct {
	sizes       []int
	latencyMs   int
	parallelism int
	refreshes   int // times each refresh of the main table runs; the median is reported
	out         string
	terraform   string
	profile     string // directory for CPU profiles, "" for none
	syncUsers   int
	syncGroups  int
	sync429     float64
	syncOnly    bool
	queryUsers  int
	queryGroups int
	queryOnly   bool
	// The scale benchmark (scale.go).
	scaleUsers     []int
	scaleGroups    int
	scaleSmall     int
	scaleTenant    int
	scaleRPS       float64
	scaleLatencyMs int
	scaleOffMax    time.Duration
	scaleRuns      int
	scaleOnly      bool
	membersSize    int // members.go
	membersAdd     int
	membersOnly    bool
}

func main() {
	var o options
	sizes := flag.String("n", "10,100,500,1000", "resource counts")
	flag.IntVar(&o.latencyMs, "latency-ms", 50, "injected backend latency for the latency run (0: skip it)")
	flag.IntVar(&o.parallelism, "parallelism", 10, "terraform -parallelism")
	flag.IntVar(&o.refreshes, "refreshes", 5, "times each refresh of the main table is run (the row is the median)")
	flag.StringVar(&o.out, "out", "BENCHMARKS.md", "where to write the table")
	flag.StringVar(&o.terraform, "terraform", "bin/terraform", "terraform binary")
	flag.IntVar(&o.syncUsers, "sync-users", 10000, "users in the provisioning benchmark (0: skip it)")
	flag.IntVar(&o.syncGroups, "sync-groups", 20, "groups in the provisioning benchmark")
	flag.Float64Var(&o.sync429, "sync-429", 0.1, "share of SCIM requests answered 429 in the provisioning benchmark's second run")
	flag.BoolVar(&o.syncOnly, "sync", false, "run only the provisioning benchmark")
	flag.IntVar(&o.queryUsers, "query-users", 10000, "users in the terraform query benchmark (0: skip it)")
	flag.IntVar(&o.queryGroups, "query-groups", 1000, "groups in the terraform query benchmark")
	flag.BoolVar(&o.queryOnly, "query", false, "run only the terraform query benchmark")
	scaleUsers := flag.String("scale-users", "1000,10000", "users in state (tenant of as many) in the scale benchmark (empty: none)")
	flag.IntVar(&o.scaleGroups, "scale-groups", 1000, "groups in state (tenant of as many) in the scale benchmark (0: none)")
	flag.IntVar(&o.scaleSmall, "scale-small", 50, "users in state in the large tenant of the scale benchmark (0: none)")
	flag.IntVar(&o.scaleTenant, "scale-tenant", 100000, "users in that large tenant")
	flag.Float64Var(&o.scaleRPS, "scale-rps", 20, "the tenant's rate limit in the scale benchmark, requests/s")
	flag.IntVar(&o.scaleLatencyMs, "scale-latency-ms", 50, "latency in the scale benchmark's limited runs")
	flag.IntVar(&o.scaleRuns, "scale-runs", 3, "times the scale benchmark's baseline and shared-reads-on refreshes run (the median is shown)")
	flag.DurationVar(&o.scaleOffMax, "scale-off-max", 10*time.Minute, "skip a shared-reads-off run whose requests alone would take longer at the rate limit")
	flag.BoolVar(&o.scaleOnly, "scale", false, "run only the scale benchmark")
	flag.IntVar(&o.membersSize, "members-size", 5000, "members of the group refreshed in the idaas_group_members benchmark (0: skip it)")
	flag.IntVar(&o.membersAdd, "members-add", 1000, "directory users added to a group in the idaas_group_members benchmark")
	flag.BoolVar(&o.membersOnly, "members", false, "run only the idaas_group_members benchmark")
	flag.StringVar(&o.profile, "profile", "", "write profiles here: the harness (emulator, sync) as harness.pprof, the provider (built with -tags pprof) per process and size as provider-N-<pid>.pprof (CPU), and in the scale benchmark scale-mem-*.pprof (its live heap at its largest, and .final at exit)")
	flag.Parse()
	for _, s := range strings.Split(*scaleUsers, ",") {
		if s = strings.TrimSpace(s); s == "" {
			continue
		}
		n, err := strconv.Atoi(s)
		if err != nil || n < 1 {
			fmt.Fprintln(os.Stderr, "bad -scale-users:", s)
			os.Exit(2)
		}
		o.scaleUsers = append(o.scaleUsers, n)
	}
	for _, s := range strings.Split(*sizes, ",") {
		n, err := strconv.Atoi(strings.TrimSpace(s))
		if err != nil || n < 1 {
			fmt.Fprintln(os.Stderr, "bad -n:", s)
			os.Exit(2)
		}
		o.sizes = append(o.sizes, n)
	}
	if err := run(o); err != nil {
		fmt.Fprintln(os.Stderr, "bench:", err)
		os.Exit(1)
	}
}

// result is one configuration measured at one size.
type result struct {
	apply, refresh time.Duration
	peakRSSKiB     int
	// CPU time of the whole command (Terraform and the plugins it waited
	// for) and of the provider processes alone.
	applyCPU, applyPluginCPU     time.Duration
	refreshCPU, refreshPluginCPU time.Duration
	requests                     emulator.Stats
}

type bench struct {
	o       options
	tf      string
	bins    string // the shim, named as both providers
	idaas   string // real provider binaries
	noop    string
	same    string // the same-schema no-op
	rssFile string
	extra   []string // sections written after the others (members.go)
	// refreshGoal says how the refresh at N = 1000 did against the floors.
	refreshGoal string
}

func run(o options) error {
	tf, err := filepath.Abs(o.terraform)
	if err != nil {
		return err
	}
	if _, err := os.Stat(tf); err != nil {
		return fmt.Errorf("%s: %w (run make terraform)", tf, err)
	}
	tmp, err := os.MkdirTemp("", "idaas-bench-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(tmp)
	b := &bench{o: o, tf: tf, bins: filepath.Join(tmp, "plugins"), rssFile: filepath.Join(tmp, "rss")}
	b.idaas = filepath.Join(tmp, "real", "terraform-provider-idaas")
	b.noop = filepath.Join(tmp, "real", "terraform-provider-noop")
	b.same = filepath.Join(tmp, "real", "terraform-provider-idaasnoop")
	if o.profile != "" {
		if err := os.MkdirAll(o.profile, 0o755); err != nil {
			return err
		}
		f, err := os.Create(filepath.Join(o.profile, "harness.pprof"))
		if err != nil {
			return err
		}
		if err := pprof.StartCPUProfile(f); err != nil {
			return err
		}
		defer func() { pprof.StopCPUProfile(); _ = f.Close() }()
	}
	idaasPkg := "."
	if o.profile != "" {
		idaasPkg = "-tags=pprof ."
	}
	for _, build := range [][2]string{
		{b.idaas, idaasPkg},
		{b.noop, "./tools/bench/noopprovider"},
		{b.same, "./tools/bench/noopschema"},
		{filepath.Join(b.bins, "terraform-provider-idaasnoop"), "./tools/bench/rssshim"},
		{filepath.Join(b.bins, "terraform-provider-idaas"), "./tools/bench/rssshim"},
		{filepath.Join(b.bins, "terraform-provider-noop"), "./tools/bench/rssshim"},
	} {
		cmd := exec.Command("go", append([]string{"build", "-o", build[0]}, strings.Fields(build[1])...)...)
		cmd.Stdout, cmd.Stderr = os.Stderr, os.Stderr
		if err := cmd.Run(); err != nil {
			return fmt.Errorf("go build %s: %w", build[1], err)
		}
	}

	if o.membersSize > 0 && !o.syncOnly && !o.queryOnly {
		fmt.Printf("== idaas_group_members: a %d-member group, %d users added\n", o.membersSize, o.membersAdd)
		membersRows, err := b.membersBench(o.membersSize, o.membersAdd)
		if err != nil {
			return err
		}
		b.extra = append(b.extra, membersSection(membersRows))
	}
	if o.membersOnly {
		fmt.Print(strings.Join(b.extra, ""))
		return nil
	}
	var rows []string
	var syncRows []syncRow
	var queryRows []queryRow
	var scaleRows []scaleRow
	if !o.syncOnly && !o.queryOnly && (len(o.scaleUsers) > 0 || o.scaleGroups > 0 || o.scaleSmall > 0) {
		if scaleRows, err = b.scaleBench(); err != nil {
			return err
		}
	}
	if o.scaleOnly {
		fmt.Print(b.scaleSection(scaleRows))
		return writePlots(filepath.Join(filepath.Dir(o.out), "benchmarks"), nil, scaleRows)
	}
	if o.queryUsers > 0 && !o.syncOnly {
		fmt.Printf("== terraform query: %d users, %d groups\n", o.queryUsers, o.queryGroups)
		if queryRows, err = b.queryBench(o.queryUsers, o.queryGroups); err != nil {
			return err
		}
	}
	if o.queryOnly {
		fmt.Print(querySection(queryRows))
		return nil
	}
	if o.syncUsers > 0 {
		fmt.Printf("== provisioning: %d users in %d groups\n", o.syncUsers, o.syncGroups)
		if syncRows, err = syncBench(o.syncUsers, o.syncGroups, o.sync429); err != nil {
			return err
		}
	}
	if o.syncOnly {
		fmt.Print(b.syncSection(syncRows))
		return nil
	}
	var pts []point
	for _, n := range o.sizes {
		fmt.Printf("== N = %d\n", n)
		tfData, err := b.measure(n, "terraform_data", 0)
		if err != nil {
			return err
		}
		noop, err := b.measure(n, "noop", 0)
		if err != nil {
			return err
		}
		ours, err := b.measure(n, "idaas", 0)
		if err != nil {
			return err
		}
		same, err := b.measure(n, "noopschema", 0)
		if err != nil {
			return err
		}
		if n == 1000 {
			b.refreshGoal = fmt.Sprintf("Goal: refresh at N = 1000 within 1.25× of the no-op floor. This run: %.2f× the no-op with our schemas (%s), %.2f× the "+
				"two-attribute no-op (%s); the same-schema floor is %.2f× the two-attribute one (see the notes).\n",
				ratio(ours.refresh, same.refresh), verdictText(ratio(ours.refresh, same.refresh) <= 1.25),
				ratio(ours.refresh, noop.refresh), verdictText(ratio(ours.refresh, noop.refresh) <= 1.25), ratio(same.refresh, noop.refresh))
		}
		pts = append(pts, point{n: n, applyData: tfData.apply.Seconds(), applyNoop: noop.apply.Seconds(), applySame: same.apply.Seconds(),
			applyIdaas: ours.apply.Seconds(), refreshData: tfData.refresh.Seconds(), refreshNoop: noop.refresh.Seconds(),
			refreshSame: same.refresh.Seconds(), refreshIdaas: ours.refresh.Seconds()})
		row := fmt.Sprintf("| %d | %s | %s | %s | %.2f | %.2f | %s | %s | %s | %.2f | %.2f | %d | %d | %d | %.2f |",
			n, secs(tfData.apply), secs(noop.apply), secs(ours.apply), ratio(ours.apply, noop.apply), ratio(ours.apply, tfData.apply),
			secs(tfData.refresh), secs(noop.refresh), secs(ours.refresh), ratio(ours.refresh, noop.refresh), ratio(ours.refresh, tfData.refresh),
			noop.peakRSSKiB/1024, ours.peakRSSKiB/1024,
			ours.requests.ByRoute["POST /api/web/v1/adminapi/authenticate"], perResource(ours.requests, n))
		row += fmt.Sprintf(" %s (%s) | %s (%s) | %s (%s) | %s (%s) |", secs(noop.applyCPU), secs(noop.applyPluginCPU), secs(ours.applyCPU), secs(ours.applyPluginCPU),
			secs(noop.refreshCPU), secs(noop.refreshPluginCPU), secs(ours.refreshCPU), secs(ours.refreshPluginCPU))
		if o.latencyMs > 0 {
			slow, err := b.measure(n, "idaas", o.latencyMs)
			if err != nil {
				return err
			}
			budget := noop.refresh + time.Duration(n)*time.Duration(o.latencyMs)*time.Millisecond/time.Duration(o.parallelism)
			row += fmt.Sprintf(" %s | %s | %.2f |", secs(slow.refresh), secs(budget), ratio(slow.refresh, budget))
		}
		row += sameSchemaColumns(noop, same, ours)
		rows = append(rows, row)
		fmt.Println(row)
	}
	if err := writePlots(filepath.Join(filepath.Dir(o.out), "benchmarks"), pts, scaleRows); err != nil {
		return err
	}
	return b.write(rows, syncRows, queryRows, scaleRows)
}

func secs(d time.Duration) string { return fmt.Sprintf("%.2fs", d.Seconds()) }

func ratio(a, b time.Duration) float64 {
	if b == 0 {
		return 0
	}
	return float64(a) / float64(b)
}

// perResource is the refresh's requests per resource: authenticate and the
// configuration's one data source (the authentication flow list) excluded.
func perResource(s emulator.Stats, n int) float64 {
	total := s.Total - s.ByRoute["POST /api/web/v1/adminapi/authenticate"] - s.ByRoute["GET /api/web/v2/authenticationflows"]
	return float64(total) / float64(n)
}

// measure applies a configuration of n resources of kind from scratch, then
// times a refresh-only plan, with latencyMs injected into the emulator.
func (b *bench) measure(n int, kind string, latencyMs int) (result, error) {
	var r result
	emu := emulator.New(emulator.Options{})
	srv := httptest.NewServer(emu.Handler())
	defer srv.Close()
	dir, err := os.MkdirTemp("", "idaas-bench-ws-")
	if err != nil {
		return r, err
	}
	defer os.RemoveAll(dir)
	rc := filepath.Join(dir, "terraform.rc")
	overrides := fmt.Sprintf("provider_installation {\n  dev_overrides {\n    \"idaas-terraform/idaas\" = %q\n    \"idaas-terraform/noop\" = %q\n    \"idaas-terraform/idaasnoop\" = %q\n  }\n  direct {}\n}\n", b.bins, b.bins, b.bins)
	if err := os.WriteFile(rc, []byte(overrides), 0o600); err != nil {
		return r, err
	}
	if err := os.WriteFile(filepath.Join(dir, "main.tf"), []byte(config(kind, n, srv.URL, emu)), 0o600); err != nil {
		return r, err
	}
	binary := b.idaas
	switch kind {
	case "noop":
		binary = b.noop
	case "noopschema":
		binary = b.same
	}
	scimToken, err := emu.SCIM().IssueToken(time.Now().Add(24 * time.Hour))
	if err != nil {
		return r, err
	}
	env := append(os.Environ(), "TF_CLI_CONFIG_FILE="+rc, "TF_VAR_scim_token="+scimToken, "CHECKPOINT_DISABLE=1", "TF_IN_AUTOMATION=1",
		"BENCH_REAL_PROVIDER="+binary,
		"IDAAS_CPUPROFILE="+profileFile(b.o.profile, kind, n, latencyMs), "BENCH_RSS_FILE="+b.rssFile, "TF_VAR_shared_secret="+emu.SharedSecret())
	var lastCPU time.Duration // of the last command, its plugins included
	tf := func(args ...string) (time.Duration, error) {
		cmd := exec.Command(b.tf, append(args, "-input=false", "-no-color", "-parallelism="+strconv.Itoa(b.o.parallelism))...)
		cmd.Dir, cmd.Env = dir, env
		start := time.Now()
		out, err := cmd.CombinedOutput()
		d := time.Since(start)
		if cmd.ProcessState != nil {
			lastCPU = cmd.ProcessState.UserTime() + cmd.ProcessState.SystemTime()
		}
		if b.o.profile != "" {
			_ = os.WriteFile(filepath.Join(b.o.profile, fmt.Sprintf("%s-%d-%d-%s.log", kind, n, latencyMs, args[0])), out, 0o644)
		}
		var exitErr *exec.ExitError
		if errors.As(err, &exitErr) && args[0] == "plan" && exitErr.ExitCode() == 2 {
			// Terraform 1.15 and 1.16 answer a refresh-only plan of a configuration
			// with a data source with exit code 2 even when nothing changed
			// (it re-reads the data source); its report is what counts.
			if !bytes.Contains(out, []byte("No changes.")) {
				return d, fmt.Errorf("refresh found changes:\n%s", tail(out))
			}
			err = nil
		}
		if err != nil {
			return d, fmt.Errorf("terraform %s (%s, N=%d): %w\n%s", args[0], kind, n, err, tail(out))
		}
		return d, nil
	}
	_ = os.Remove(b.rssFile)
	if r.apply, err = tf("apply", "-auto-approve"); err != nil {
		return r, err
	}
	r.applyCPU = lastCPU
	_, r.applyPluginCPU = readShim(b.rssFile)
	// The refresh is timed o.refreshes times; the row is the median run
	// (a 2-CPU machine's refresh of 1,000 resources varies by half from
	// run to run), with the largest peak memory of them all and the
	// requests of the first.
	emu.SetFaults(emulator.Faults{LatencyMs: latencyMs})
	type run struct {
		wall, cpu, pluginCPU time.Duration
	}
	var runs []run
	for i := range max(1, b.o.refreshes) {
		_ = os.Remove(b.rssFile)
		emu.ResetStats()
		d, err := tf("plan", "-refresh-only", "-detailed-exitcode")
		if err != nil {
			return r, err
		}
		rss, pluginCPU := readShim(b.rssFile)
		r.peakRSSKiB = max(r.peakRSSKiB, rss)
		if i == 0 {
			r.requests = emu.Stats()
		}
		runs = append(runs, run{d, lastCPU, pluginCPU})
	}
	emu.SetFaults(emulator.Faults{})
	med := medianBy(runs, func(r run) time.Duration { return r.wall })
	r.refresh, r.refreshCPU, r.refreshPluginCPU = med.wall, med.cpu, med.pluginCPU
	fmt.Printf("   %-14s latency=%-3d apply %-7s (cpu %s, provider %s) refresh %-7s (cpu %s, provider %s) rss %4d MiB requests %d\n", kind, latencyMs,
		secs(r.apply), secs(r.applyCPU), secs(r.applyPluginCPU), secs(r.refresh), secs(r.refreshCPU), secs(r.refreshPluginCPU), r.peakRSSKiB/1024, r.requests.Total)
	return r, nil
}

// profileFile names the provider's CPU profiles for one measurement ("" when
// not profiling, or for the floors and the latency run).
func profileFile(dir, kind string, n, latencyMs int) string {
	if dir == "" || kind != "idaas" || latencyMs != 0 {
		return ""
	}
	return filepath.Join(dir, fmt.Sprintf("provider-%d-%%d.pprof", n))
}

func tail(out []byte) string {
	s := string(out)
	if len(s) > 3000 {
		s = s[len(s)-3000:]
	}
	return s
}

// readShim returns the largest peak RSS (KiB) of the provider processes the
// shim recorded, and the CPU time they used together.
func readShim(file string) (peakKiB int, cpu time.Duration) {
	data, _ := os.ReadFile(file)
	for _, l := range strings.Split(string(data), "\n") {
		f := strings.Fields(l)
		if len(f) != 2 {
			continue
		}
		rss, _ := strconv.Atoi(f[0])
		ms, _ := strconv.Atoi(f[1])
		peakKiB = max(peakKiB, rss)
		cpu += time.Duration(ms) * time.Millisecond
	}
	return peakKiB, cpu
}

func (b *bench) write(rows []string, syncRows []syncRow, queryRows []queryRow, scaleRows []scaleRow) error {
	var s strings.Builder
	fmt.Fprintf(&s, "# Benchmarks\n\nGenerated by `make bench` (`go run ./tools/bench`) on %s, %s/%s, %d CPUs, Terraform %s, -parallelism=%d.\n\n",
		time.Now().UTC().Format("2006-01-02"), runtime.GOOS, runtime.GOARCH, runtime.NumCPU(), terraformVersion(b.tf), b.o.parallelism)
	s.WriteString(plotsIntro)
	s.WriteString("Each row applies a configuration of N resources from scratch against the emulator on loopback, then times a refresh-only plan " +
		fmt.Sprintf("%d times; the row shows the median run (its CPU too), the largest peak RSS and the first run's requests. ", max(1, b.o.refreshes)) +
		"`terraform_data` is Terraform's own overhead (no plugin); `noop` is a terraform-plugin-framework provider whose resource does no I/O " +
		"(Terraform plus the plugin protocol: the least any plugin provider can cost). The idaas configuration mixes groups, SAML applications " +
		"(with their signing certificate), resource rules, user attributes, and generic provisioners (each verifying its connection to the emulator's SCIM server) " +
		"with six attribute mappings each. Ratios are idaas time over the floor. " +
		"Requests/resource counts the refresh's admin API requests per managed resource (authenticate and the one data source excluded); auth is the number of authenticate calls in that refresh. " +
		"Peak RSS is the provider process's maximum resident set size. CPU is the user+system time of the whole command (Terraform and the plugins it waited for), " +
		"in brackets that of the provider processes alone; the machine has the CPUs stated above.\n\n")
	header := "| N | apply tf_data | apply noop | apply idaas | ×noop | ×tf_data | refresh tf_data | refresh noop | refresh idaas | ×noop | ×tf_data | RSS noop MiB | RSS idaas MiB | auth | requests/resource |"
	header += " apply CPU noop (provider) | apply CPU idaas (provider) | refresh CPU noop (provider) | refresh CPU idaas (provider) |"
	sep := "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|"
	if b.o.latencyMs > 0 {
		header += fmt.Sprintf(" refresh idaas @%dms | budget: noop + N×%dms/%d | ×budget |", b.o.latencyMs, b.o.latencyMs, b.o.parallelism)
		sep += "---|---|---|"
	}
	header += sameSchemaHeader
	sep += sameSchemaSep
	s.WriteString(header + "\n" + sep + "\n")
	sort.Strings(rows[:0])
	for _, r := range rows {
		s.WriteString(r + "\n")
	}
	if b.refreshGoal != "" {
		s.WriteString("\n" + b.refreshGoal)
	}
	s.WriteString(b.scaleSection(scaleRows))
	s.WriteString(b.syncSection(syncRows))
	s.WriteString(querySection(queryRows))
	s.WriteString(strings.Join(b.extra, ""))
	s.WriteString("\n" + notes)
	return os.WriteFile(b.o.out, []byte(s.String()), 0o644)
}

func terraformVersion(tf string) string {
	out, err := exec.Command(tf, "version").Output()
	if err != nil {
		return "?"
	}
	f := strings.Fields(string(out))
	if len(f) > 1 {
		return f[1]
	}
	return "?"
}

// syncSection is the provisioning benchmark's table.
func (b *bench) syncSection(rows []syncRow) string {
	if len(rows) == 0 {
		return ""
	}
	var s strings.Builder
	fmt.Fprintf(&s, "\n## Provisioning\n\nThe provisioning engine (internal/provisioning, %d workers) pushes %d users in %d groups "+
		"(AWS default mappings, groups pushed) to the emulator's AWS IAM Identity Center SCIM mock on loopback, then re-syncs after ten changes "+
		"(six renames, two users moved to another group, one new user, one user deleted: deactivated). The second pair runs with %.0f%% of "+
		"SCIM requests answered 429 (Retry-After: 0), retried with backoff. Users/s is the users the sync had to push (all of them, or the ten changed) "+
		"over wall time; requests/user is SCIM requests (429s included) over the same count. Duplicates are users sharing an externalId or userName, "+
		"and group members listed twice, counted in the mock afterwards.\n\n", 8, b.o.syncUsers, b.o.syncGroups, b.o.sync429*100)
	s.WriteString("| sync | wall | SCIM requests | 429s | users/s | requests/user | created | updated | deactivated | duplicate users | duplicate members |\n")
	s.WriteString("|---|---|---|---|---|---|---|---|---|---|---|\n")
	for _, r := range rows {
		s.WriteString(r.markdown() + "\n")
	}
	return s.String()
}

func verdictText(ok bool) string {
	if ok {
		return "met"
	}
	return "**missed**"
}

// medianBy is the median of runs (the upper one of an even count) by key;
// runs is reordered.
func medianBy[T any](runs []T, key func(T) time.Duration) T {
	sort.Slice(runs, func(i, j int) bool { return key(runs[i]) < key(runs[j]) })
	return runs[len(runs)/2]
}
