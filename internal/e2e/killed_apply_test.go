package e2e

import (
	"fmt"
	"math/rand"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"
)

// newAWSSSOWorkspaceWithSCIM is a workspace holding examples/aws-sso, with the
// emulator's SCIM server as the AWS endpoint; it returns the SCIM token too.
func newAWSSSOWorkspaceWithSCIM(t *testing.T) (*workspace, string) {
	t.Helper()
	w := newAWSSSOWorkspace(t)
	tok, err := w.emu.SCIM().IssueToken(time.Now().AddDate(1, 0, 0))
	if err != nil {
		t.Fatal(err)
	}
	w.env = append(w.env, "TF_VAR_scim_endpoint="+w.srv.URL+w.emu.SCIM().BasePath(), "TF_VAR_scim_token="+tok)
	return w, tok
}

// checkOneOfEachAWSSSO checks that the tenant and its SCIM server hold exactly
// one object per resource of examples/aws-sso: nothing made twice.
func (w *workspace) checkOneOfEachAWSSSO() {
	w.t.Helper()
	inv := w.emu.Inventory()
	want := map[string]int{"group": 2, "user": 3, "application": 1, "signing_certificate": 1, "resource_rule": 1, "provisioner": 1}
	for kind, n := range want {
		if inv.Counts[kind] != n {
			w.t.Errorf("%d %s objects in the tenant, want %d: %v", inv.Counts[kind], kind, n, inv.Names[kind])
		}
	}
	if got := len(w.emu.SCIM().Users()); got != 3 {
		w.t.Errorf("%d users in the SCIM server, want 3", got)
	}
	if got := len(w.emu.SCIM().Groups()); got != 2 {
		w.t.Errorf("%d groups in the SCIM server, want 2", got)
	}
}

// isWrite reports whether an admin API request changes the tenant: a
// create, a modify (PUT), or a synchronization.
func isWrite(r *http.Request) bool {
	switch r.Method {
	case http.MethodPut:
		return true
	case http.MethodPost:
		p := r.URL.Path
		return !strings.HasSuffix(p, "/authenticate") && !strings.HasSuffix(p, "/userid") && !strings.HasSuffix(p, "/externalid") &&
			!strings.HasSuffix(p, "paged") && !strings.HasSuffix(p, "/test")
	}
	return false
}

type statusRecorder struct {
	http.ResponseWriter
	status int
}

func (s *statusRecorder) WriteHeader(code int) {
	s.status = code
	s.ResponseWriter.WriteHeader(code)
}

// adviceRe finds, in terraform's -no-color output, each "Already exists"
// error: the resource's address (after "with") and the id of the import
// block the error advises.
var adviceRe = regexp.MustCompile(`(?s)Error: Already exists: [^\n]*\n\s*\n\s*with (.+?),\n.*?import \{\s*to = idaas_[a-z_]+\.<name>\s*id = "([^"]+)"\s*\}`)

// killedApplyRuns is how many times the killed-apply test kills an apply
// (IDAAS_KILL_RUNS overrides it); IDAAS_KILL_SEED replays a seed.
func killedApplyRuns() (int, int64) {
	runs := 20
	if n, err := strconv.Atoi(os.Getenv("IDAAS_KILL_RUNS")); err == nil && n > 0 {
		runs = n
	}
	seed := time.Now().UnixNano()
	if s, err := strconv.ParseInt(os.Getenv("IDAAS_KILL_SEED"), 10, 64); err == nil {
		seed = s
	}
	return runs, seed
}

