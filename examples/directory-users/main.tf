# The console guide's first step for users Terraform does not own: "Identify
# the IDaaS users that need to be provisioned ... create the required groups
# and add the users to those groups".
#
# The users come from a directory (an AD or LDAP sync, an HR system): the
# directory owns their names, state and attributes, and its Engineering and
# Operations groups. This configuration only reads them (data "idaas_users"
# and data "idaas_user"), puts them into the AWS groups (idaas_group_members)
# and lets the aws provisioner push those groups' members to AWS IAM
# Identity Center.
#
# `go run ./tools/demo directory` seeds the local emulator with such a
# directory and applies this.
terraform {
  required_version = ">= 1.11"
  required_providers {
    idaas = {
      source = "idaas-terraform/idaas"
    }
  }
}

variable "tenant_url" {
  type        = string
  description = "The tenant, e.g. https://example.us.trustedauth.com."
}

variable "application_id" {
  type        = string
  description = "Administration API application id."
}

variable "shared_secret" {
  type        = string
  sensitive   = true
  ephemeral   = true
  description = "Administration API shared secret."
}

variable "scim_endpoint" {
  type        = string
  description = "AWS IAM Identity Center > Settings > Automatic provisioning > SCIM endpoint."
}

variable "scim_token" {
  type        = string
  sensitive   = true
  ephemeral   = true
  description = "AWS IAM Identity Center > Settings > Automatic provisioning > Access token. Never stored."
}

variable "scim_token_version" {
  type        = number
  default     = 1
  description = "Increase it when you give a new scim_token."
}

provider "idaas" {
  tenant_url     = var.tenant_url
  application_id = var.application_id
  shared_secret  = var.shared_secret
}

# What the directory synchronized: its groups carry their distinguished
# names as external ids.
data "idaas_group" "engineering" {
  external_id = "CN=Engineering,OU=Groups,DC=example,DC=com"
}

# Every active engineer, read a page of 100 at a time.
data "idaas_users" "engineers" {
  group_id = data.idaas_group.engineering.id
  state    = "ACTIVE"
}

# One person, by e-mail address.
data "idaas_user" "grace" {
  email = "grace.hopper@example.com"
}

# The AWS groups are Terraform's.
resource "idaas_group" "admins" {
  name = "AWS Administrators"
}

resource "idaas_group" "developers" {
  name = "AWS Developers"
}

# The engineers are developers in AWS; members added in the console stay.
resource "idaas_group_members" "developers" {
  group_id = idaas_group.developers.id
  user_ids = data.idaas_users.engineers.ids
}

# Grace is the one administrator: anyone else added by hand is removed.
resource "idaas_group_members" "admins" {
  group_id      = idaas_group.admins.id
  user_ids      = [data.idaas_user.grace.id]
  authoritative = true
}

# Provisioning pushes the AWS groups' members to AWS, synchronized whenever
# the memberships change.
resource "idaas_provisioner" "aws" {
  name                    = "AWS IAM Identity Center"
  type                    = "aws"
  enabled                 = true
  group_ids               = [idaas_group.admins.id, idaas_group.developers.id]
  scim_endpoint           = var.scim_endpoint
  bearer_token_wo         = var.scim_token
  bearer_token_wo_version = var.scim_token_version
}

resource "idaas_provisioner_sync" "aws" {
  provisioner_id = idaas_provisioner.aws.id
  triggers = {
    admins     = join(",", sort(idaas_group_members.admins.user_ids))
    developers = join(",", sort(idaas_group_members.developers.user_ids))
  }
}

output "developers" {
  value = sort([for u in data.idaas_users.engineers.users : u.user_id])
}

output "administrator" {
  value = data.idaas_user.grace.user_id
}

output "sync" {
  value = {
    status        = idaas_provisioner_sync.aws.status
    users_created = idaas_provisioner_sync.aws.users_created
    groups_pushed = idaas_provisioner_sync.aws.groups_pushed
  }
}
