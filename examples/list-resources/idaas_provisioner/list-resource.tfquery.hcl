# Every SCIM provisioner. The bearer token is never returned: supply it in
# the generated configuration (bearer_token).
list "idaas_provisioner" "all" {
  provider         = idaas
  include_resource = true
}
