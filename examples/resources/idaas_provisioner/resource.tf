variable "aws_scim_endpoint" {
  type        = string
  description = "AWS IAM Identity Center: Settings, Automatic provisioning, SCIM endpoint."
}

variable "aws_scim_token" {
  type      = string
  sensitive = true
}

resource "idaas_group" "aws_users" {
  name = "AWS Users"
}

resource "idaas_provisioner" "aws" {
  name                    = "AWS IAM Identity Center"
  type                    = "aws"
  enabled                 = true
  group_ids               = [idaas_group.aws_users.id]
  scim_endpoint           = var.aws_scim_endpoint
  bearer_token            = var.aws_scim_token
  bearer_token_expires_at = "2026-06-30T00:00:00Z"
  push_groups             = true
}
