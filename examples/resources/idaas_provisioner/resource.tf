variable "aws_scim_endpoint" {
  type        = string
  description = "AWS IAM Identity Center: Settings, Automatic provisioning, SCIM endpoint."
}

# The access token AWS shows once. Ephemeral: it is in neither state nor
# plan files (Terraform 1.11+). Increase aws_scim_token_version when you give
# a new token: the provisioner is updated in place with it.
variable "aws_scim_token" {
  type      = string
  sensitive = true
  ephemeral = true
}

variable "aws_scim_token_version" {
  type    = number
  default = 1
}

# When the token expires (AWS shows it with the token; tokens last a year),
# e.g. "2027-06-30T00:00:00Z": plans warn when fewer than 60 days remain.
variable "aws_scim_token_expires_at" {
  type = string
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
  bearer_token_wo         = var.aws_scim_token
  bearer_token_wo_version = var.aws_scim_token_version
  bearer_token_expires_at = var.aws_scim_token_expires_at
  push_groups             = true
}
