// Command emulator (released as idaas-emulator) serves a stand-in for an
// Identity as a Service tenant on loopback: the Administration API (package
// emulator) and an AWS IAM Identity Center faithful SCIM server (package
// scimmock), and a read-only console of the tenant at /_emulator/.
//
// Its first line on stdout is one JSON object with what a client needs:
// tenant_url, application_id, shared_secret, scim_endpoint and scim_token
// (and tls_certificate_pem beyond loopback). Nothing else it prints
// contains a secret. It runs until interrupted.
//
// -data-dir DIR keeps the tenant on disk, so that a restart continues it;
// -seed console-guide or -seed FILE starts the tenant with objects;
// -allow-remote lets -listen name an address beyond loopback, served over
// HTTPS with a generated certificate and with /_emulator/ behind the admin
// API credentials. See -h.
package main

import (
	"bytes"
	"context"
	"crypto/tls"
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

// version is set by goreleaser through -ldflags.
var version = "dev"

func main() {
	if err := run(); err != nil {
		fmt.Fprintln(os.Stderr, "emulator:", err)
		os.Exit(1)
	}
}

func run() error {
	listen := flag.String("listen", "127.0.0.1:0", "address to listen on: loopback unless -allow-remote")
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
	allowRemote := flag.Bool("allow-remote", false, "allow a -listen address beyond loopback (e.g. 0.0.0.0:8443 in a CI service container): the emulator then serves HTTPS with a generated self-signed certificate, printed as tls_certificate_pem in the connection line, and /_emulator/ (faults, reset, stats, sign-in, console) needs an admin API token")
	tlsHosts := flag.String("tls-host", "", "with -allow-remote: comma-separated extra host names or IP addresses for the certificate; the first names the emulator in the connection line's URLs")
	showVersion := flag.Bool("version", false, "print the version and exit")
	seedFrom := flag.String("seed", "", `start the tenant with objects: "console-guide" (the AWS console guide's tenant: groups, users, certificate, SAML application, resource rule, synchronized aws provisioner to the built-in SCIM server) or a JSON file of attributes, groups and users as a directory sync leaves them (package internal/emulator/seed); ignored when -data-dir continues a tenant`)
	dataDir := flag.String("data-dir", "", "keep the tenant in this directory (made when missing): a restart continues it; default: in memory only")
	checkContract := flag.Bool("contract", os.Getenv("IDAAS_EMULATOR_CONTRACT") != "",
		"check every admin API request and answer against api/*.{json,yaml} (also IDAAS_EMULATOR_CONTRACT=1): "+
			"a violation is logged to stderr and the answer replaced by HTTP 500 CONTRACT_VIOLATION")
	flag.Parse()
	if *showVersion {
		fmt.Println("idaas-emulator", version)
		return nil
	}
	if *secret == "" {
		*secret = os.Getenv("IDAAS_EMULATOR_SHARED_SECRET")
	}

	host, _, err := net.SplitHostPort(*listen)
	if err != nil {
		return fmt.Errorf("-listen %q: %w", *listen, err)
	}
	remote := !httpx.IsLoopbackHost(host)
	if remote && !*allowRemote {
		return fmt.Errorf("-listen %q: the emulator only listens on loopback addresses unless -allow-remote is given", *listen)
	}
	ln, err := net.Listen("tcp", *listen)
	if err != nil {
		return err
	}
	base := "http://" + ln.Addr().String()
	var certPEM string
	if remote {
		var hosts []string
		for _, h := range strings.Split(*tlsHosts, ",") {
			if h = strings.TrimSpace(h); h != "" {
				hosts = append(hosts, h)
			}
		}
		var cert tls.Certificate
		if cert, certPEM, err = selfSignedTLS(host, hosts); err != nil {
			return err
		}
		ln = tls.NewListener(ln, &tls.Config{Certificates: []tls.Certificate{cert}, MinVersion: tls.VersionTLS12})
		_, port, _ := net.SplitHostPort(ln.Addr().String())
		name := host
		switch {
		case len(hosts) > 0:
			name = hosts[0]
		case net.ParseIP(host) != nil && net.ParseIP(host).IsUnspecified():
			name = "127.0.0.1"
		}
		base = "https://" + net.JoinHostPort(name, port)
	}
	opts := emulator.Options{ApplicationID: *appID, SharedSecret: *secret, TokenTTL: *tokenTTL, ProtectControl: remote}
	if remote {
		// The tenant's provisioners reach the emulator's own SCIM server
		// over HTTPS: they trust its certificate too.
		opts.SCIMHTTPClient = trustingClient(certPEM)
	}
	var emu *emulator.Emulator
	restored := false
	if *dataDir != "" {
		if emu, restored, err = emulator.Open(opts, *dataDir); err != nil {
			return err
		}
	} else {
		emu = emulator.New(opts)
	}
	scimToken, err := scimTokenOf(emu, restored)
	if err != nil {
		return err
	}
	conn := emu.ConnectionInfo(base, scimToken)
	conn.TLSCertificatePEM = certPEM

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
	// The seed goes in before faults are switched on and before anyone is
	// told where the emulator is.
	if err := seedTenant(ctx, *seedFrom, conn, restored); err != nil {
		return err
	}
	if err := emu.Save(); err != nil { // the seed's synchronization ended in the background
		return err
	}
	emu.SetFaults(f)
	emu.SCIM().SetFaults(scimmock.Faults{LatencyMs: f.LatencyMs, JitterMs: f.JitterMs, Rate5xx: f.Rate5xx, Rate429: f.Rate429,
		RetryAfter: f.RetryAfter, RateReset: f.RateReset, RateDropAfterCommit: f.RateDropAfterCommit, Seed: f.Seed})
	line, err := json.Marshal(conn)
	if err != nil {
		return err
	}
	fmt.Println(string(line))
	if *dataDir != "" {
		if restored {
			log.Printf("continuing the tenant kept in %s", *dataDir)
		} else {
			log.Printf("keeping a new tenant in %s", *dataDir)
		}
	}
	if remote {
		log.Printf("reachable beyond loopback: HTTPS with this self-signed certificate (tls_certificate_pem in the connection line); /_emulator/ needs an admin API token\n%s", certPEM)
	}
	log.Printf("serving the admin API at %s and SCIM at %s (stop with Ctrl-C)", base, conn.SCIMEndpoint)
	select {
	case <-ctx.Done():
	case err := <-errc:
		return err
	}
	shutdownCtx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	err = srv.Shutdown(shutdownCtx)
	if serr := emu.Save(); serr != nil && err == nil { // what background work changed since the last write
		err = serr
	}
	return err
}

// scimTokenOf is the SCIM token the connection line gives: a continued
// tenant's newest unexpired one (so that the line stays the same across
// restarts, and the SCIM server's limit of two tokens is not reached), else
// a new one valid for a year, kept in the data directory if there is one.
func scimTokenOf(emu *emulator.Emulator, restored bool) (string, error) {
	if restored {
		best, bestExp := "", time.Now()
		for tok, exp := range emu.SCIM().Snapshot().Tokens {
			if exp.After(bestExp) {
				best, bestExp = tok, exp
			}
		}
		if best != "" {
			return best, nil
		}
	}
	tok, err := emu.SCIM().IssueToken(time.Now().AddDate(1, 0, 0))
	if err != nil {
		return "", err
	}
	return tok, emu.Save()
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
