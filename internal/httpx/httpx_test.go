package httpx

import (
	"context"
	"net/http"
	"net/http/httptest"
	"sync/atomic"
	"testing"
	"time"

	"github.com/hashicorp/go-retryablehttp"
)

func TestRetriesSentinel(t *testing.T) {
	for in, want := range map[int]int{0: DefaultMaxRetries, -1: 0, -7: 0, 3: 3} {
		if got := Retries(in); got != want {
			t.Errorf("Retries(%d) = %d, want %d", in, got, want)
		}
	}
}

func get(t *testing.T, rc *retryablehttp.Client, url string) (*http.Response, error) {
	t.Helper()
	req, err := retryablehttp.NewRequestWithContext(context.Background(), http.MethodGet, url, nil)
	if err != nil {
		t.Fatal(err)
	}
	resp, err := rc.Do(req)
	if resp != nil {
		_ = resp.Body.Close()
	}
	return resp, err
}

// 429 with Retry-After and 503 are retried, 501 is not; RetryAlso adds to
// the policy; attempts are counted and retries logged.
func TestPolicy(t *testing.T) {
	var calls atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		n := calls.Add(1)
		switch {
		case r.URL.Path == "/501":
			w.WriteHeader(http.StatusNotImplemented)
		case n == 1:
			w.Header().Set("Retry-After", "0")
			w.WriteHeader(http.StatusTooManyRequests)
		case n == 2:
			w.WriteHeader(http.StatusServiceUnavailable)
		case n == 3:
			w.WriteHeader(http.StatusNotFound)
		default:
			w.WriteHeader(http.StatusOK)
		}
	}))
	defer srv.Close()
	var logged int
	rc := New(Options{MaxRetries: 5, RetryWaitMin: time.Millisecond, RetryWaitMax: 2 * time.Millisecond,
		RetryAlso: func(r *http.Response) bool { return r.StatusCode == http.StatusNotFound },
		Logger:    loggerFunc(func(context.Context, string, map[string]any) { logged++ })})
	attempts := 0
	req, _ := retryablehttp.NewRequestWithContext(CountAttempts(context.Background(), &attempts), http.MethodGet, srv.URL+"/x", nil)
	resp, err := rc.Do(req)
	if err != nil || resp.StatusCode != http.StatusOK {
		t.Fatalf("got %v, %v; want 200 after retries", resp, err)
	}
	_ = resp.Body.Close()
	if attempts != 4 || logged != 3 {
		t.Errorf("attempts = %d, retry lines = %d; want 4 and 3", attempts, logged)
	}
	calls.Store(10)
	if resp, _ := get(t, rc, srv.URL+"/501"); resp == nil || resp.StatusCode != http.StatusNotImplemented || calls.Load() != 11 {
		t.Errorf("501 must be answered once, not retried (calls %d)", calls.Load()-10)
	}
}

// Timeout bounds one attempt; MaxRetries < 0 sends once.
func TestTimeoutAndNoRetries(t *testing.T) {
	var calls atomic.Int32
	release := make(chan struct{})
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		calls.Add(1)
		select {
		case <-release:
		case <-r.Context().Done():
		}
	}))
	defer srv.Close()
	defer close(release)
	rc := New(Options{MaxRetries: -1, Timeout: 50 * time.Millisecond})
	if _, err := get(t, rc, srv.URL); err == nil {
		t.Fatal("want a timeout error")
	}
	if calls.Load() != 1 {
		t.Errorf("calls = %d, want 1 (no retries)", calls.Load())
	}
}

// loggerFunc adapts a function to Logger.
type loggerFunc func(ctx context.Context, msg string, fields map[string]any)

// Debug calls f.
func (f loggerFunc) Debug(ctx context.Context, msg string, fields map[string]any) {
	f(ctx, msg, fields)
}
