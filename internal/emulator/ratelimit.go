package emulator

import (
	"math"
	"net/http"
	"strconv"
	"sync"
	"time"

	"golang.org/x/time/rate"
)

// The tenant's rate limit: a token bucket per admin API application
// (golang.org/x/time/rate), refilled at RateLimit requests per second and
// holding one second of them. Every admin API request (authenticate
// included; the control surface and SCIM never) takes a token; without one
// it is answered 429 TOO_MANY_REQUESTS with Retry-After (whole seconds
// until a token is due). Every answer of a limited emulator says where the
// bucket stands, in the IETF draft's headers:
//
//	RateLimit-Limit:     the bucket's size (requests per window)
//	RateLimit-Remaining: tokens left after this request
//	RateLimit-Reset:     whole seconds until the bucket is full again
//	RateLimit-Policy:    "<limit>;w=<window seconds>"
type rateLimiter struct {
	mu      sync.Mutex
	perSec  float64
	buckets map[string]*rate.Limiter
}

// SetRateLimit limits each application to perSecond admin API requests per
// second (0: no limit), with full buckets.
func (e *Emulator) SetRateLimit(perSecond float64) {
	e.limiter.mu.Lock()
	defer e.limiter.mu.Unlock()
	e.limiter.perSec = perSecond
	e.limiter.buckets = map[string]*rate.Limiter{}
}

// burst is the bucket size: one second of requests, at least one.
func (l *rateLimiter) burst() int { return max(1, int(math.Ceil(l.perSec))) }

// admit takes a token of application app's bucket and writes the
// RateLimit headers; false means the request was answered 429.
func (e *Emulator) admitRate(w http.ResponseWriter, app string) bool {
	l := &e.limiter
	l.mu.Lock()
	if l.perSec <= 0 {
		l.mu.Unlock()
		return true
	}
	b := l.buckets[app]
	if b == nil {
		b = rate.NewLimiter(rate.Limit(l.perSec), l.burst())
		l.buckets[app] = b
	}
	burst, perSec := l.burst(), l.perSec
	now := time.Now()
	ok := b.AllowN(now, 1)
	tokens := b.TokensAt(now)
	l.mu.Unlock()
	h := w.Header()
	h.Set("RateLimit-Limit", strconv.Itoa(burst))
	h.Set("RateLimit-Remaining", strconv.Itoa(max(0, int(math.Floor(tokens)))))
	h.Set("RateLimit-Reset", strconv.Itoa(int(math.Ceil((float64(burst)-tokens)/perSec))))
	h.Set("RateLimit-Policy", strconv.Itoa(burst)+";w="+strconv.FormatFloat(float64(burst)/perSec, 'f', -1, 64))
	if ok {
		return true
	}
	h.Set("Retry-After", strconv.Itoa(max(1, int(math.Ceil((1-tokens)/perSec)))))
	e.statsMu.Lock()
	e.stats.RateLimited++
	e.statsMu.Unlock()
	writeError(w, http.StatusTooManyRequests, "TOO_MANY_REQUESTS", "Rate limit exceeded: at most "+
		strconv.FormatFloat(perSec, 'f', -1, 64)+" requests per second per application.")
	return false
}
