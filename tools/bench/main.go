// Command bench measures what the provider costs as the work grows, against
// the emulator on loopback, and compares it with two floors measured in the
// same run: N terraform_data resources (Terraform's own overhead, no plugin)
// and N resources of a no-op framework provider (Terraform plus the plugin
// protocol, no network). It writes a Markdown table (default BENCHMARKS.md).
//
//	go run ./tools/bench [-n 10,100,500,1000] [-latency-ms 50] [-out BENCHMARKS.md]
package main

import (
	"errors"
	"flag"
	"fmt"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/idaas-terraform/terraform-provider-idaas/internal/emulator"
)

type options struct {
	sizes       []int
	latencyMs   int
	parallelism int
	out         string
	terraform   string
}

func main() {
	var o options
	sizes := flag.String("n", "10,100,500,1000", "resource counts")
	flag.IntVar(&o.latencyMs, "latency-ms", 50, "injected backend latency for the latency run (0: skip it)")
	flag.IntVar(&o.parallelism, "parallelism", 10, "terraform -parallelism")
	flag.StringVar(&o.out, "out", "BENCHMARKS.md", "where to write the table")
	flag.StringVar(&o.terraform, "terraform", "bin/terraform", "terraform binary")
	flag.Parse()
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
	requests       emulator.Stats
}

