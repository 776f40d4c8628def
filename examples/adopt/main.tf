# Adopting a tenant built in the console: `terraform query` finds every
# object (adopt.tfquery.hcl, one list block per resource type), and
# `-generate-config-out` writes a resource block and an import block for
# each. The only values the tenant never returns are secrets: give the
# provisioner's SCIM token again, and the plan imports everything and
# changes nothing.
#
#   terraform init
#   terraform query -generate-config-out=generated.tf
#   (in generated.tf, on the provisioner: bearer_token_wo = var.scim_token)
#   terraform plan     # N to import, 0 to add, 0 to change, 0 to destroy
#   terraform apply
terraform {
  required_version = ">= 1.14"
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
  description = "Administration API shared secret."
}

variable "scim_token" {
  type        = string
  sensitive   = true
  ephemeral   = true
  description = "The SCIM access token of the provisioner (AWS IAM Identity Center > Settings > Automatic provisioning): the tenant never returns it. Given to bearer_token_wo, it enters neither plan nor state."
}

provider "idaas" {
  tenant_url     = var.tenant_url
  application_id = var.application_id
  shared_secret  = var.shared_secret
}
