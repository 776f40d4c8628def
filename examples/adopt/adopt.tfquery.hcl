# One list block per resource type, each with the full resource, so that
# `terraform query -generate-config-out=generated.tf` writes configuration
# and import blocks for everything the tenant holds. Narrow a search with
# the list resources' filters (name_prefix, user_id_prefix, application_id,
# provisioner_id...) to adopt part of a tenant.
list "idaas_group" "all" {
  provider         = idaas
  include_resource = true
}

list "idaas_user_attribute" "all" {
  provider         = idaas
  include_resource = true
}

list "idaas_user" "all" {
  provider         = idaas
  include_resource = true
}

list "idaas_signing_certificate" "all" {
  provider         = idaas
  include_resource = true
}

list "idaas_saml_application" "all" {
  provider         = idaas
  include_resource = true
}

list "idaas_resource_rule" "all" {
  provider         = idaas
  include_resource = true
}

list "idaas_provisioner" "all" {
  provider         = idaas
  include_resource = true
}

list "idaas_provisioner_attribute_mapping" "all" {
  provider         = idaas
  include_resource = true
}

# Synchronizations are listed newest first: adopt only the last one (with
# several provisioners, write one block per provisioner_id).
list "idaas_provisioner_sync" "last" {
  provider         = idaas
  include_resource = true
  limit            = 1
}
