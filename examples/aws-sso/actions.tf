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
# (Terraform makes nothing wait for an action a resource triggers). To
# synchronize from an action instead, give the resource whose change should
# synchronize (see examples/actions/):
#
#   lifecycle {
#     action_trigger {
#       events  = [after_create, after_update]
#       actions = [action.idaas_synchronize_provisioner.aws]
#     }
#   }
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
