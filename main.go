// Command terraform-provider-idaas serves the idaas Terraform provider.
package main

import (
	"flag"
	"log"
	"os"

	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6/tf6server"

	"github.com/idaas-terraform/terraform-provider-idaas/internal/provider"
)

// version is set by goreleaser through -ldflags.
var version = "dev"

// startProfile starts profiling and returns what stops it; a no-op unless
// built with the pprof tag (main_pprof.go).
var startProfile = func() func() { return func() {} }

func main() {
	var debug bool
	flag.BoolVar(&debug, "debug", false, "run the provider with support for debuggers like delve")
	flag.Parse()
	if !debug {
		quietUnlessLogging()
	}
	stopProfile := startProfile()
	// The framework's server, wrapped so that configuration generated at
	// import leaves defaults and tenant-computed values out
	// (internal/provider/generate_config.go); served as providerserver.Serve
	// serves it.
	var opts []tf6server.ServeOpt
	if debug {
		opts = append(opts, tf6server.WithManagedDebug())
	}
	srv := provider.NewServer(provider.New(version))()
	err := tf6server.Serve("registry.terraform.io/idaas-terraform/idaas", func() tfprotov6.ProviderServer { return srv }, opts...)
	// Terraform has stopped the provider: report what the pacers did since
	// their last report (the provider's stderr is still read until it exits).
	if c, ok := srv.(interface{ Close() }); ok {
		c.Close()
	}
	stopProfile()
	if err != nil {
		log.Fatal(err.Error())
	}
}

// logEnv are the variables through which Terraform, and a developer, ask for
// plugin logs.
var logEnv = []string{"TF_LOG", "TF_LOG_PATH", "TF_LOG_PROVIDER", "TF_LOG_SDK", "TF_LOG_SDK_PROTO", "TF_LOG_SDK_FRAMEWORK", "TF_ACC_LOG_PATH", "TF_LOG_PATH_MASK"}

// quietUnlessLogging turns the plugin SDK's and the provider's logs off
// when nobody asked for logs: Terraform discards them then, and writing
// them (a JSON line per event of every call) is about a sixth of the
// provider's CPU in a large refresh (BENCHMARKS.md). With TF_LOG or any of
// the others set, logging is untouched.
func quietUnlessLogging() {
	for _, v := range logEnv {
		if os.Getenv(v) != "" {
			return
		}
	}
	for _, v := range []string{"TF_LOG_PROVIDER", "TF_LOG_SDK", "TF_LOG_SDK_PROTO", "TF_LOG_SDK_FRAMEWORK"} {
		_ = os.Setenv(v, "OFF")
	}
}
