package e2e

import (
	"fmt"
	"strings"
	"testing"
)

// credentialsError is the summary of the one error a wrong shared secret
// gives (internal/provider, Configure).
const credentialsError = "Invalid credentials: check shared_secret"

// wrongSecret points the workspace's provider at the right tenant with a
// shared secret the tenant refuses.
func (w *workspace) wrongSecret() {
	for i, kv := range w.env {
		if strings.HasPrefix(kv, "TF_VAR_shared_secret=") {
			w.env[i] = "TF_VAR_shared_secret=not-the-secret"
		}
	}
}

// planWithWrongSecret switches the workspace to a refused shared secret and
// checks that plan fails with exactly one error, the credentials error,
// which says which setting to fix, after one authenticate call and no other
// request.
func planWithWrongSecret(t *testing.T, w *workspace) {
	t.Helper()
	w.wrongSecret()
	w.emu.ResetStats()
	out := w.run(1, "plan", "-input=false", "-no-color")
	st := w.emu.Stats()
	if n, m := strings.Count(out, credentialsError), strings.Count(out, "Error:"); n != 1 || m != 1 {
		t.Errorf("%d errors, %d of them the credentials error; want that one error once:\n%s", m, n, out)
	}
	if !strings.Contains(out, "shared_secret") || !strings.Contains(strings.Join(strings.Fields(out), " "), "the tenant refused the application id or shared secret") {
		t.Errorf("the error does not say which setting to fix:\n%s", out)
	}
	if st.Total != 1 || st.ByRoute["POST /api/web/v1/adminapi/authenticate"] != 1 {
		t.Errorf("plan cost %v, want one authenticate call and nothing refreshed", st.ByRoute)
	}
}

// With only new resources there is nothing to refresh, yet a wrong shared
// secret fails the plan, once, naming shared_secret.
func TestWrongSecretFailsPlanWithNothingToRefresh(t *testing.T) {
	planWithWrongSecret(t, newWorkspace(t, foundation))
}

// With twenty resources in state, a shared secret changed to a wrong one
// fails the plan with one error, not one per resource to refresh, and
// refreshes nothing.
func TestWrongSecretFailsPlanOnceWithTwentyToRefresh(t *testing.T) {
	var b strings.Builder
	b.WriteString(providerBlock)
	for i := range 20 {
		fmt.Fprintf(&b, "resource \"idaas_group\" \"g%d\" { name = \"group %d\" }\n", i, i)
	}
	w := newWorkspace(t, b.String())
	w.run(0, "apply", "-auto-approve", "-input=false", "-no-color")
	planWithWrongSecret(t, w)
}
