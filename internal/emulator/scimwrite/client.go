// Package scimwrite is the tenant stand-in's SCIM client: what the
// tenant's provisioning engine (internal/emulator/provisioning) and its
// "send test SCIM" call do to a SCIM target, and what tests do to seed the
// SCIM mock. The provider never writes to a SCIM endpoint: it only lists
// (package scim), so none of this ships.
//
// It is built on the provider's client (scim.Client.Do: the same retries,
// backoff, logging and *scim.Error), and adds: a 404 on an object this
// client created within the last 30 seconds is retried (AWS is eventually
// consistent); creates that answer 409 (for instance because a retried POST
// had in fact been committed) adopt the existing object, found by
// externalId and then by userName or displayName; in AWS mode group
// membership is learned through `id eq "G" and members eq "U"` filters,
// since AWS group reads always answer "members": []; member changes are
// sent as add/remove operations on the path "members", at most 100 per
// request, never as replace.
package scimwrite

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/idaas-terraform/terraform-provider-idaas/internal/scim"
)

// User and Group are the provider client's.
type (
	User  = scim.User
	Group = scim.Group
)

// Client is a scim.Client that also writes. It is safe for concurrent use.
type Client struct {
	*scim.Client
	awsMode bool

	mu      sync.Mutex
	created map[string]time.Time // ids this client created, for 404 retries
	pruned  time.Time            // when created was last pruned
}

// recentWindow is how long after creating an object a 404 on it is retried.
const recentWindow = 30 * time.Second

// New validates cfg and returns a Client (cfg.RetryAlso is this client's).
func New(cfg scim.Config) (*Client, error) {
	w := &Client{awsMode: cfg.AWSMode, created: map[string]time.Time{}}
	cfg.RetryAlso = w.retryNotFound
	c, err := scim.New(cfg)
	if err != nil {
		return nil, err
	}
	w.Client = c
	return w, nil
}

// retryNotFound retries a 404 on an object this client created moments
// ago: AWS is eventually consistent.
func (c *Client) retryNotFound(resp *http.Response) bool {
	return resp.StatusCode == http.StatusNotFound && c.createdRecently(resp.Request.URL.Path)
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

// TestConnection lists one user: it proves the endpoint is reachable and the
// token accepted, and returns the *scim.Error otherwise.
func (c *Client) TestConnection(ctx context.Context) error {
	_, err := c.Do(ctx, http.MethodGet, "Users", "count=1", nil, nil)
	return err
}

// NotFoundError says that no resource matched a look-up.
type NotFoundError struct {
	Kind, Filter string
}

func (e *NotFoundError) Error() string {
	return fmt.Sprintf("scim: no %s matches %s", e.Kind, e.Filter)
}

// SeveralMatchError says that more than one resource matched a look-up
// meant to name one; IDs names them.
type SeveralMatchError struct {
	Kind, Filter string
	IDs          []string
}

func (e *SeveralMatchError) Error() string {
	return fmt.Sprintf("scim: several %s match %s: %s", e.Kind, e.Filter, strings.Join(e.IDs, ", "))
}

func filterEq(attr, value string) string {
	return fmt.Sprintf("%s eq %s", attr, strconv.Quote(value))
}

// getAs reads one resource and converts it.
func getAs[T any](ctx context.Context, c *Client, kind, id string, conv func(map[string]any) T) (T, error) {
	var out map[string]any
	if _, err := c.Do(ctx, http.MethodGet, kind+"/"+url.PathEscape(id), "", nil, &out); err != nil {
		var zero T
		return zero, err
	}
	return conv(out), nil
}

// findAs returns the one resource whose attr equals value: a *NotFoundError
// when none does, a *SeveralMatchError when more than one does.
func findAs[T any](ctx context.Context, c *Client, kind, attr, value string, conv func(map[string]any) T) (T, error) {
	m, err := c.findOne(ctx, kind, filterEq(attr, value))
	if err != nil {
		var zero T
		return zero, err
	}
	return conv(m), nil
}

// findOne returns the one resource a filter matches (see findAs).
func (c *Client) findOne(ctx context.Context, kind, filter string) (map[string]any, error) {
	q := url.Values{"filter": {filter}, "count": {"2"}}
	var page struct {
		Resources []map[string]any `json:"Resources"`
	}
	if _, err := c.Do(ctx, http.MethodGet, kind, q.Encode(), nil, &page); err != nil {
		return nil, err
	}
	switch len(page.Resources) {
	case 0:
		return nil, &NotFoundError{Kind: kind, Filter: filter}
	case 1:
		return page.Resources[0], nil
	}
	e := &SeveralMatchError{Kind: kind, Filter: filter}
	for _, r := range page.Resources {
		id, _ := r["id"].(string)
		e.IDs = append(e.IDs, id)
	}
	return nil, e
}

// IsNoMatch reports a *NotFoundError.
func IsNoMatch(err error) bool {
	var nf *NotFoundError
	return errors.As(err, &nf)
}

func statusOf(err error) (int, bool) {
	var e *scim.Error
	if errors.As(err, &e) {
		return e.Status, true
	}
	return 0, false
}

// IsNotFound reports a 404.
func IsNotFound(err error) bool { s, ok := statusOf(err); return ok && s == http.StatusNotFound }

// IsConflict reports a 409.
func IsConflict(err error) bool { s, ok := statusOf(err); return ok && s == http.StatusConflict }

// IsUnauthorized reports a 401 (token refused).
func IsUnauthorized(err error) bool {
	s, ok := statusOf(err)
	return ok && s == http.StatusUnauthorized
}

// IsUnreachable reports that no HTTP answer came back.
func IsUnreachable(err error) bool { s, ok := statusOf(err); return ok && s == 0 }

func str(m map[string]any, k string) string {
	s, _ := m[k].(string)
	return s
}
