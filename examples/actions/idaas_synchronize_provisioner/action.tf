# Terraform 1.16 or later (on_failure and the caller symbol). Synchronize on
# demand, as the console's "Synchronize" button does, with progress shown as
# it goes:
#
#   terraform apply -invoke=action.idaas_synchronize_provisioner.aws
#
# and from action_trigger blocks: the provisioner's first synchronization
# right after it is created (if it fails, on_failure = taint marks the
# provisioner for replacement, so the next apply starts over), and a
# synchronization after every change to a mapping.
action "idaas_synchronize_provisioner" "aws" {
  config {
    provisioner_id = idaas_provisioner.aws.id

    timeouts {
      invoke = "30m"
    }
  }
}

# Triggered by the provisioner itself, the action reads it through caller.
# (On Terraform 1.14 and 1.15, which have neither caller nor on_failure,
# write provisioner_id = idaas_provisioner.aws.id and leave on_failure out;
# Terraform 1.16 warns about that reference to the triggering resource.)
action "idaas_synchronize_provisioner" "first_sync" {
  config {
    provisioner_id = caller.id
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
      events     = [after_create]
      actions    = [action.idaas_synchronize_provisioner.first_sync]
      on_failure = taint
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
