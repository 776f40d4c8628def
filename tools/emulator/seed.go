package main

import (
	"context"
	"fmt"
	"log"

	"github.com/idaas-terraform/terraform-provider-idaas/internal/client"
	"github.com/idaas-terraform/terraform-provider-idaas/internal/emulator"
	"github.com/idaas-terraform/terraform-provider-idaas/internal/emulator/consoleguide"
	"github.com/idaas-terraform/terraform-provider-idaas/internal/emulator/seed"
)

// seedTenant fills the emulator served at conn through its admin API, as
// -seed asks: "console-guide", a seed file, or nothing (""). A continued
// tenant (restored) is not seeded again.
func seedTenant(ctx context.Context, from string, conn emulator.ConnectionInfo, restored bool) error {
	if from == "" {
		return nil
	}
	if restored {
		log.Printf("-seed %s ignored: the data directory's tenant is continued", from)
		return nil
	}
	var dir *seed.Directory
	if from != "console-guide" {
		var err error
		if dir, err = seed.Load(from); err != nil {
			return err
		}
	}
	cfg := client.Config{TenantURL: conn.TenantURL, ApplicationID: conn.ApplicationID, SharedSecret: conn.SharedSecret}
	if conn.TLSCertificatePEM != "" {
		cfg.Transport = trustingClient(conn.TLSCertificatePEM).Transport
	}
	c, err := client.New(cfg)
	if err != nil {
		return err
	}
	if dir != nil {
		if err := dir.Apply(ctx, c); err != nil {
			return fmt.Errorf("-seed %s: %w", from, err)
		}
		log.Printf("seeded %d attributes, %d groups and %d users from %s", len(dir.Attributes), len(dir.Groups), len(dir.Users), from)
		return nil
	}
	if _, err := consoleguide.Build(ctx, c, consoleguide.AWSSPMetadataXML, conn.SCIMEndpoint, conn.SCIMToken); err != nil {
		return fmt.Errorf("-seed console-guide: %w", err)
	}
	log.Printf("seeded the AWS console guide's tenant (%q, its users synchronized to the SCIM server)", consoleguide.Application)
	return nil
}
