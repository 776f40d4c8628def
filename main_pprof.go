//go:build pprof

package main

import (
	"fmt"
	"os"
	"runtime"
	"runtime/pprof"
	"strings"
	"sync"
	"time"
)

// With the pprof build tag, IDAAS_CPUPROFILE=<file> writes a CPU profile of
// the provider process (%d in the name is replaced by the pid, since
// Terraform starts the provider more than once per command) and
// IDAAS_MEMPROFILE=<file> a heap profile: the live heap at its largest
// (sampled every 200 ms after a GC), written when the process exits. Used
// by go run ./tools/bench -profile.
func init() {
	startProfile = func() func() {
		name := func(env string) string {
			return strings.ReplaceAll(os.Getenv(env), "%d", fmt.Sprint(os.Getpid()))
		}
		var stops []func()
		if f := name("IDAAS_CPUPROFILE"); f != "" {
			if out, err := os.Create(f); err == nil && pprof.StartCPUProfile(out) == nil {
				stops = append(stops, func() { pprof.StopCPUProfile(); _ = out.Close() })
			}
		}
		if f := name("IDAAS_MEMPROFILE"); f != "" {
			var (
				mu   sync.Mutex
				peak uint64
				prof strings.Builder
				gor  strings.Builder
			)
			snap := func() {
				runtime.GC()
				var ms runtime.MemStats
				runtime.ReadMemStats(&ms)
				mu.Lock()
				defer mu.Unlock()
				if ms.HeapInuse > peak {
					peak = ms.HeapInuse
					prof.Reset()
					_ = pprof.Lookup("heap").WriteTo(&prof, 0)
					gor.Reset()
					_ = pprof.Lookup("goroutine").WriteTo(&gor, 1)
				}
			}
			done := make(chan struct{})
			go func() {
				t := time.NewTicker(200 * time.Millisecond)
				defer t.Stop()
				for {
					select {
					case <-done:
						return
					case <-t.C:
						snap()
					}
				}
			}()
			stops = append(stops, func() {
				close(done)
				runtime.GC()
				var final strings.Builder
				var ms runtime.MemStats
				runtime.ReadMemStats(&ms)
				_ = pprof.Lookup("heap").WriteTo(&final, 0)
				_ = os.WriteFile(f+".final", []byte(final.String()), 0o600)
				_ = os.WriteFile(f+".inuse.txt", []byte(fmt.Sprintf("peak HeapInuse %d final HeapInuse %d\n", peak, ms.HeapInuse)), 0o600)
				mu.Lock()
				defer mu.Unlock()
				_ = os.WriteFile(f, []byte(prof.String()), 0o600)
				_ = os.WriteFile(f+".goroutines.txt", []byte(gor.String()), 0o600)
			})
		}
		return func() {
			for _, s := range stops {
				s()
			}
		}
	}
}
