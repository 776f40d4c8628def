# Context for this example (not shown in the documentation): what it refers to.
variable "aws_scim_endpoint" {
  type = string
}

variable "aws_scim_token" {
  type      = string
  sensitive = true
  ephemeral = true
}

resource "idaas_group" "aws_users" {
  name = "AWS Users"
}

resource "idaas_user" "aws" {
  for_each   = toset(["jane", "omar"])
  user_id    = "${each.key}@example.com"
  first_name = each.key
  last_name  = "Example"
  group_ids  = [idaas_group.aws_users.id]
}
