package main

import (
	"context"
	"fmt"
	"net/http"
	"os"
	"os/signal"
	"syscall"
)

// showConsole ends the demo with the emulator's console, while the emulator
// still runs: its URL (checked to answer), and with KEEP (make demo
// KEEP=1, which sets IDAAS_DEMO_KEEP) the emulator stays up until Ctrl-C.
func (d *demo) showConsole() error {
	step("The tenant in the emulator's console")
	url := d.conn.TenantURL + "/_emulator/"
	resp, err := http.Get(url)
	if err != nil {
		return fmt.Errorf("the console: %w", err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("the console answered HTTP %d", resp.StatusCode)
	}
	fmt.Println("console:", url)
	fmt.Println("(groups, users, the SAML application with a \"sign in as\" link per user its rule admits, the certificate, the provisioner's operations, and what reached the AWS stand-in's SCIM server)")
	if k := os.Getenv("IDAAS_DEMO_KEEP"); k == "" || k == "0" {
		fmt.Println("The emulator stops with the demo: run `make demo KEEP=1` to keep it up and open the console in a browser.")
		return nil
	}
	fmt.Println("KEEP: the emulator keeps running; open the console in a browser, stop with Ctrl-C.")
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	<-ctx.Done()
	return nil
}
