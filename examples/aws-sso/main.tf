# The whole AWS IAM Identity Center console guide as one configuration:
#
#  1. parse the SAML metadata file AWS lets you download,
#  2. a signing certificate the tenant generates and renews,
#  3. the AWS SAML application built from that metadata,
#  4. groups and users, and a resource rule deciding who may sign in,
#  5. the IdP metadata to upload to AWS, as an output,
#  6. an `aws` provisioner with the guide's attribute mappings, enabled and
#     synchronized,
#  7. a check that AWS's view of the group matches the tenant's.
#
# The SCIM access token never enters state or a plan file: it is an
# ephemeral input, given to the provisioner's write-only bearer_token_wo and
# to the ephemeral idaas_scim_groups (Terraform 1.11 or later).
#
# `make demo` applies it against the local emulator, whose SCIM server
# behaves like AWS IAM Identity Center's.
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
  description = "Administration API shared secret. Ephemeral: kept out of saved plan files."
}

variable "scim_endpoint" {
  type        = string
  description = "AWS IAM Identity Center > Settings > Automatic provisioning > SCIM endpoint."
}

variable "scim_token" {
  type        = string
  sensitive   = true
  ephemeral   = true
  description = "AWS IAM Identity Center > Settings > Automatic provisioning > Access token. Ephemeral: never stored."
}

variable "scim_token_version" {
  type        = number
  default     = 1
  description = "Increase it when you give a new scim_token (AWS tokens last a year): the provisioner is updated in place with the new token."
}

provider "idaas" {
  tenant_url     = var.tenant_url
  application_id = var.application_id
  shared_secret  = var.shared_secret
}

# 1. AWS IAM Identity Center > Settings > Identity source > Change identity
#    source > External identity provider > "Download metadata file".
data "idaas_saml_sp_metadata" "aws" {
  xml = file("${path.module}/aws-sso-sp-metadata.xml")
}

# 2. The certificate that signs assertions; renewed 30 days before it ends,
#    without downtime.
resource "idaas_signing_certificate" "aws" {
  name                = "aws-sso"
  key_algorithm       = "RSA_2048"
  subject_common_name = "aws-sso"
  validity_days       = 365
  renew_before_days   = 30

  lifecycle {
    create_before_destroy = true
  }
}

# 3. The SAML application.
resource "idaas_saml_application" "aws" {
  name                   = "AWS IAM Identity Center"
  description            = "Single sign-on to the AWS access portal"
  template               = "AWS IAM Identity Center"
  sp_metadata_xml        = data.idaas_saml_sp_metadata.aws.xml
  signing_certificate_id = idaas_signing_certificate.aws.id
  name_id_format         = "urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress"
  name_id_attribute      = "Email"
  session_duration       = "8h"
}

# 4. Who: groups, users, and the rule that lets the groups in.
resource "idaas_group" "admins" {
  name = "AWS Administrators"
}

resource "idaas_group" "developers" {
  name = "AWS Developers"
}

locals {
  people = {
    jane = { first = "Jane", last = "Doe", group = "admins" }
    omar = { first = "Omar", last = "Haddad", group = "admins" }
    li   = { first = "Li", last = "Wei", group = "developers" }
  }
  groups = {
    admins     = idaas_group.admins.id
    developers = idaas_group.developers.id
  }
}

resource "idaas_user" "people" {
  for_each   = local.people
  user_id    = "${each.key}@example.com"
  first_name = each.value.first
  last_name  = each.value.last
  email      = "${each.key}@example.com"
  group_ids  = [local.groups[each.value.group]]
}

data "idaas_authentication_flow" "password" {
  name = "Password and Second Factor"
}

data "idaas_authentication_flow" "deny" {
  name = "Deny Access"
}

resource "idaas_resource_rule" "aws" {
  name                               = "AWS access"
  application_id                     = idaas_saml_application.aws.id
  group_ids                          = values(local.groups)
  low_risk_authentication_flow_id    = data.idaas_authentication_flow.password.id
  medium_risk_authentication_flow_id = data.idaas_authentication_flow.password.id
  high_risk_authentication_flow_id   = data.idaas_authentication_flow.deny.id
}

# 5. The IdP metadata to upload to AWS (Change identity source > IdP SAML
#    metadata).
data "idaas_saml_idp_metadata" "aws" {
  application_id = idaas_saml_application.aws.id
  lifetime_days  = 365
}

# 6. Provisioning: AWS IAM Identity Center's SCIM endpoint and token (write-
#    only: sent when scim_token_version changes, never stored), the guide's
#    mappings, enabled, synchronized whenever users or mappings change.
resource "idaas_provisioner" "aws" {
  name                    = "AWS IAM Identity Center"
  type                    = "aws"
  enabled                 = true
  group_ids               = values(local.groups)
  scim_endpoint           = var.scim_endpoint
  bearer_token_wo         = var.scim_token
  bearer_token_wo_version = var.scim_token_version
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
    users    = join(",", sort([for u in idaas_user.people : "${u.id}:${u.user_id}:${u.first_name}:${u.last_name}:${u.state}:${join("+", sort(u.group_ids))}"]))
    mappings = join(",", sort([for k, m in idaas_provisioner_attribute_mapping.aws : "${k}=${m.user_attribute}"]))
  }
  depends_on = [idaas_provisioner_attribute_mapping.aws, idaas_user.people]
}

# 7. AWS's view of the administrators group, read from the SCIM endpoint
#    with an ephemeral resource: neither the token nor the result is stored.
ephemeral "idaas_scim_groups" "admins" {
  scim_endpoint = var.scim_endpoint
  bearer_token  = var.scim_token
  filter        = "displayName eq \"AWS Administrators\""

  depends_on = [idaas_provisioner_sync.aws]
}

check "aws_matches_tenant" {
  assert {
    condition     = try(one(ephemeral.idaas_scim_groups.admins.groups).member_external_ids, null) == toset([for k, u in idaas_user.people : u.id if local.people[k].group == "admins"])
    error_message = "AWS Administrators in AWS IAM Identity Center differs from the tenant group: synchronize."
  }
}

output "application" {
  value = {
    id            = idaas_saml_application.aws.id
    idp_entity_id = idaas_saml_application.aws.idp_entity_id
    idp_sso_url   = idaas_saml_application.aws.idp_sso_url
  }
}

output "users" {
  description = "The tenant's users: user id => UUID (the externalId AWS's SCIM server knows them by)."
  value       = { for u in idaas_user.people : u.user_id => u.id }
}

output "certificate" {
  value = {
    sha256_fingerprint = idaas_signing_certificate.aws.sha256_fingerprint
    not_after          = idaas_signing_certificate.aws.not_after
  }
}

output "idp_metadata_xml" {
  description = "Upload to AWS IAM Identity Center as the external IdP's metadata."
  value       = data.idaas_saml_idp_metadata.aws.xml
}

output "sync" {
  value = {
    status            = idaas_provisioner_sync.aws.status
    users_created     = idaas_provisioner_sync.aws.users_created
    users_updated     = idaas_provisioner_sync.aws.users_updated
    users_deactivated = idaas_provisioner_sync.aws.users_deactivated
    groups_pushed     = idaas_provisioner_sync.aws.groups_pushed
  }
}
