# Read AWS IAM Identity Center's users directly and check, on every plan and
# apply, that every tenant user of the group was provisioned and is active.
# The token comes from an ephemeral input, and neither it nor the users are
# stored in state or plan files.
ephemeral "idaas_scim_users" "aws" {
  scim_endpoint = var.aws_scim_endpoint
  bearer_token  = var.aws_scim_token
}

check "aws_users_provisioned" {
  assert {
    condition = alltrue([
      for u in idaas_user.aws : contains([for s in ephemeral.idaas_scim_users.aws.users : s.external_id if s.active], u.id)
    ])
    error_message = "Some tenant users are missing or inactive in AWS IAM Identity Center; run a synchronization."
  }
}

