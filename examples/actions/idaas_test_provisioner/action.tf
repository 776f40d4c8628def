# Terraform 1.14 or later. "Send Test SCIM" on demand:
#
#   terraform apply -invoke=action.idaas_test_provisioner.aws
#
# and after every change to the provisioner, from its action_trigger. The
# provisioner tests a new token itself (verify_connection); the action is for
# checking later that AWS still accepts it.
action "idaas_test_provisioner" "aws" {
  config {
    provisioner_id = idaas_provisioner.aws.id
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
      events  = [after_update]
      actions = [action.idaas_test_provisioner.aws]
    }
  }
}
