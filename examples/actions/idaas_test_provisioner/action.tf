# Terraform 1.16 or later as written (caller and on_failure). "Send Test
# SCIM" on demand:
#
#   terraform apply -invoke=action.idaas_test_provisioner.aws
#
# and after every change to the provisioner, from its action_trigger:
# triggered by the provisioner, the action reads it through caller, and
# on_failure = continue reports a failed test as a warning without failing
# the apply. (On Terraform 1.14 and 1.15, which have neither, write
# provisioner_id = idaas_provisioner.aws.id and leave on_failure out.)
# The provisioner tests a new token itself (verify_connection); the action
# is for checking later that AWS still accepts it. With caller, -invoke
# tests every provisioner that triggers the action; add
# -target=idaas_provisioner.aws to test one.
action "idaas_test_provisioner" "aws" {
  config {
    provisioner_id = caller.id
  }
}

resource "idaas_provisioner" "aws" {
  name                    = "AWS IAM Identity Center"
  type                    = "aws"
  scim_endpoint           = var.aws_scim_endpoint
  bearer_token_wo         = var.aws_scim_token
  bearer_token_wo_version = 1

  lifecycle {
    action_trigger {
      events     = [after_update]
      actions    = [action.idaas_test_provisioner.aws]
      on_failure = continue
    }
  }
}
