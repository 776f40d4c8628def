# The foundation in one file: two groups, a custom user attribute and a user
# in one of the groups. `make demo` applies it against the local emulator.
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

provider "idaas" {
  tenant_url     = var.tenant_url
  application_id = var.application_id
  shared_secret  = var.shared_secret
}

resource "idaas_group" "admins" {
  name = "AWS Administrators"
}

resource "idaas_group" "developers" {
  name = "AWS Developers"
}

resource "idaas_user_attribute" "cost_centre" {
  name = "Cost Centre"
}

resource "idaas_user" "jane" {
  user_id    = "jane.doe@example.com"
  first_name = "Jane"
  last_name  = "Doe"
  email      = "jane.doe@example.com"
  group_ids  = [idaas_group.admins.id]

  attribute_values = {
    (idaas_user_attribute.cost_centre.id) = "CC-1042"
  }
}

output "admins_group_id" {
  value = idaas_group.admins.id
}

output "user_id" {
  value = idaas_user.jane.id
}
