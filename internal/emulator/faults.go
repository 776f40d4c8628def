package emulator

import (
	"encoding/json"
	"math/rand/v2"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/idaas-terraform/terraform-provider-idaas/internal/emulator/scimmock"
)

// Faults are failures injected into admin API requests (authenticate
// included; the control surface never). Rates are probabilities in [0,1],
// drawn from a random source seeded with Seed.
type Faults struct {
	LatencyMs int `json:"latencyMs"`
	JitterMs  int `json:"jitterMs"`
	// Rate5xx answers 500, 502 or 503 without doing anything.
	Rate5xx float64 `json:"rate5xx"`
	// Rate429 answers 429; with RetryAfter set, with Retry-After:
	// RetryAfterSeconds.
	Rate429           float64 `json:"rate429"`
	RetryAfter        bool    `json:"retryAfter"`
	RetryAfterSeconds int     `json:"retryAfterSeconds"`
	// RateReset closes the connection without doing anything.
	RateReset float64 `json:"rateReset"`
	// RateDropAfterCommit performs a write (POST, PUT, DELETE), then closes
	// the connection without answering.
	RateDropAfterCommit float64 `json:"rateDropAfterCommit"`
	Seed                int64   `json:"seed"`
}

// FaultCounts counts what was injected.
type FaultCounts struct {
	Latency, Status5xx, Status429, Resets, DroppedAfterCommit int
}

type faultState struct {
	mu     sync.Mutex
	f      Faults
	rnd    *rand.Rand
	counts FaultCounts
}

// SetFaults replaces the admin API's injected faults; the zero value turns
// them off. The SCIM server has its own (SCIM().SetFaults).
func (e *Emulator) SetFaults(f Faults) {
	e.faults.mu.Lock()
	defer e.faults.mu.Unlock()
	e.faults.f = f
	e.faults.rnd = rand.New(rand.NewPCG(uint64(f.Seed), 0x1da4))
}

// FaultCounts returns what was injected so far.
func (e *Emulator) FaultCounts() FaultCounts {
	e.faults.mu.Lock()
	defer e.faults.mu.Unlock()
	return e.faults.counts
}

type faultDecision struct {
	delay      time.Duration
	status     int
	retryAfter string
	reset      bool
	dropAfter  bool
}

func (s *faultState) decide(r *http.Request) faultDecision {
	s.mu.Lock()
	defer s.mu.Unlock()
	var d faultDecision
	f := s.f
	if s.rnd == nil {
		return d
	}
	if f.LatencyMs > 0 || f.JitterMs > 0 {
		d.delay = time.Duration(f.LatencyMs) * time.Millisecond
		if f.JitterMs > 0 {
			d.delay += time.Duration(s.rnd.IntN(f.JitterMs+1)) * time.Millisecond
		}
		s.counts.Latency++
	}
	x := s.rnd.Float64()
	write := r.Method == http.MethodPost || r.Method == http.MethodPut || r.Method == http.MethodDelete
	switch {
	case x < f.Rate5xx:
		d.status = []int{500, 502, 503}[s.rnd.IntN(3)]
		s.counts.Status5xx++
	case x < f.Rate5xx+f.Rate429:
		d.status = http.StatusTooManyRequests
		if f.RetryAfter {
			d.retryAfter = strconv.Itoa(f.RetryAfterSeconds)
		}
		s.counts.Status429++
	case x < f.Rate5xx+f.Rate429+f.RateReset:
		d.reset = true
		s.counts.Resets++
	case write && x < f.Rate5xx+f.Rate429+f.RateReset+f.RateDropAfterCommit:
		d.dropAfter = true
		s.counts.DroppedAfterCommit++
	}
	return d
}

// injectFaults runs h under the configured faults.
func (e *Emulator) injectFaults(w http.ResponseWriter, r *http.Request, h http.Handler) {
	d := e.faults.decide(r)
	if d.delay > 0 {
		select {
		case <-time.After(d.delay):
		case <-r.Context().Done():
			return
		}
	}
	switch {
	case d.status != 0:
		if d.retryAfter != "" {
			w.Header().Set("Retry-After", d.retryAfter)
		}
		writeError(w, d.status, "SERVICE_UNAVAILABLE", "Injected fault: "+http.StatusText(d.status)+".")
	case d.reset:
		hangUp(w)
	case d.dropAfter:
		h.ServeHTTP(discardWriter{header: http.Header{}}, r)
		hangUp(w)
	default:
		h.ServeHTTP(w, r)
	}
}

// hangUp closes the client's connection without an answer.
func hangUp(w http.ResponseWriter) {
	hj, ok := w.(http.Hijacker)
	if !ok {
		panic(http.ErrAbortHandler)
	}
	conn, _, err := hj.Hijack()
	if err != nil {
		panic(http.ErrAbortHandler)
	}
	_ = conn.Close()
}

type discardWriter struct{ header http.Header }

func (d discardWriter) Header() http.Header         { return d.header }
func (d discardWriter) Write(b []byte) (int, error) { return len(b), nil }
func (d discardWriter) WriteHeader(int)             {}

// faultsRequest is the body of POST /_emulator/faults.
type faultsRequest struct {
	Admin *Faults          `json:"admin"`
	SCIM  *scimmock.Faults `json:"scim"`
}

func (e *Emulator) handleFaults(w http.ResponseWriter, r *http.Request) {
	var req faultsRequest
	if err := json.NewDecoder(r.Body).Decode(&req); err != nil {
		writeError(w, http.StatusBadRequest, "INVALID_REQUEST", "Body must be {\"admin\":{...},\"scim\":{...}}: "+err.Error())
		return
	}
	if req.Admin != nil {
		e.SetFaults(*req.Admin)
	}
	if req.SCIM != nil {
		e.scim.SetFaults(*req.SCIM)
	}
	writeJSON(w, http.StatusOK, map[string]any{"admin": e.FaultCounts()})
}

func isControlPath(p string) bool { return strings.HasPrefix(p, "/_emulator/") }
