# The console guide's provisioning flow as code: a group of users, an AWS
# IAM Identity Center provisioner with the guide's attribute mappings,
# enabled and synchronized, and a check that AWS matches the tenant.
# `go run ./tools/demo aws-provisioning` applies it against the emulator,
# whose SCIM mock stands in for AWS.
terraform {
  required_providers {
    idaas = {
      source = "idaas-terraform/idaas"
    }
  }
}

variable "tenant_url" {
  type = string
}

variable "application_id" {
  type = string
}

variable "shared_secret" {
  type      = string
  sensitive = true
}

variable "scim_endpoint" {
  type        = string
  description = "AWS IAM Identity Center: Settings, Automatic provisioning, SCIM endpoint."
}

variable "scim_token" {
  type      = string
  sensitive = true
}

provider "idaas" {
  tenant_url     = var.tenant_url
  application_id = var.application_id
  shared_secret  = var.shared_secret
}

resource "idaas_group" "admins" {
  name = "AWS Administrators"
}

locals {
  people = {
    jane = { first = "Jane", last = "Doe" }
    omar = { first = "Omar", last = "Haddad" }
    li   = { first = "Li", last = "Wei" }
  }
}

resource "idaas_user" "aws" {
  for_each   = local.people
  user_id    = "${each.key}@example.com"
  first_name = each.value.first
  last_name  = each.value.last
  email      = "${each.key}@example.com"
  group_ids  = [idaas_group.admins.id]
}

resource "idaas_provisioner" "aws" {
  name          = "AWS IAM Identity Center"
  type          = "aws"
  enabled       = true
  group_ids     = [idaas_group.admins.id]
  scim_endpoint = var.scim_endpoint
  bearer_token  = var.scim_token
}

locals {
  mappings = {
    "displayName"     = "User ID"
    "name.givenName"  = "First Name"
    "name.familyName" = "Last Name"
    "active"          = "State"
  }
}

resource "idaas_provisioner_attribute_mapping" "aws" {
  for_each       = local.mappings
  provisioner_id = idaas_provisioner.aws.id
  scim_attribute = each.key
  user_attribute = each.value
}

resource "idaas_provisioner_sync" "aws" {
  provisioner_id = idaas_provisioner.aws.id
  triggers = {
    users    = join(",", sort([for u in idaas_user.aws : "${u.id}:${u.user_id}:${u.first_name}:${u.last_name}:${u.state}"]))
    mappings = join(",", sort([for k, m in idaas_provisioner_attribute_mapping.aws : "${k}=${m.user_attribute}"]))
  }
  depends_on = [idaas_provisioner_attribute_mapping.aws, idaas_user.aws]
}

data "idaas_scim_groups" "aws" {
  endpoint = var.scim_endpoint
  token    = var.scim_token
  filter   = "displayName eq \"AWS Administrators\""

  # Read after the synchronization, not before it.
  depends_on = [idaas_provisioner_sync.aws]
}

check "aws_matches_tenant" {
  assert {
    condition     = try(one(data.idaas_scim_groups.aws.groups).member_external_ids, null) == toset([for u in idaas_user.aws : u.id])
    error_message = "The AWS Administrators group in AWS IAM Identity Center differs from the tenant group: synchronize."
  }
}

output "sync" {
  value = {
    status        = idaas_provisioner_sync.aws.status
    users_created = idaas_provisioner_sync.aws.users_created
    groups_pushed = idaas_provisioner_sync.aws.groups_pushed
    failures      = idaas_provisioner_sync.aws.failures
  }
}
