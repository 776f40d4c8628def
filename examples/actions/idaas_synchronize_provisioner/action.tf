# Terraform 1.14 or later. Synchronize on demand, as the console's
# "Synchronize" button does, with progress shown as it goes:
#
#   terraform apply -invoke=action.idaas_synchronize_provisioner.aws
#
# and after every change to the provisioner (its group list, for example) or
# to one of its mappings, from their action_trigger blocks.
action "idaas_synchronize_provisioner" "aws" {
  config {
    provisioner_id = idaas_provisioner.aws.id

    timeouts {
      invoke = "30m"
    }
  }
}

resource "idaas_provisioner" "aws" {
  name                    = "AWS IAM Identity Center"
  type                    = "aws"
  enabled                 = true
  group_ids               = [idaas_group.aws_users.id]
  scim_endpoint           = var.aws_scim_endpoint
  bearer_token_wo         = var.aws_scim_token
  bearer_token_wo_version = 1

  lifecycle {
    action_trigger {
      events  = [after_update]
      actions = [action.idaas_synchronize_provisioner.aws]
    }
  }
}

resource "idaas_provisioner_attribute_mapping" "cost_centre" {
  provisioner_id = idaas_provisioner.aws.id
  scim_attribute = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:costCenter"
  user_attribute = idaas_user_attribute.cost_centre.name

  lifecycle {
    action_trigger {
      events  = [after_create, after_update]
      actions = [action.idaas_synchronize_provisioner.aws]
    }
  }
}
