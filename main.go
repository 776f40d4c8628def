// Command terraform-provider-idaas serves the idaas Terraform provider.
package main

import (
	"context"
	"flag"
	"log"

	"github.com/hashicorp/terraform-plugin-framework/providerserver"

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
	stopProfile := startProfile()
	err := providerserver.Serve(context.Background(), provider.New(version), providerserver.ServeOpts{
		Address: "registry.terraform.io/idaas-terraform/idaas",
		Debug:   debug,
	})
	stopProfile()
	if err != nil {
		log.Fatal(err.Error())
	}
}
