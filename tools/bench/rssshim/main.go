// Command rssshim stands in for a provider binary so that the benchmark can
// measure the provider's peak memory: it runs the real binary named by
// BENCH_REAL_PROVIDER with the same arguments and standard streams, and when
// it exits appends a line to BENCH_RSS_FILE: its peak resident set size
// (KiB) and the CPU time it used (user + system, milliseconds).
package main

import (
	"fmt"
	"os"
	"os/exec"
	"os/signal"
	"syscall"
)

func main() {
	cmd := exec.Command(os.Getenv("BENCH_REAL_PROVIDER"), os.Args[1:]...)
	cmd.Stdin, cmd.Stdout, cmd.Stderr = os.Stdin, os.Stdout, os.Stderr
	signals := make(chan os.Signal, 4)
	signal.Notify(signals, os.Interrupt, syscall.SIGTERM)
	if err := cmd.Start(); err != nil {
		fmt.Fprintln(os.Stderr, "rssshim:", err)
		os.Exit(1)
	}
	go func() {
		for s := range signals {
			_ = cmd.Process.Signal(s)
		}
	}()
	err := cmd.Wait()
	if cmd.ProcessState != nil {
		if ru, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage); ok {
			if f, ferr := os.OpenFile(os.Getenv("BENCH_RSS_FILE"), os.O_APPEND|os.O_CREATE|os.O_WRONLY, 0o600); ferr == nil {
				cpuMs := (cmd.ProcessState.UserTime() + cmd.ProcessState.SystemTime()).Milliseconds()
				fmt.Fprintln(f, ru.Maxrss, cpuMs)
				_ = f.Close()
			}
		}
		os.Exit(cmd.ProcessState.ExitCode())
	}
	if err != nil {
		os.Exit(1)
	}
}
