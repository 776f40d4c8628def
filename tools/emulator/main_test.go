package main

import (
	"bufio"
	"bytes"
	"context"
	"crypto/tls"
	"crypto/x509"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/idaas-terraform/terraform-provider-idaas/internal/client"
	"github.com/idaas-terraform/terraform-provider-idaas/internal/emulator"
	"github.com/idaas-terraform/terraform-provider-idaas/internal/emulator/consoleguide"
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

var (
	buildOnce sync.Once
	builtBin  string
	buildErr  error
)

// emulatorBinary builds the command once per test run.
func emulatorBinary(t *testing.T) string {
	t.Helper()
	buildOnce.Do(func() {
		dir, err := os.MkdirTemp("", "idaas-emulator-test-") //nolint:usetesting // one build shared by every test of the run, outliving the first
		if err != nil {
			buildErr = err
			return
		}
		builtBin = filepath.Join(dir, "idaas-emulator")
		if out, err := exec.Command("go", "build", "-o", builtBin, ".").CombinedOutput(); err != nil {
			buildErr = fmt.Errorf("build: %v\n%s", err, out)
		}
	})
	if buildErr != nil {
		t.Fatal(buildErr)
	}
	return builtBin
}

// startEmulator starts the command with args and reads its connection
// line; the process is killed when the test ends.
func startEmulator(t *testing.T, args ...string) (*exec.Cmd, emulator.ConnectionInfo, *bytes.Buffer) {
	t.Helper()
	cmd := exec.Command(emulatorBinary(t), args...)
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = cmd.Process.Kill(); _ = cmd.Wait() })
	line, err := bufio.NewReader(stdout).ReadString('\n')
	if err != nil {
		_ = cmd.Wait()
		t.Fatalf("no connection line: %v; stderr: %s", err, stderr.String())
	}
	var conn emulator.ConnectionInfo
	if err := json.Unmarshal([]byte(line), &conn); err != nil {
		t.Fatalf("first line is not the connection JSON: %q", line)
	}
	return cmd, conn, &stderr
}