type bench struct {
	o       options
	tf      string
	bins    string // the shim, named as both providers
	idaas   string // real provider binaries
	noop    string
	rssFile string
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
	for _, build := range [][2]string{
		{b.idaas, "."},
		{b.noop, "./tools/bench/noopprovider"},
		{filepath.Join(b.bins, "terraform-provider-idaas"), "./tools/bench/rssshim"},
		{filepath.Join(b.bins, "terraform-provider-noop"), "./tools/bench/rssshim"},
	} {
		cmd := exec.Command("go", "build", "-o", build[0], build[1])
		cmd.Stdout, cmd.Stderr = os.Stderr, os.Stderr
		if err := cmd.Run(); err != nil {
			return fmt.Errorf("go build %s: %w", build[1], err)
		}
	}

	var rows []string
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
		row := fmt.Sprintf("| %d | %s | %s | %s | %.2f | %.2f | %s | %s | %s | %.2f | %.2f | %d | %d | %d | %.2f |",
			n, secs(tfData.apply), secs(noop.apply), secs(ours.apply), ratio(ours.apply, noop.apply), ratio(ours.apply, tfData.apply),
			secs(tfData.refresh), secs(noop.refresh), secs(ours.refresh), ratio(ours.refresh, noop.refresh), ratio(ours.refresh, tfData.refresh),
			noop.peakRSSKiB/1024, ours.peakRSSKiB/1024,
			ours.requests.ByRoute["POST /api/web/v1/adminapi/authenticate"], perResource(ours.requests, n))
		if o.latencyMs > 0 {
			slow, err := b.measure(n, "idaas", o.latencyMs)
			if err != nil {
				return err
			}
			budget := noop.refresh + time.Duration(n)*time.Duration(o.latencyMs)*time.Millisecond/time.Duration(o.parallelism)
			row += fmt.Sprintf(" %s | %s | %.2f |", secs(slow.refresh), secs(budget), ratio(slow.refresh, budget))
		}
		rows = append(rows, row)
		fmt.Println(row)
	}
	return b.write(rows)
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
	overrides := fmt.Sprintf("provider_installation {\n  dev_overrides {\n    \"idaas-terraform/idaas\" = %q\n    \"idaas-terraform/noop\" = %q\n  }\n  direct {}\n}\n", b.bins, b.bins)
	if err := os.WriteFile(rc, []byte(overrides), 0o600); err != nil {
		return r, err
	}
	if err := os.WriteFile(filepath.Join(dir, "main.tf"), []byte(config(kind, n, srv.URL, emu)), 0o600); err != nil {
		return r, err
	}
	binary := b.idaas
	if kind == "noop" {
		binary = b.noop
	}
	scimToken, err := emu.SCIM().IssueToken(time.Now().Add(24 * time.Hour))
	if err != nil {
		return r, err
	}
	env := append(os.Environ(), "TF_CLI_CONFIG_FILE="+rc, "TF_VAR_scim_token="+scimToken, "CHECKPOINT_DISABLE=1", "TF_IN_AUTOMATION=1",
		"BENCH_REAL_PROVIDER="+binary, "BENCH_RSS_FILE="+b.rssFile, "TF_VAR_shared_secret="+emu.SharedSecret())
	tf := func(args ...string) (time.Duration, error) {
		cmd := exec.Command(b.tf, append(args, "-input=false", "-no-color", "-parallelism="+strconv.Itoa(b.o.parallelism))...)
		cmd.Dir, cmd.Env = dir, env
		start := time.Now()
		out, err := cmd.CombinedOutput()
		d := time.Since(start)
		var exitErr *exec.ExitError
		if errors.As(err, &exitErr) && args[0] == "plan" && exitErr.ExitCode() == 2 {
			return d, fmt.Errorf("refresh found changes:\n%s", tail(out))
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
	emu.ResetStats()
	emu.SetFaults(emulator.Faults{LatencyMs: latencyMs})
	if r.refresh, err = tf("plan", "-refresh-only", "-detailed-exitcode"); err != nil {
		return r, err
	}
	emu.SetFaults(emulator.Faults{})
	r.requests = emu.Stats()
	r.peakRSSKiB = readPeakRSS(b.rssFile)
	fmt.Printf("   %-14s latency=%-3d apply %-7s refresh %-7s rss %4d MiB requests %d\n", kind, latencyMs, secs(r.apply), secs(r.refresh), r.peakRSSKiB/1024, r.requests.Total)
	return r, nil
}

func tail(out []byte) string {
	s := string(out)
	if len(s) > 3000 {
		s = s[len(s)-3000:]
	}
	return s
}

func readPeakRSS(file string) int {
	data, _ := os.ReadFile(file)
	peak := 0
	for _, l := range strings.Fields(string(data)) {
		if v, err := strconv.Atoi(l); err == nil && v > peak {
			peak = v
		}
	}
	return peak
}

func (b *bench) write(rows []string) error {
	var s strings.Builder
	fmt.Fprintf(&s, "# Benchmarks\n\nGenerated by `make bench` (`go run ./tools/bench`) on %s, %s/%s, %d CPUs, Terraform %s, -parallelism=%d.\n\n",
		time.Now().UTC().Format("2006-01-02"), runtime.GOOS, runtime.GOARCH, runtime.NumCPU(), terraformVersion(b.tf), b.o.parallelism)
	s.WriteString("Each row applies a configuration of N resources from scratch against the emulator on loopback, then times a refresh-only plan. " +
		"`terraform_data` is Terraform's own overhead (no plugin); `noop` is a terraform-plugin-framework provider whose resource does no I/O " +
		"(Terraform plus the plugin protocol: the least any plugin provider can cost). The idaas configuration mixes groups, SAML applications " +
		"(with their signing certificate), resource rules and user attributes. Ratios are idaas time over the floor. " +
		"Requests/resource counts the refresh's admin API requests per managed resource (authenticate and the one data source excluded); auth is the number of authenticate calls in that refresh. " +
		"Peak RSS is the provider process's maximum resident set size.\n\n")
	header := "| N | apply tf_data | apply noop | apply idaas | ×noop | ×tf_data | refresh tf_data | refresh noop | refresh idaas | ×noop | ×tf_data | RSS noop MiB | RSS idaas MiB | auth | requests/resource |"
	sep := "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|"
	if b.o.latencyMs > 0 {
		header += fmt.Sprintf(" refresh idaas @%dms | budget: noop + N×%dms/%d | ×budget |", b.o.latencyMs, b.o.latencyMs, b.o.parallelism)
		sep += "---|---|---|"
	}
	s.WriteString(header + "\n" + sep + "\n")
	sort.Strings(rows[:0])
	for _, r := range rows {
		s.WriteString(r + "\n")
	}
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
