// Package scim is a SCIM 2.0 client built to survive AWS IAM Identity
// Center's SCIM endpoint as well as plain RFC 7644 servers.
//
// The provider only reads through it (the idaas_scim_users and
// idaas_scim_groups data sources and ephemeral resources): ListUsers and
// ListGroups, each following every page, by cursor in AWS mode and by
// startIndex otherwise. Requests are retried with exponential backoff on
// 429, 5xx and connection errors, honouring Retry-After, by the HTTP model
// this client shares with package client (package httpx), while 400, 401
// and 404 never are. Failures come back as *Error, which tells an
// unreachable endpoint from a refused token. The bearer token is never
// logged.
//
// The tenant stand-in's SCIM writes (creating, patching and deleting users
// and groups, as the tenant's provisioning engine does) are not here: they
// live in internal/emulator/scimwrite, built on Client.Do.
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
	"time"

	"github.com/hashicorp/go-retryablehttp"

	"github.com/idaas-terraform/terraform-provider-idaas/internal/httpx"
)

// Logger receives one structured line per request and retry (the
// provider's logger, shared with package client through package httpx).
type Logger = httpx.Logger

// Config configures a Client.
type Config struct {
	// Endpoint is the SCIM base URL, e.g. https://scim.eu-west-1.amazonaws.com/<tenant>/scim/v2
	Endpoint string
	Token    string
	// AWSMode pages with cursors and reads group membership through filters.
	AWSMode    bool
	HTTPClient *http.Client
	// MaxRetries is how many times a failed request is retried: 0 means the
	// default (10), a negative value none (package httpx).
	MaxRetries int
	// RequestTimeout bounds one HTTP attempt (default 30s; ignored with
	// HTTPClient).
	RequestTimeout time.Duration
	RetryWaitMin   time.Duration // default 250ms
	RetryWaitMax   time.Duration // default 30s
	Logger         Logger
	UserAgent      string
	// RetryAlso retries an answer the common policy would not (package
	// httpx); nil adds nothing.
	RetryAlso func(*http.Response) bool
}

// Client talks to one SCIM endpoint. It is safe for concurrent use.
type Client struct {
	cfg  Config
	base *url.URL
	rc   *retryablehttp.Client
}

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
	if cfg.UserAgent == "" {
		cfg.UserAgent = "terraform-provider-idaas-scim"
	}
	c := &Client{cfg: cfg, base: u}
	c.rc = httpx.New(httpx.Options{MaxRetries: cfg.MaxRetries, Timeout: cfg.RequestTimeout, RetryWaitMin: cfg.RetryWaitMin,
		RetryWaitMax: cfg.RetryWaitMax, HTTPClient: cfg.HTTPClient, Logger: cfg.Logger, RetryAlso: cfg.RetryAlso})
	return c, nil
}

func (c *Client) log(ctx context.Context, msg string, fields map[string]any) {
	if c.cfg.Logger != nil {
		c.cfg.Logger.Debug(ctx, msg, fields)
	}
}

// Do sends one request (path relative to the endpoint, query already
// encoded; body, when not nil, sent as JSON) and decodes a JSON answer into
// out. It returns the status; an answer of 400 or more is an *Error.
func (c *Client) Do(ctx context.Context, method, path, rawQuery string, body, out any) (int, error) {
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
		c.log(ctx, "scim: request failed", map[string]any{"method": method, "path": u.Path, "error": err.Error()})
		if ctx.Err() != nil {
			return 0, ctx.Err()
		}
		return 0, &Error{Method: method, Path: u.Path, Err: err}
	}
	defer resp.Body.Close()
	data, err := io.ReadAll(io.LimitReader(resp.Body, 32<<20))
	c.log(ctx, "scim: request", map[string]any{"method": method, "path": u.Path, "status": resp.StatusCode, "duration_ms": time.Since(start).Milliseconds()})
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
