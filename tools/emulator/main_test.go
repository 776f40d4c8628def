package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/idaas-terraform/terraform-provider-idaas/internal/emulator"
)

// The emulator command prints its connection line first, serves on
// loopback, refuses a non-loopback -listen, and never prints a secret after
// that first line, whatever it is asked.
func TestEmulatorCommand(t *testing.T) {
	bin := filepath.Join(t.TempDir(), "emulator")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("build: %v\n%s", err, out)
	}
	if out, err := exec.Command(bin, "-listen", "0.0.0.0:0").CombinedOutput(); err == nil || !strings.Contains(string(out), "only listens on loopback") {
		t.Fatalf("a non-loopback -listen must be refused: %v %s", err, out)
	}

	cmd := exec.Command(bin, "-fault-429", "0.2", "-fault-retry-after")
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	defer func() { _ = cmd.Process.Kill() }()
	rd := bufio.NewReader(stdout)
	line, err := rd.ReadString('\n')
	if err != nil {
		t.Fatal(err)
	}
	var conn emulator.ConnectionInfo
	if err := json.Unmarshal([]byte(line), &conn); err != nil {
		t.Fatalf("first line is not the connection JSON: %q", line)
	}
	if !strings.HasPrefix(conn.TenantURL, "http://127.0.0.1:") || conn.ApplicationID == "" || conn.SharedSecret == "" ||
		!strings.HasPrefix(conn.SCIMEndpoint, conn.TenantURL+"/") || !strings.HasSuffix(conn.SCIMEndpoint, "/scim/v2/") || conn.SCIMToken == "" {
		t.Fatalf("connection line %+v", conn)
	}

	// Use it: authenticate (right and wrong), SCIM with the token and a wrong one.
	post := func(body string) {
		resp, err := http.Post(conn.TenantURL+"/api/web/v1/adminapi/authenticate", "application/json", strings.NewReader(body))
		if err == nil {
			resp.Body.Close()
		}
	}
	post(`{"applicationId":"` + conn.ApplicationID + `","sharedSecret":"` + conn.SharedSecret + `"}`)
	post(`{"applicationId":"` + conn.ApplicationID + `","sharedSecret":"wrong-` + conn.SharedSecret + `"}`)
	for _, tok := range []string{conn.SCIMToken, "bad-" + conn.SCIMToken} {
		req, _ := http.NewRequest("GET", conn.SCIMEndpoint+"Users", nil)
		req.Header.Set("Authorization", "Bearer "+tok)
		if resp, err := http.DefaultClient.Do(req); err == nil {
			resp.Body.Close()
		}
	}
	_ = cmd.Process.Signal(os.Interrupt)
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	select {
	case err := <-done:
		if err != nil {
			t.Logf("the emulator exited with %v after the interrupt", err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("the emulator did not stop on interrupt")
	}
	rest := stderr.String()
	if b, _ := readAll(rd); len(b) > 0 {
		rest += string(b)
	}
	if !strings.Contains(rest, "serving the admin API") {
		t.Fatalf("expected the serving line on stderr, got %q", rest)
	}
	for name, s := range map[string]string{"shared secret": conn.SharedSecret, "SCIM token": conn.SCIMToken} {
		if strings.Contains(rest, s) {
			t.Errorf("the emulator printed the %s after its connection line", name)
		}
	}
}

func readAll(r *bufio.Reader) ([]byte, error) {
	var buf bytes.Buffer
	_, err := buf.ReadFrom(r)
	return buf.Bytes(), err
}
