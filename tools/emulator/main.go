// Command emulator serves a stand-in for an Identity as a Service tenant on
// loopback: the Administration API (package emulator) and an AWS IAM
// Identity Center faithful SCIM server (package scimmock).
//
// Its first line on stdout is one JSON object with what a client needs:
// tenant_url, application_id, shared_secret, scim_endpoint and scim_token.
// Nothing else it prints contains a secret. It runs until interrupted.
package main

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"log"
	"net"
	"net/http"
	"os"
	"os/signal"
	"strings"
	"syscall"
	"time"

	"github.com/idaas-terraform/terraform-provider-idaas/internal/emulator"
	"github.com/idaas-terraform/terraform-provider-idaas/internal/emulator/contract"
	"github.com/idaas-terraform/terraform-provider-idaas/internal/emulator/scimmock"
	"github.com/idaas-terraform/terraform-provider-idaas/internal/httpx"
)

func main() {
	if err := run(); err != nil {
		fmt.Fprintln(os.Stderr, "emulator:", err)
		os.Exit(1)
	}
}

func run() error {
	listen := flag.String("listen", "127.0.0.1:0", "loopback address to listen on")
	appID := flag.String("application-id", "", "admin API application id (default: random)")
	secret := flag.String("shared-secret", "", "admin API shared secret (default: random; prefer the environment variable IDAAS_EMULATOR_SHARED_SECRET)")
	tokenTTL := flag.Duration("token-ttl", 30*time.Minute, "lifetime of admin API tokens")
	var f emulator.Faults
	flag.IntVar(&f.LatencyMs, "latency-ms", 0, "fault: added latency per request, admin API and SCIM")
	flag.IntVar(&f.JitterMs, "jitter-ms", 0, "fault: random extra latency up to this")
	flag.Float64Var(&f.Rate5xx, "fault-5xx", 0, "fault: fraction of requests answered 500/502/503")
	flag.Float64Var(&f.Rate429, "fault-429", 0, "fault: fraction of requests answered 429")
	flag.BoolVar(&f.RetryAfter, "fault-retry-after", false, "fault: send Retry-After with injected 429s")
	flag.Float64Var(&f.RateReset, "fault-reset", 0, "fault: fraction of connections closed before answering")
	flag.Float64Var(&f.RateDropAfterCommit, "fault-drop-after-commit", 0, "fault: fraction of writes performed and then left unanswered")
	flag.Int64Var(&f.Seed, "fault-seed", 1, "seed of the fault random source")
	checkContract := flag.Bool("contract", os.Getenv("IDAAS_EMULATOR_CONTRACT") != "",
		"check every admin API request and answer against api/*.{json,yaml} (also IDAAS_EMULATOR_CONTRACT=1): "+
			"a violation is logged to stderr and the answer replaced by HTTP 500 CONTRACT_VIOLATION")
	flag.Parse()
	if *secret == "" {
		*secret = os.Getenv("IDAAS_EMULATOR_SHARED_SECRET")
	}

	host, _, err := net.SplitHostPort(*listen)
	if err != nil {
		return fmt.Errorf("-listen %q: %w", *listen, err)
	}
	if !httpx.IsLoopbackHost(host) {
		return fmt.Errorf("-listen %q: the emulator only listens on loopback addresses", *listen)
	}
	ln, err := net.Listen("tcp", *listen)
	if err != nil {
		return err
	}
	emu := emulator.New(emulator.Options{ApplicationID: *appID, SharedSecret: *secret, TokenTTL: *tokenTTL})
	base := "http://" + ln.Addr().String()
	emu.SetFaults(f)
	emu.SCIM().SetFaults(scimmock.Faults{LatencyMs: f.LatencyMs, JitterMs: f.JitterMs, Rate5xx: f.Rate5xx, Rate429: f.Rate429,
		RetryAfter: f.RetryAfter, RateReset: f.RateReset, RateDropAfterCommit: f.RateDropAfterCommit, Seed: f.Seed})
	scimToken, err := emu.SCIM().IssueToken(time.Now().AddDate(1, 0, 0))
	if err != nil {
		return err
	}
	conn := emu.ConnectionInfo(base, scimToken)
	line, err := json.Marshal(conn)
	if err != nil {
		return err
	}
	fmt.Println(string(line))

	handler := emu.Handler()
	if *checkContract {
		checker, err := contract.Load()
		if err != nil {
			return err
		}
		handler = failLoudly(checker, handler)
	}
	srv := &http.Server{Handler: handler, ReadHeaderTimeout: 10 * time.Second}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	log.SetOutput(os.Stderr)
	log.Printf("serving the admin API at %s and SCIM at %s (stop with Ctrl-C)", base, conn.SCIMEndpoint)
	select {
	case <-ctx.Done():
	case err := <-errc:
		return err
	}
	shutdownCtx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	return srv.Shutdown(shutdownCtx)
}

// failLoudly serves h checked against the API documents: an exchange that
// breaks them is logged and answered HTTP 500 with an ErrorInfo
// CONTRACT_VIOLATION naming the operation and the rule, so that the client
// that caused it fails (after its retries) with that message.
func failLoudly(c *contract.Checker, h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		var violations []contract.Violation
		rec := &bufferedWriter{header: http.Header{}, status: http.StatusOK}
		c.Wrap(h, func(v contract.Violation) { violations = append(violations, v) }).ServeHTTP(rec, r)
		if len(violations) > 0 {
			msgs := make([]string, 0, len(violations))
			for _, v := range violations {
				log.Print(v)
				msgs = append(msgs, v.String())
			}
			w.Header().Set("Content-Type", "application/json")
			w.WriteHeader(http.StatusInternalServerError)
			_ = json.NewEncoder(w).Encode(map[string]string{"errorCode": "CONTRACT_VIOLATION", "errorMessage": strings.Join(msgs, "\n")})
			return
		}
		for k, vs := range rec.header {
			w.Header()[k] = vs
		}
		w.WriteHeader(rec.status)
		_, _ = w.Write(rec.body.Bytes())
	})
}

// bufferedWriter holds an answer until its exchange has been checked.
type bufferedWriter struct {
	header http.Header
	status int
	body   bytes.Buffer
}

func (b *bufferedWriter) Header() http.Header         { return b.header }
func (b *bufferedWriter) WriteHeader(code int)        { b.status = code }
func (b *bufferedWriter) Write(p []byte) (int, error) { return b.body.Write(p) }
