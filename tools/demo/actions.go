package main

import (
	"errors"
	"strings"
)

// invokeActions presses the console's last two buttons as Terraform actions
// (examples/aws-sso/actions.tf, Terraform 1.14+): "Send Test SCIM" and
// "Synchronize", each with terraform apply -invoke, which changes no
// resource.
func (d *demo) invokeActions() error {
	step("The console's buttons as actions: terraform apply -invoke=action.idaas_test_provisioner.aws (Send Test SCIM)")
	out, err := d.terraformRun(0, "apply", "-auto-approve", "-input=false", "-no-color", "-invoke=action.idaas_test_provisioner.aws")
	if err != nil {
		return err
	}
	if !strings.Contains(out, "succeeded") {
		return errors.New("the test action did not report success")
	}
	step("terraform apply -invoke=action.idaas_synchronize_provisioner.aws (Synchronize, progress as it goes)")
	if out, err = d.terraformRun(0, "apply", "-auto-approve", "-input=false", "-no-color", "-invoke=action.idaas_synchronize_provisioner.aws"); err != nil {
		return err
	}
	if !strings.Contains(out, "Synchronization ") {
		return errors.New("the synchronize action reported no outcome")
	}
	return nil
}
