package e2e

import (
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// Against a tenant that limits the application to 5 requests/s, a
// refresh of 30 groups, each read by itself, completes with no failed
// request and the provider says in one INFO line how often it made
// requests wait: the line comes although Terraform stops the provider
// right after the last request (the provider reports when it stops, not
// only a second after a burst).
func TestPacingReportedInOneInfoLine(t *testing.T) {
	w := newWorkspace(t, providerBlock+`
resource "idaas_group" "g" {
  count = 30
  name  = "paced ${count.index}"
}
`)
	w.env = append(w.env, "IDAAS_SHARED_READS=never")
	w.run(0, "apply", "-auto-approve", "-input=false", "-no-color")
	w.emu.SetRateLimit(5)
	logFile := filepath.Join(w.dir, "plan.log")
	w.env = append(w.env, "TF_LOG=INFO", "TF_LOG_PATH="+logFile)
	st := w.costOf(0, "plan", "-refresh-only", "-input=false", "-no-color")
	if st.Failed() != 0 {
		t.Fatalf("%d requests failed: %v", st.Failed(), st.ByStatus)
	}
	logs, err := os.ReadFile(logFile)
	if err != nil {
		t.Fatal(err)
	}
	line := regexp.MustCompile(`\[INFO\]\s+provider\.terraform-provider-idaas: idaas admin API: (\d+) requests, (\d+) waited for the rate limit`)
	var reports []string
	for _, l := range strings.Split(string(logs), "\n") {
		m := line.FindStringSubmatch(l)
		if m == nil {
			continue
		}
		if n, _ := strconv.Atoi(m[1]); n >= 30 {
			reports = append(reports, l)
			if waited, _ := strconv.Atoi(m[2]); waited == 0 {
				t.Errorf("the report says no request waited, at 5 requests/s for %d requests:\n%s", n, l)
			}
		}
	}
	if len(reports) != 1 {
		t.Fatalf("want one INFO line reporting the refresh's 30 reads and its waits, got %d:\n%s\n(requests: %v)",
			len(reports), strings.Join(reports, "\n"), st.ByRoute)
	}
	t.Log(reports[0])
}
