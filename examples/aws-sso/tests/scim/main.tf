# A helper module for aws_sso.tftest.hcl: what AWS IAM Identity Center's
# SCIM endpoint holds, read with the idaas_scim_users data source.
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
  type = string
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

data "idaas_scim_users" "all" {
  scim_endpoint = var.scim_endpoint
  bearer_token  = var.scim_token
}
