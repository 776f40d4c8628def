# Read one AWS group with its members (learned through filters, since AWS
# never lists members on group reads) and compare with the tenant group. The
# token comes from an ephemeral input, and neither it nor the result is
# stored in state or plan files.
ephemeral "idaas_scim_groups" "aws_users" {
  scim_endpoint = var.aws_scim_endpoint
  bearer_token  = var.aws_scim_token
  filter        = "displayName eq \"AWS Users\""
}

check "aws_group_matches_tenant" {
  assert {
    condition     = try(one(ephemeral.idaas_scim_groups.aws_users.groups).member_external_ids, null) == toset([for u in idaas_user.aws : u.id])
    error_message = "The members of AWS Users in AWS IAM Identity Center differ from the tenant group."
  }
}
