//go:build pprof

package main

import (
	"fmt"
	"os"
	"runtime/pprof"
	"strings"
)

// With the pprof build tag, IDAAS_CPUPROFILE=<file> writes a CPU profile of
// the provider process (%d in the name is replaced by the pid, since
// Terraform starts the provider more than once per command) and
// IDAAS_MEMPROFILE=<file> a heap profile when it exits. Used by
// go run ./tools/bench -profile.
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
			stops = append(stops, func() {
				if out, err := os.Create(f); err == nil {
					_ = pprof.Lookup("allocs").WriteTo(out, 0)
					_ = out.Close()
				}
			})
		}
		return func() {
			for _, s := range stops {
				s()
			}
		}
	}
}
