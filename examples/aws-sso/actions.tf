# The console's buttons as Terraform actions (Terraform 1.14 or later; with
# an older Terraform, delete this file: main.tf works without it).
#
#   terraform apply -invoke=action.idaas_test_provisioner.aws
#       "Send Test SCIM": one SCIM call through the tenant; fails saying why
#       (refused token, wrong endpoint, TLS, unreachable).
#   terraform apply -invoke=action.idaas_synchronize_provisioner.aws
#       "Synchronize" now, showing users and groups done as it goes.
#
# The synchronization this configuration runs on changes stays
# idaas_provisioner_sync.aws (main.tf): it runs whenever the users or the
# mappings change, keeps the counts in state, and the AWS check waits for it
# (Terraform makes nothing wait for an action a resource triggers).
#
# Provisioning in one apply without that resource (Terraform 1.16 or
# later): the provisioner's first synchronization runs as an after-create
# action. If it fails (AWS refused the token, say), on_failure = taint marks
# the provisioner tainted: the apply reports the error, and the next apply,
# with the token corrected, replaces the provisioner and synchronizes again.
# Add the action below and this lifecycle block to idaas_provisioner.aws in
# main.tf (the provisioning guide says when to prefer it):
#
#   action "idaas_synchronize_provisioner" "first_sync" {
#     config {
#       provisioner_id = caller.id # the provisioner that triggered it
#     }
#   }
#
#   lifecycle {
#     action_trigger {
#       events     = [after_create]
#       actions    = [action.idaas_synchronize_provisioner.first_sync]
#       on_failure = taint
#     }
#   }
#
# (Terraform 1.14 and 1.15 have neither caller nor on_failure: there, write
# provisioner_id = idaas_provisioner.aws.id and leave on_failure out; a
# failed first synchronization then fails the apply and leaves the
# provisioner as it is.)
terraform {
  required_version = ">= 1.14"
}

action "idaas_test_provisioner" "aws" {
  config {
    provisioner_id = idaas_provisioner.aws.id
  }
}

action "idaas_synchronize_provisioner" "aws" {
  config {
    provisioner_id = idaas_provisioner.aws.id
  }
}