func clientOf(t *testing.T, conn emulator.ConnectionInfo, rt http.RoundTripper) *client.Client {
	t.Helper()
	c, err := client.New(client.Config{TenantURL: conn.TenantURL, ApplicationID: conn.ApplicationID, SharedSecret: conn.SharedSecret, MaxRetries: -1, Transport: rt})
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// -data-dir: a group created and answered is there after the process is
// killed (no chance to save on the way out) and started again, with the
// same connection line; a corrupt file stops the start with an error that
// names it, and leaves it as it was.
func TestEmulatorCommandDataDir(t *testing.T) {
	dir := t.TempDir()
	cmd, conn, _ := startEmulator(t, "-data-dir", dir, "-seed", "console-guide")
	ctx := context.Background()
	g, err := clientOf(t, conn, nil).CreateGroup(ctx, client.GroupParms{Name: "kept"})
	if err != nil {
		t.Fatal(err)
	}
	_ = cmd.Process.Kill()
	_ = cmd.Wait()

	_, conn2, stderr := startEmulator(t, "-data-dir", dir, "-seed", "console-guide")
	if conn2.ApplicationID != conn.ApplicationID || conn2.SharedSecret != conn.SharedSecret || conn2.SCIMToken != conn.SCIMToken ||
		strings.TrimPrefix(conn2.SCIMEndpoint, conn2.TenantURL) != strings.TrimPrefix(conn.SCIMEndpoint, conn.TenantURL) {
		t.Errorf("the connection line changed across the restart: %+v, was %+v", conn2, conn)
	}
	if got, err := clientOf(t, conn2, nil).GetGroup(ctx, g.ID); err != nil || got.Name != "kept" {
		t.Fatalf("the group after the restart: %v %+v", err, got)
	}
	// The seed is not applied twice, and its synchronization is kept as it
	// ended.
	c2 := clientOf(t, conn2, nil)
	if groups, err := c2.SearchGroups(ctx); err != nil || len(groups) != 3 {
		t.Errorf("groups after the restart: %v, %d, want the guide's two and kept", err, len(groups))
	}
	provs, err := c2.ListProvisioners(ctx)
	if err != nil || len(provs) != 1 || provs[0].Status != "SUCCEEDED" {
		t.Errorf("the seeded provisioner after the restart: %v %+v", err, provs)
	}
	time.Sleep(100 * time.Millisecond)
	if !strings.Contains(stderr.String(), "continuing the tenant kept in "+dir) || !strings.Contains(stderr.String(), "-seed console-guide ignored") {
		t.Errorf("stderr does not say the tenant is continued and the seed ignored: %q", stderr.String())
	}

	path := filepath.Join(dir, emulator.DataFile)
	if err := os.WriteFile(path, []byte(`{"format":"idaas-emulator-tenant","version":1,"sha`), 0o600); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command(emulatorBinary(t), "-data-dir", dir).CombinedOutput()
	if err == nil || !strings.Contains(string(out), path) || !strings.Contains(string(out), "corrupt or cut short") {
		t.Fatalf("a cut-short data file must stop the start naming it: %v %s", err, out)
	}
	if b, _ := os.ReadFile(path); string(b) != `{"format":"idaas-emulator-tenant","version":1,"sha` {
		t.Error("the refused data file was changed")
	}
}

// Beyond loopback only with -allow-remote, and then HTTPS with the printed
// certificate, and /_emulator/ only with an admin API token; on loopback
// (the default) plain HTTP and an open control surface, as before.
func TestEmulatorCommandRemote(t *testing.T) {
	out, err := exec.Command(emulatorBinary(t), "-listen", "0.0.0.0:0").CombinedOutput()
	if err == nil || !strings.Contains(string(out), "-allow-remote") {
		t.Fatalf("a non-loopback -listen without -allow-remote must be refused naming the flag: %v %s", err, out)
	}

	_, local, _ := startEmulator(t)
	if !strings.HasPrefix(local.TenantURL, "http://127.0.0.1:") || local.TLSCertificatePEM != "" {
		t.Fatalf("default emulator: %+v", local)
	}
	if code := status(t, http.DefaultClient, "GET", local.TenantURL+"/_emulator/stats", ""); code != http.StatusOK {
		t.Errorf("loopback /_emulator/stats without a token: %d, want 200", code)
	}

	_, conn, stderr := startEmulator(t, "-listen", "0.0.0.0:0", "-allow-remote", "-seed", "console-guide")
	if !strings.HasPrefix(conn.TenantURL, "https://127.0.0.1:") || !strings.HasPrefix(conn.TLSCertificatePEM, "-----BEGIN CERTIFICATE-----") {
		t.Fatalf("remote emulator's connection line: %+v", conn)
	}
	// Untrusted, the certificate is refused; trusted, it serves.
	if _, err := http.Get(conn.TenantURL + "/_emulator/stats"); err == nil || !strings.Contains(err.Error(), "certificate") {
		t.Fatalf("an HTTPS client that does not trust the printed certificate must fail: %v", err)
	}
	pool := x509.NewCertPool()
	if !pool.AppendCertsFromPEM([]byte(conn.TLSCertificatePEM)) {
		t.Fatal("tls_certificate_pem does not parse")
	}
	tr := &http.Transport{TLSClientConfig: &tls.Config{RootCAs: pool}}
	hc := &http.Client{Transport: tr}
	for _, probe := range []struct{ method, path, body string }{
		{"GET", "/_emulator/stats", ""}, {"POST", "/_emulator/reset?data=1", ""}, {"POST", "/_emulator/faults", `{"admin":{"rate5xx":1}}`},
		{"GET", "/_emulator/", ""},
	} {
		if code := status(t, hc, probe.method, conn.TenantURL+probe.path, probe.body); code != http.StatusUnauthorized {
			t.Errorf("remote %s %s without a token: %d, want 401", probe.method, probe.path, code)
		}
	}
	// The admin API itself works through the provider's client.
	ctx := context.Background()
	c := clientOf(t, conn, tr)
	if _, err := c.CreateGroup(ctx, client.GroupParms{Name: "remote"}); err != nil {
		t.Fatal(err)
	}
	tok := authenticate(t, hc, conn)
	req, _ := http.NewRequest("GET", conn.TenantURL+"/_emulator/stats", nil)
	req.Header.Set("Authorization", tok)
	resp, err := hc.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		t.Errorf("remote /_emulator/stats with the admin token: %d", resp.StatusCode)
	}
	req, _ = http.NewRequest("GET", conn.TenantURL+"/_emulator/stats", nil)
	req.AddCookie(&http.Cookie{Name: emulator.ControlCookie, Value: tok})
	if resp, err = hc.Do(req); err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		t.Errorf("remote /_emulator/stats with the token cookie: %d", resp.StatusCode)
	}
	// A person opens the console through its login form: the credentials
	// give a token cookie, and the console.
	jar, _ := cookiejar.New(nil)
	browser := &http.Client{Transport: tr, Jar: jar}
	if resp, err = browser.PostForm(conn.TenantURL+"/_emulator/login", url.Values{"applicationId": {conn.ApplicationID}, "sharedSecret": {"wrong"}}); err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusUnauthorized {
		t.Errorf("console login with a wrong secret: %d, want 401", resp.StatusCode)
	}
	if resp, err = browser.PostForm(conn.TenantURL+"/_emulator/login", url.Values{"applicationId": {conn.ApplicationID}, "sharedSecret": {conn.SharedSecret}}); err != nil {
		t.Fatal(err)
	}
	page, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK || !strings.Contains(string(page), "AWS IAM Identity Center") {
		t.Errorf("console after login: %d %.200s", resp.StatusCode, page)
	}
	// -seed console-guide over HTTPS: the guide's provisioner reached the
	// emulator's own SCIM server, trusting its certificate.
	req, _ = http.NewRequest("GET", conn.SCIMEndpoint+"Users", nil)
	req.Header.Set("Authorization", "Bearer "+conn.SCIMToken)
	if resp, err = hc.Do(req); err != nil {
		t.Fatal(err)
	}
	var users struct {
		TotalResults int `json:"totalResults"`
	}
	err = json.NewDecoder(resp.Body).Decode(&users)
	resp.Body.Close()
	if err != nil || users.TotalResults != len(consoleguide.People) {
		t.Errorf("SCIM users after -seed console-guide: %d (%v), want %d", users.TotalResults, err, len(consoleguide.People))
	}
	time.Sleep(100 * time.Millisecond)
	if !strings.Contains(stderr.String(), conn.TLSCertificatePEM) {
		t.Error("the certificate's PEM is not printed on stderr")
	}
}

