package httpx

import (
	"context"
	"math"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"time"

	"golang.org/x/time/rate"
)

// Pacer spaces a client's requests with a token bucket
// (golang.org/x/time/rate, burst 1) so that the client does not run into
// the tenant's rate limit instead of retrying after it.
//
//   - With a maximum (max_requests_per_second), requests never go faster.
//   - Without one the pacer starts unlimited and adapts for the rest of the
//     process, additive increase, multiplicative decrease: a 429 halves the
//     rate (at most once a second, since the requests in flight were all
//     sent at the old rate), and each second without a 429 adds one request
//     per second back, never above a known ceiling.
//   - Either way it honours what the tenant says: Retry-After (no request
//     of this client goes out before it), RateLimit-Limit (with
//     RateLimit-Policy's w=, else a window of one second) becomes the
//     ceiling, and RateLimit-Remaining 0 holds requests back until a token
//     is due (one interval at the ceiling, or RateLimit-Reset seconds).
//
// Every attempt, retries included, passes through Wait and Observe: New
// wraps the transport when Options.Pacer is set. A Pacer is safe for
// concurrent use and may be shared by several clients of one server.
type Pacer struct {
	lim *rate.Limiter
	max rate.Limit // the user's maximum, 0: none

	mu           sync.Mutex
	ceiling      rate.Limit // from RateLimit-Limit, 0: unknown
	until        time.Time  // nothing is sent before this
	lastDecrease time.Time
	lastIncrease time.Time
	winStart     time.Time // the current one-second window of sends
	winSent      int
	prevSent     int // sends in the previous full window
	stats        PacerStats
	reported     PacerStats
	report       func(PacerStats)
	idle         *time.Timer
}

// PacerStats counts what a Pacer did.
type PacerStats struct {
	// Requests is the attempts sent (retries included).
	Requests int
	// Waited is how many of them the pacer held back, for WaitTime in all.
	Waited   int
	WaitTime time.Duration
	// Status429 is the attempts answered 429; Decreases how often that
	// lowered the rate.
	Status429 int
	Decreases int
	// Rate is the pacing rate now, in requests per second (0: unlimited).
	Rate float64
}

// NewPacer returns a pacer that never exceeds maxPerSecond requests per
// second, or, with maxPerSecond <= 0, adapts to the tenant's answers.
func NewPacer(maxPerSecond float64) *Pacer {
	p := &Pacer{lim: rate.NewLimiter(rate.Inf, 1)}
	if maxPerSecond > 0 {
		p.max = rate.Limit(maxPerSecond)
		p.lim.SetLimit(p.max)
	}
	return p
}

// Report has report called with what the pacer did since the last report,
// once a burst of requests has ended (a second without requests): once per
// Terraform phase, in practice.
func (p *Pacer) Report(report func(PacerStats)) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.report = report
}

func (p *Pacer) rateLocked() float64 {
	if l := p.lim.Limit(); l != rate.Inf {
		return float64(l)
	}
	return 0
}

// reportIdle is how long after its last request a burst counts as over.
const reportIdle = time.Second

// Wait blocks until the next attempt may go out, or ctx ends.
func (p *Pacer) Wait(ctx context.Context) error {
	start := time.Now()
	p.mu.Lock()
	until := p.until
	p.mu.Unlock()
	if d := time.Until(until); d > 0 {
		t := time.NewTimer(d)
		select {
		case <-t.C:
		case <-ctx.Done():
			t.Stop()
			return ctx.Err()
		}
	}
	if err := p.lim.Wait(ctx); err != nil {
		return err
	}
	now := time.Now()
	waited := now.Sub(start)
	p.mu.Lock()
	defer p.mu.Unlock()
	p.stats.Requests++
	if waited > time.Millisecond {
		p.stats.Waited++
		p.stats.WaitTime += waited
	}
	if now.Sub(p.winStart) >= time.Second {
		p.prevSent = p.winSent
		if now.Sub(p.winStart) >= 2*time.Second {
			p.prevSent = 0
		}
		p.winStart, p.winSent = now, 0
	}
	p.winSent++
	if p.report != nil {
		if p.idle == nil {
			p.idle = time.AfterFunc(reportIdle, p.flush)
		} else {
			p.idle.Reset(reportIdle)
		}
	}
	return nil
}

