// Package scim is a SCIM 2.0 client built to survive AWS IAM Identity
// Center's SCIM endpoint as well as plain RFC 7644 servers.
//
// Requests are retried with exponential backoff (go-retryablehttp) on 429,
// 5xx and connection errors, honouring Retry-After; a 404 on an object this
// client created within the last 30 seconds is retried too (AWS is
// eventually consistent), while 400, 401 and 409 never are. Creates that
// answer 409 (for instance because a retried POST had in fact been
// committed) adopt the existing object, found by externalId and then by
// userName or displayName. In AWS mode lists are paged with cursors and
// group membership is learned through `id eq "G" and members eq "U"`
// filters, since AWS group reads always answer "members": []; member
// changes are sent as add/remove operations on the path "members", at most
// 100 per request, never as replace. Failures come back as *Error, which
// tells an unreachable endpoint from a refused token. The bearer token is
// never logged.
package scim

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"time"

	"github.com/hashicorp/go-retryablehttp"
)

// Logger receives one structured line per request and retry.
type Logger func(msg string, fields map[string]any)

// Config configures a Client.
type Config struct {
	// Endpoint is the SCIM base URL, e.g. https://scim.eu-west-1.amazonaws.com/<tenant>/scim/v2
	Endpoint string
	Token    string
	// AWSMode pages with cursors and reads group membership through filters.
	AWSMode    bool
	HTTPClient *http.Client
	// MaxRetries defaults to 8; a negative value disables retries.
	MaxRetries   int
	RetryWaitMin time.Duration // default 200ms
	RetryWaitMax time.Duration // default 5s
	Logger       Logger
	UserAgent    string
}

// Client talks to one SCIM endpoint. It is safe for concurrent use.
type Client struct {
	cfg  Config
	base *url.URL
	rc   *retryablehttp.Client

	mu      sync.Mutex
	created map[string]time.Time // ids this client created, for 404 retries
	pruned  time.Time            // when created was last pruned
}

// recentWindow is how long after creating an object a 404 on it is retried.
const recentWindow = 30 * time.Second

// New validates cfg and returns a Client.
func New(cfg Config) (*Client, error) {
	u, err := url.Parse(strings.TrimSpace(cfg.Endpoint))
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return nil, fmt.Errorf("scim: invalid endpoint %q", cfg.Endpoint)
	}
	if cfg.Token == "" {
		return nil, errors.New("scim: a bearer token is required")
	}
	u.Path = strings.TrimRight(u.Path, "/") + "/"
	switch {
	case cfg.MaxRetries == 0:
		cfg.MaxRetries = 8
	case cfg.MaxRetries < 0:
		cfg.MaxRetries = 0
	}
	if cfg.RetryWaitMin <= 0 {
		cfg.RetryWaitMin = 200 * time.Millisecond
	}
	if cfg.RetryWaitMax <= 0 {
		cfg.RetryWaitMax = 5 * time.Second
	}
	if cfg.UserAgent == "" {
		cfg.UserAgent = "terraform-provider-idaas-scim"
	}
	c := &Client{cfg: cfg, base: u, created: map[string]time.Time{}}
	rc := retryablehttp.NewClient()
	if cfg.HTTPClient != nil {
		rc.HTTPClient = cfg.HTTPClient
	}
	rc.Logger = nil
	rc.RetryMax = cfg.MaxRetries
	rc.RetryWaitMin, rc.RetryWaitMax = cfg.RetryWaitMin, cfg.RetryWaitMax
	rc.CheckRetry = c.checkRetry
	rc.ErrorHandler = retryablehttp.PassthroughErrorHandler
	rc.RequestLogHook = func(_ retryablehttp.Logger, r *http.Request, attempt int) {
		if attempt > 0 {
			c.log("scim: retrying request", map[string]any{"method": r.Method, "path": r.URL.Path, "attempt": attempt})
		}
	}
	c.rc = rc
	return c, nil
}