func status(t *testing.T, hc *http.Client, method, u, body string) int {
	t.Helper()
	req, err := http.NewRequest(method, u, strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	resp, err := hc.Do(req)
	if err != nil {
		t.Fatalf("%s %s: %v", method, u, err)
	}
	resp.Body.Close()
	return resp.StatusCode
}

func authenticate(t *testing.T, hc *http.Client, conn emulator.ConnectionInfo) string {
	t.Helper()
	body, _ := json.Marshal(map[string]string{"applicationId": conn.ApplicationID, "sharedSecret": conn.SharedSecret})
	resp, err := hc.Post(conn.TenantURL+"/api/web/v1/adminapi/authenticate", "application/json", bytes.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var out struct {
		AuthToken string `json:"authToken"`
	}
	if err := json.NewDecoder(resp.Body).Decode(&out); err != nil || out.AuthToken == "" {
		t.Fatalf("authenticate: %v %d", err, resp.StatusCode)
	}
	return out.AuthToken
}

// -seed FILE starts the tenant with the file's groups and users; a bad
// file stops the start saying what is wrong.
func TestEmulatorCommandSeedFile(t *testing.T) {
	file := filepath.Join("..", "..", "internal", "emulator", "seed", "testdata", "directory.json")
	_, conn, _ := startEmulator(t, "-seed", file)
	ctx := context.Background()
	c := clientOf(t, conn, nil)
	groups, err := c.SearchGroups(ctx)
	if err != nil || len(groups) != 2 {
		t.Fatalf("groups after -seed: %v %+v", err, groups)
	}
	if u, err := c.GetUserByUserID(ctx, "jane@example.com"); err != nil || u.FirstName != "Jane" {
		t.Fatalf("jane after -seed: %v %+v", err, u)
	}
	bad := filepath.Join(t.TempDir(), "bad.json")
	if err := os.WriteFile(bad, []byte(`{"users":[{"userId":"a","groups":["nope"]}]}`), 0o600); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command(emulatorBinary(t), "-seed", bad).CombinedOutput()
	if err == nil || !strings.Contains(string(out), bad) || !strings.Contains(string(out), `group "nope" is not in the file's groups`) {
		t.Fatalf("a bad seed file must stop the start: %v %s", err, out)
	}
}

func TestMain(m *testing.M) {
	code := m.Run()
	if builtBin != "" {
		_ = os.RemoveAll(filepath.Dir(builtBin))
	}
	os.Exit(code)
}