// flush reports what happened since the last report.
func (p *Pacer) flush() {
	p.mu.Lock()
	s, r := p.stats, p.report
	d := PacerStats{Requests: s.Requests - p.reported.Requests, Waited: s.Waited - p.reported.Waited,
		WaitTime: s.WaitTime - p.reported.WaitTime, Status429: s.Status429 - p.reported.Status429,
		Decreases: s.Decreases - p.reported.Decreases, Rate: p.rateLocked()}
	p.reported = s
	p.mu.Unlock()
	if r != nil && d.Requests > 0 {
		r(d)
	}
}

// Flush reports at once what the pacer did since the last report.
func (p *Pacer) Flush() { p.flush() }

// Observe learns from an answer: its status and rate-limit headers.
func (p *Pacer) Observe(resp *http.Response) {
	now := time.Now()
	p.mu.Lock()
	defer p.mu.Unlock()
	h := resp.Header
	if limit, ok := headerFloat(h, "RateLimit-Limit"); ok && limit > 0 {
		window := 1.0
		if w, ok := policyWindow(h.Get("RateLimit-Policy")); ok {
			window = w
		}
		p.ceiling = rate.Limit(limit / window)
		if p.max > 0 && p.ceiling > p.max {
			p.ceiling = p.max
		}
		if p.lim.Limit() > p.ceiling {
			p.lim.SetLimitAt(now, p.ceiling)
		}
	}
	if rem, ok := headerFloat(h, "RateLimit-Remaining"); ok && rem < 1 {
		hold := time.Duration(0)
		if p.ceiling > 0 {
			hold = time.Duration(float64(time.Second) / float64(p.ceiling))
		} else if reset, ok := headerFloat(h, "RateLimit-Reset"); ok {
			hold = time.Duration(reset * float64(time.Second))
		}
		p.holdLocked(now.Add(hold))
	}
	if resp.StatusCode == http.StatusTooManyRequests {
		p.stats.Status429++
		if s, ok := headerFloat(h, "Retry-After"); ok {
			p.holdLocked(now.Add(time.Duration(s * float64(time.Second))))
		}
		if now.Sub(p.lastDecrease) >= time.Second {
			cur := p.lim.Limit()
			if cur == rate.Inf {
				// Unlimited so far: start from what was sent.
				cur = rate.Limit(max(p.prevSent, p.winSent))
			}
			next := max(cur/2, 1)
			if p.ceiling > 0 && next > p.ceiling {
				next = p.ceiling
			}
			p.lim.SetLimitAt(now, next)
			p.lastDecrease = now
			p.stats.Decreases++
		}
		return
	}
	if resp.StatusCode < 300 {
		cur := p.lim.Limit()
		if cur == rate.Inf || now.Sub(p.lastDecrease) < time.Second || now.Sub(p.lastIncrease) < time.Second {
			return
		}
		next := cur + 1
		if p.ceiling > 0 && next > p.ceiling {
			next = p.ceiling
		}
		if p.max > 0 && next > p.max {
			next = p.max
		}
		if next != cur {
			p.lim.SetLimitAt(now, next)
		}
		p.lastIncrease = now
	}
}

func (p *Pacer) holdLocked(t time.Time) {
	if t.After(p.until) {
		p.until = t
	}
}

// headerFloat reads a non-negative number of a header (the first of a
// list: RateLimit-Limit may carry several policies).
func headerFloat(h http.Header, name string) (float64, bool) {
	v := strings.TrimSpace(h.Get(name))
	if i := strings.IndexAny(v, ",;"); i >= 0 {
		v = strings.TrimSpace(v[:i])
	}
	if v == "" {
		return 0, false
	}
	f, err := strconv.ParseFloat(v, 64)
	if err != nil || f < 0 || math.IsInf(f, 0) || math.IsNaN(f) {
		return 0, false
	}
	return f, true
}

// policyWindow reads w= (seconds) of a RateLimit-Policy such as "20;w=1".
func policyWindow(v string) (float64, bool) {
	for _, part := range strings.Split(v, ";") {
		if k, val, ok := strings.Cut(strings.TrimSpace(part), "="); ok && strings.EqualFold(k, "w") {
			if f, err := strconv.ParseFloat(strings.TrimSpace(strings.Split(val, ",")[0]), 64); err == nil && f > 0 {
				return f, true
			}
		}
	}
	return 0, false
}

// pacedTransport sends every attempt through a Pacer.
type pacedTransport struct {
	base  http.RoundTripper
	pacer *Pacer
}

func (t pacedTransport) RoundTrip(r *http.Request) (*http.Response, error) {
	if err := t.pacer.Wait(r.Context()); err != nil {
		return nil, err
	}
	resp, err := t.base.RoundTrip(r)
	if resp != nil {
		t.pacer.Observe(resp)
	}
	return resp, err
}
