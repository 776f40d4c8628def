// Package httpx is the one HTTP model of the provider's two API clients,
// the tenant's Administration API client (package client) and the SCIM
// client (package scim): the same retry policy, exponential backoff with
// jitter honouring Retry-After, per-attempt timeout and logger, set up here
// once, on go-retryablehttp. It knows nothing of Terraform.
package httpx

import (
	"context"
	"net"
	"net/http"
	"strings"
	"time"

	"github.com/hashicorp/go-cleanhttp"
	"github.com/hashicorp/go-retryablehttp"
)

// Defaults of Options.
const (
	DefaultMaxRetries   = 10
	DefaultTimeout      = 30 * time.Second
	DefaultRetryWaitMin = 250 * time.Millisecond
	DefaultRetryWaitMax = 30 * time.Second
)

// Logger receives one line per HTTP exchange and per retry. Fields never
// carry a secret; callers mask what their context knows to be secret.
type Logger interface {
	Debug(ctx context.Context, msg string, fields map[string]any)
}

// Options configure a client. Zero values take the defaults.
type Options struct {
	// MaxRetries is how many times a failed attempt is retried: 0 means
	// DefaultMaxRetries, a negative value means no retry (see Retries).
	MaxRetries int
	// Timeout bounds one HTTP attempt (0: DefaultTimeout).
	Timeout time.Duration
	// RetryWaitMin and RetryWaitMax bound the backoff.
	RetryWaitMin time.Duration
	RetryWaitMax time.Duration
	// Transport overrides the HTTP transport (tests); nil means a pooled
	// transport without shared state (go-cleanhttp).
	Transport http.RoundTripper
	// HTTPClient, when set, is used as it is (Transport and Timeout are
	// then its own).
	HTTPClient *http.Client
	// RetryAlso retries an answer the common policy would not (the tenant
	// stand-in's SCIM client, internal/emulator/scimwrite, retries a 404 on
	// an object it has just created).
	RetryAlso func(*http.Response) bool
	// Logger receives a line per retry; nil logs nothing.
	Logger Logger
}

// Retries resolves the retry sentinel, in this one place: 0 means
// DefaultMaxRetries, a negative value means none.
func Retries(n int) int {
	switch {
	case n < 0:
		return 0
	case n == 0:
		return DefaultMaxRetries
	}
	return n
}

// withDefaults returns o with every zero value replaced by its default and
// MaxRetries resolved (see Retries).
func (o Options) withDefaults() Options {
	o.MaxRetries = Retries(o.MaxRetries)
	if o.Timeout <= 0 {
		o.Timeout = DefaultTimeout
	}
	if o.RetryWaitMin <= 0 {
		o.RetryWaitMin = DefaultRetryWaitMin
	}
	if o.RetryWaitMax <= 0 {
		o.RetryWaitMax = DefaultRetryWaitMax
	}
	return o
}

type attemptsKey struct{}

// CountAttempts returns a context whose requests count, in *n, the attempts
// the client made to send them.
func CountAttempts(ctx context.Context, n *int) context.Context {
	return context.WithValue(ctx, attemptsKey{}, n)
}

// New returns a retrying HTTP client. The policy retries connection errors
// (but certificate and redirect errors), 429 and 5xx (but 501), and what
// o.RetryAlso accepts; the backoff is exponential with jitter between
// RetryWaitMin and RetryWaitMax and honours Retry-After on 429 and 503.
// The last answer is returned as it is when retries run out.
func New(o Options) *retryablehttp.Client {
	o = o.withDefaults()
	rc := retryablehttp.NewClient()
	rc.HTTPClient = o.HTTPClient
	if rc.HTTPClient == nil {
		transport := o.Transport
		if transport == nil {
			transport = cleanhttp.DefaultPooledTransport()
		}
		rc.HTTPClient = &http.Client{Transport: transport, Timeout: o.Timeout}
	}
	rc.RetryMax = o.MaxRetries
	rc.RetryWaitMin = o.RetryWaitMin
	rc.RetryWaitMax = o.RetryWaitMax
	rc.Logger = nil
	rc.Backoff = retryablehttp.DefaultBackoff
	rc.ErrorHandler = retryablehttp.PassthroughErrorHandler
	rc.CheckRetry = func(ctx context.Context, resp *http.Response, err error) (bool, error) {
		if ctx.Err() == nil && err == nil && resp != nil && o.RetryAlso != nil && o.RetryAlso(resp) {
			return true, nil
		}
		return retryablehttp.DefaultRetryPolicy(ctx, resp, err)
	}
	rc.RequestLogHook = func(_ retryablehttp.Logger, r *http.Request, attempt int) {
		if n, ok := r.Context().Value(attemptsKey{}).(*int); ok && n != nil {
			*n++
		}
		if attempt > 0 && o.Logger != nil {
			o.Logger.Debug(r.Context(), "retrying HTTP request", map[string]any{"method": r.Method, "path": r.URL.Path, "attempt": attempt})
		}
	}
	return rc
}

// IsLoopbackHost reports whether host is localhost or a loopback IP (IPv4
// 127.0.0.0/8, also IPv4-mapped, or ::1): the hosts plain http is allowed
// to (the tenant URL, SAML ACS URLs, SCIM endpoints), here once.
func IsLoopbackHost(host string) bool {
	if strings.EqualFold(host, "localhost") {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}