// The killed apply: examples/aws-sso is applied, and Terraform is killed
// with SIGKILL (its whole process group, the provider included) as the
// emulator commits its k-th write, k random, so that the object of that
// write exists in the tenant but not in the state. The next apply must never
// make a second one: it either finishes, or fails with the "Already exists"
// error, whose import blocks (with the address Terraform printed) are then
// added to the configuration, and apply converges. After that the plan is
// empty and the tenant and the SCIM server hold exactly one of each object.
func TestKilledApplyNeverDuplicates(t *testing.T) {
	skipBelowCLI(t, "1.11.0", "examples/aws-sso takes its secrets as ephemeral variables into write-only arguments")
	runs, seed := killedApplyRuns()
	t.Logf("seed %d (IDAAS_KILL_SEED=%d replays it), %d runs", seed, seed, runs)
	rng := rand.New(rand.NewSource(seed))
	kills := make([]int, runs)
	for i := range kills {
		kills[i] = 1 + rng.Intn(17) // a full apply makes 17 writes
	}
	var killed, adopted atomic.Int32
	var wg sync.WaitGroup
	sem := make(chan struct{}, 4)
	for i, k := range kills {
		wg.Add(1)
		go func() {
			defer wg.Done()
			sem <- struct{}{}
			defer func() { <-sem }()
			t.Run(fmt.Sprintf("run%02d_kill_at_write_%02d", i+1, k), func(t *testing.T) {
				wasKilled, n := killedApplyRun(t, k)
				if wasKilled {
					killed.Add(1)
				}
				adopted.Add(int32(n))
			})
		}()
	}
	wg.Wait()
	t.Logf("seed %d: %d of %d applies killed; %d objects adopted with the advised import blocks", seed, killed.Load(), runs, adopted.Load())
	if killed.Load() < int32(runs)/2 {
		t.Errorf("only %d of %d applies were killed", killed.Load(), runs)
	}
}

// killedApplyRun kills an apply at the k-th write, then converges; it returns
// whether the kill happened and how many objects were imported.
func killedApplyRun(t *testing.T, k int) (bool, int) {
	w, _ := newAWSSSOWorkspaceWithSCIM(t)
	var writes atomic.Int32
	var pgid atomic.Int32
	var killedAt atomic.Value
	inner := w.handler
	killer := httptest.NewServer(http.HandlerFunc(func(rw http.ResponseWriter, r *http.Request) {
		rec := &statusRecorder{ResponseWriter: rw, status: http.StatusOK}
		inner.ServeHTTP(rec, r)
		// The write is committed; its answer is not yet sent.
		if isWrite(r) && rec.status == http.StatusOK && int(writes.Add(1)) == k {
			if p := pgid.Load(); p > 0 {
				killedAt.Store(r.Method + " " + r.URL.Path)
				_ = syscall.Kill(-int(p), syscall.SIGKILL)
			}
		}
	}))
	t.Cleanup(killer.Close)
	env := w.env
	w.env = append(append([]string(nil), env...), "TF_VAR_tenant_url="+killer.URL)

	cmd := exec.Command(terraformBin, "apply", "-auto-approve", "-input=false", "-no-color")
	cmd.Dir, cmd.Env = w.dir, w.env
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	var out strings.Builder
	cmd.Stdout, cmd.Stderr = &out, &out
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	pgid.Store(int32(cmd.Process.Pid))
	err := cmd.Wait()
	at, wasKilled := killedAt.Load().(string)
	if wasKilled {
		t.Logf("killed at write %d (%s)", k, at)
		if err == nil {
			t.Fatalf("terraform survived SIGKILL:\n%s", out.String())
		}
		// No process of the group (Terraform, the provider) is left.
		deadline := time.Now().Add(5 * time.Second)
		for syscall.Kill(-int(pgid.Load()), 0) == nil {
			if time.Now().After(deadline) {
				t.Fatalf("processes of group %d still alive after SIGKILL", pgid.Load())
			}
			time.Sleep(20 * time.Millisecond)
		}
	} else if err != nil {
		t.Fatalf("apply failed before write %d:\n%s", k, out.String())
	} else {
		t.Logf("the apply made fewer than %d writes: not killed", k)
	}

	// Apply again (through the emulator directly): finish, or follow the
	// import advice.
	w.env = env
	imported := 0
	var imports strings.Builder
	for attempt := 1; ; attempt++ {
		text, code := w.runCode("apply", "-auto-approve", "-input=false", "-no-color")
		if code == 0 {
			break
		}
		advice := adviceRe.FindAllStringSubmatch(text, -1)
		if len(advice) == 0 || attempt > 4 {
			t.Fatalf("apply %d failed without import advice:\n%s", attempt, text)
		}
		for _, a := range advice {
			fmt.Fprintf(&imports, "import {\n  to = %s\n  id = %q\n}\n", a[1], a[2])
			imported++
			t.Logf("apply %d: adopting %s = %s as advised", attempt, a[1], a[2])
		}
		if err := os.WriteFile(filepath.Join(w.dir, "imports.tf"), []byte(imports.String()), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	w.run(0, "plan", "-detailed-exitcode", "-input=false", "-no-color")

	w.checkOneOfEachAWSSSO()
	return wasKilled, imported
}
