# The tenant's built-in flows are read-only; look them up by name to use
# them in resource rules.
data "idaas_authentication_flow" "second_factor" {
  name = "Password and Second Factor"
}

output "mfa_flow_id" {
  value = data.idaas_authentication_flow.second_factor.id
}

output "mfa_second_factors" {
  value = data.idaas_authentication_flow.second_factor.user_login_second_step
}
