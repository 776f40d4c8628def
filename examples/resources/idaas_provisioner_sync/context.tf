# Context for this example (not shown in the documentation): what it refers to.
variable "aws_scim_endpoint" {
  type = string
}

variable "aws_scim_token" {
  type      = string
  sensitive = true
}

resource "idaas_group" "aws_users" {
  name = "AWS Users"
}

resource "idaas_provisioner" "aws" {
  name          = "AWS IAM Identity Center"
  type          = "aws"
  group_ids     = [idaas_group.aws_users.id]
  scim_endpoint = var.aws_scim_endpoint
  bearer_token  = var.aws_scim_token
}

resource "idaas_user" "aws" {
  for_each   = toset(["jane", "omar"])
  user_id    = "${each.key}@example.com"
  first_name = each.key
  last_name  = "Example"
  group_ids  = [idaas_group.aws_users.id]
}

resource "idaas_provisioner_attribute_mapping" "display_name" {
  provisioner_id = idaas_provisioner.aws.id
  scim_attribute = "displayName"
  user_attribute = "User ID"
}

resource "idaas_provisioner_attribute_mapping" "given_name" {
  provisioner_id = idaas_provisioner.aws.id
  scim_attribute = "name.givenName"
  user_attribute = "First Name"
}

resource "idaas_provisioner_attribute_mapping" "family_name" {
  provisioner_id = idaas_provisioner.aws.id
  scim_attribute = "name.familyName"
  user_attribute = "Last Name"
}

resource "idaas_provisioner_attribute_mapping" "active" {
  provisioner_id = idaas_provisioner.aws.id
  scim_attribute = "active"
  user_attribute = "State"
}