func (c *Client) log(msg string, fields map[string]any) {
	if c.cfg.Logger != nil {
		c.cfg.Logger(msg, fields)
	}
}

// checkRetry retries connection errors, 429 and 5xx (but 501), and a 404
// on an object this client created moments ago.
func (c *Client) checkRetry(ctx context.Context, resp *http.Response, err error) (bool, error) {
	if ctx.Err() != nil {
		return false, ctx.Err()
	}
	if err != nil || resp == nil {
		return retryablehttp.DefaultRetryPolicy(ctx, resp, err)
	}
	switch s := resp.StatusCode; {
	case s == http.StatusTooManyRequests, s >= 500 && s != http.StatusNotImplemented:
		return true, nil
	case s == http.StatusNotFound:
		return c.createdRecently(resp.Request.URL.Path), nil
	}
	return false, nil
}

func (c *Client) remember(id string) {
	if id == "" {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	now := time.Now()
	// Prune now and then, not on every create: a scan per create would make
	// a sync of n users cost O(n²).
	if now.Sub(c.pruned) > recentWindow/4 {
		for k, t := range c.created {
			if now.Sub(t) > recentWindow {
				delete(c.created, k)
			}
		}
		c.pruned = now
	}
	c.created[id] = now
}

func (c *Client) createdRecently(path string) bool {
	id := path[strings.LastIndex(path, "/")+1:]
	c.mu.Lock()
	defer c.mu.Unlock()
	t, ok := c.created[id]
	return ok && time.Since(t) < recentWindow
}

// do sends one request (path relative to the endpoint, query already
// encoded) and decodes a JSON answer into out. It returns the status.
func (c *Client) do(ctx context.Context, method, path, rawQuery string, body, out any) (int, error) {
	u := c.base.ResolveReference(&url.URL{Path: path, RawQuery: rawQuery})
	var payload []byte
	if body != nil {
		var err error
		if payload, err = json.Marshal(body); err != nil {
			return 0, fmt.Errorf("scim: encoding %s %s: %w", method, path, err)
		}
	}
	var rawBody any
	if payload != nil {
		rawBody = payload
	}
	req, err := retryablehttp.NewRequestWithContext(ctx, method, u.String(), rawBody)
	if err != nil {
		return 0, fmt.Errorf("scim: %w", err)
	}
	req.Header.Set("Authorization", "Bearer "+c.cfg.Token)
	req.Header.Set("Accept", "application/scim+json, application/json")
	req.Header.Set("User-Agent", c.cfg.UserAgent)
	if payload != nil {
		req.Header.Set("Content-Type", "application/scim+json")
	}
	start := time.Now()
	resp, err := c.rc.Do(req)
	if err != nil {
		c.log("scim: request failed", map[string]any{"method": method, "path": u.Path, "error": err.Error()})
		if ctx.Err() != nil {
			return 0, ctx.Err()
		}
		return 0, &Error{Method: method, Path: u.Path, Err: err}
	}
	defer resp.Body.Close()
	data, err := io.ReadAll(io.LimitReader(resp.Body, 32<<20))
	c.log("scim: request", map[string]any{"method": method, "path": u.Path, "status": resp.StatusCode, "duration_ms": time.Since(start).Milliseconds()})
	if err != nil {
		return resp.StatusCode, &Error{Method: method, Path: u.Path, Err: err}
	}
	if resp.StatusCode >= 400 {
		return resp.StatusCode, decodeError(method, u.Path, resp, data)
	}
	if out != nil && len(bytes.TrimSpace(data)) > 0 {
		if err := json.Unmarshal(data, out); err != nil {
			return resp.StatusCode, fmt.Errorf("scim: decoding %s %s answer: %w", method, u.Path, err)
		}
	}
	return resp.StatusCode, nil
}

// TestConnection lists one user: it proves the endpoint is reachable and the
// token accepted, and returns the *Error otherwise.
func (c *Client) TestConnection(ctx context.Context) error {
	_, err := c.do(ctx, http.MethodGet, "Users", "count=1", nil, nil)
	return err
}
