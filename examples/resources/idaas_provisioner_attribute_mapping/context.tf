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
