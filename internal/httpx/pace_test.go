package httpx

import (
	"net/http"
	"testing"
	"time"
)

func answer(status int, h map[string]string) *http.Response {
	r := &http.Response{StatusCode: status, Header: http.Header{}}
	for k, v := range h {
		r.Header.Set(k, v)
	}
	return r
}

// Without headers, a 429 halves the rate (from what was sent), once a
// second at most; a quiet second adds one request per second back.
func TestPacerAIMD(t *testing.T) {
	p := NewPacer(0)
	for range 40 {
		if err := p.Wait(t.Context()); err != nil {
			t.Fatal(err)
		}
	}
	p.Observe(answer(429, nil))
	if r := stats(p).Rate; r != 20 {
		t.Fatalf("rate after the first 429: %v, want 20 (half the 40 sent)", r)
	}
	p.Observe(answer(429, nil))
	if r := stats(p).Rate; r != 20 {
		t.Fatalf("a second 429 within the same second lowered the rate to %v", r)
	}
	p.mu.Lock()
	p.lastDecrease = p.lastDecrease.Add(-2 * time.Second)
	p.mu.Unlock()
	p.Observe(answer(200, nil))
	if r := stats(p).Rate; r != 21 {
		t.Fatalf("rate after a quiet second: %v, want 21", r)
	}
	if s := stats(p); s.Status429 != 2 || s.Decreases != 1 {
		t.Fatalf("stats %+v", s)
	}
}

// RateLimit-Limit (with RateLimit-Policy's window) caps the rate, and
// Retry-After holds every request back.
func TestPacerHonoursHeaders(t *testing.T) {
	p := NewPacer(0)
	p.Observe(answer(200, map[string]string{"RateLimit-Limit": "30", "RateLimit-Policy": "30;w=2", "RateLimit-Remaining": "10"}))
	if r := stats(p).Rate; r != 15 {
		t.Fatalf("rate %v, want 15 (30 per 2 s)", r)
	}
	p.Observe(answer(429, map[string]string{"Retry-After": "1"}))
	start := time.Now()
	if err := p.Wait(t.Context()); err != nil {
		t.Fatal(err)
	}
	if d := time.Since(start); d < 900*time.Millisecond {
		t.Fatalf("waited %v after Retry-After: 1", d)
	}
	if s := stats(p); s.Waited != 1 {
		t.Fatalf("waited count %d, want 1", s.Waited)
	}
	q := NewPacer(5)
	q.Observe(answer(200, map[string]string{"RateLimit-Limit": "100"}))
	if r := stats(q).Rate; r != 5 {
		t.Fatalf("a maximum of 5/s became %v", r)
	}
}

// Each report says what happened since the last one, and nothing is
// reported for a burst without requests.
func TestPacerReportsPerBurst(t *testing.T) {
	p := NewPacer(0)
	var got []PacerStats
	p.Report(func(s PacerStats) { got = append(got, s) })
	for range 3 {
		_ = p.Wait(t.Context())
	}
	p.Observe(answer(429, nil))
	p.Flush()
	p.Flush()
	_ = p.Wait(t.Context())
	p.Flush()
	if len(got) != 2 || got[0].Requests != 3 || got[0].Status429 != 1 || got[1].Requests != 1 || got[1].Status429 != 0 {
		t.Fatalf("reports %+v; want 3 requests with one 429, then 1", got)
	}
}

// stats returns the counters so far.
func stats(p *Pacer) PacerStats {
	p.mu.Lock()
	defer p.mu.Unlock()
	s := p.stats
	s.Rate = p.rateLocked()
	return s
}
