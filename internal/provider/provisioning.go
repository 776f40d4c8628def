package provider

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/idaas-terraform/terraform-provider-idaas/internal/client"
	"github.com/idaas-terraform/terraform-provider-idaas/internal/scim"
)

// The provisioning steps the provisioner and synchronization resources and
// the idaas_test_provisioner and idaas_synchronize_provisioner actions
// share: "send test SCIM" and its failure in words, the readiness check,
// starting a synchronization and waiting for it.

// verifyConnection runs "send test SCIM" and reports a failure.
func verifyConnection(ctx context.Context, c *client.Client, id, tokenAttr string, diags *diag.Diagnostics) bool {
	res, err := c.TestProvisioner(ctx, id)
	if err != nil {
		addAPIError(diags, "Sending test SCIM for provisioner "+id, err)
		return false
	}
	if res.Success {
		return true
	}
	summary, detail := testFailure(res, tokenAttr)
	diags.AddAttributeError(path.Root(tokenAttr), summary, detail+" Set verify_connection = false to skip this test.")
	return false
}

// testFailure puts a failed "send test SCIM" in words: a summary naming the
// cause, and the tenant's message with what to check (tokenAttr names the
// token).
func testFailure(res *client.ProvisionerTestResult, tokenAttr string) (summary, detail string) {
	summary = "SCIM connection test failed"
	hint := ""
	switch res.ErrorCode {
	case client.TestErrorTokenRefused:
		summary = "SCIM bearer token refused"
		hint = " Check " + tokenAttr + " (AWS: generate a new access token under Settings, Automatic provisioning)."
	case client.TestErrorUnreachable:
		summary = "SCIM endpoint unreachable"
		hint = " Check scim_endpoint and that the tenant can reach it."
	case client.TestErrorTLS:
		summary = "TLS connection to the SCIM endpoint failed"
		hint = " Check that scim_endpoint is the https:// URL the service shows and that its certificate is valid for that host."
	case client.TestErrorNotFound:
		summary = "Wrong SCIM endpoint"
		hint = " Copy scim_endpoint again from the service (AWS: Settings, Automatic provisioning, SCIM endpoint)."
	}
	return summary, fmt.Sprintf("%s: %s%s", res.ErrorCode, res.Message, hint)
}

// checkReady fails, before anything is sent, when the provisioner is
// disabled or an aws provisioner lacks mappings AWS requires.
func checkReady(ctx context.Context, c *client.Client, pid string, diags *diag.Diagnostics) bool {
	p, err := c.GetProvisioner(ctx, pid)
	if err != nil {
		addAttrAPIError(diags, path.Root("provisioner_id"), "Reading provisioner "+pid, err)
		return false
	}
	if !p.Enabled {
		diags.AddAttributeError(path.Root("provisioner_id"), "Provisioner "+p.Name+" is disabled",
			"Set enabled = true on the idaas_provisioner before synchronizing it.")
		return false
	}
	if p.Type != "aws" {
		return true
	}
	list, err := c.ListAttributeMappings(ctx, pid)
	if err != nil {
		addAttrAPIError(diags, path.Root("provisioner_id"), "Reading the mappings of provisioner "+pid, err)
		return false
	}
	paths := make([]string, len(list))
	for i, m := range list {
		paths[i] = m.SCIMAttribute
	}
	if missing := scim.MissingAWSRequired(paths); len(missing) > 0 {
		diags.AddAttributeError(path.Root("provisioner_id"), "Missing attribute mappings required by AWS",
			fmt.Sprintf("AWS IAM Identity Center refuses users without %s. Provisioner %s has no mapping for: %s. "+
				"Add idaas_provisioner_attribute_mapping resources for them before synchronizing.",
				strings.Join(scim.AWSRequired, ", "), p.Name, strings.Join(missing, ", ")))
		return false
	}
	return true
}

// syncWait says how a synchronization is waited for.
type syncWait struct {
	timeout  time.Duration
	hint     string                              // the setting that raises timeout
	maxDelay time.Duration                       // the longest pause between two reads
	onPoll   func(*client.ProvisioningOperation) // sees the operation started and each read; may be nil
}

// synchronize checks that the provisioner is ready, starts a
// synchronization and waits for it to end, reporting errors in diags.
func synchronize(ctx context.Context, c *client.Client, pid string, w syncWait, diags *diag.Diagnostics) (*client.ProvisioningOperation, bool) {
	ctx, cancel := context.WithTimeout(ctx, w.timeout)
	defer cancel()
	if !checkReady(ctx, c, pid, diags) {
		return nil, false
	}
	op, err := c.SyncProvisioner(ctx, pid)
	if err == nil {
		op, err = waitOperation(ctx, c, op, w)
	}
	if err != nil {
		addAPIError(diags, "Synchronizing provisioner "+pid, err)
		return nil, false
	}
	return op, true
}

// waitOperation polls an operation until it finishes or ctx ends.
func waitOperation(ctx context.Context, c *client.Client, op *client.ProvisioningOperation, w syncWait) (*client.ProvisioningOperation, error) {
	delay := 100 * time.Millisecond
	for {
		if w.onPoll != nil {
			w.onPoll(op)
		}
		if op.Done() {
			return op, nil
		}
		select {
		case <-ctx.Done():
			return op, fmt.Errorf("synchronization %s still %s when the %s ran out; raise %s", op.ID, op.Status, w.hint, w.hint)
		case <-time.After(delay):
		}
		delay = min(delay*2, w.maxDelay)
		next, err := c.GetProvisioningOperation(ctx, op.ProvisionerID, op.ID)
		if err != nil {
			return op, err
		}
		op = next
	}
}

// failureLines lists the first n failures of an operation, one per line.
func failureLines(op *client.ProvisioningOperation, n int) string {
	var lines []string
	for _, f := range op.Failures[:min(len(op.Failures), n)] {
		lines = append(lines, "- "+f.UserID+f.GroupID+": "+f.Message)
	}
	return strings.Join(lines, "\n")
}
