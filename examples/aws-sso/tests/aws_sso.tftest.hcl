# `terraform test` for the AWS IAM Identity Center configuration, against
# any tenant, and in CI against the emulator (see the guide "Testing your
# configuration without a tenant"): start `idaas-emulator`, export its
# connection line's values as TF_VAR_tenant_url, TF_VAR_application_id,
# TF_VAR_shared_secret, TF_VAR_scim_endpoint and TF_VAR_scim_token, then
# `terraform test` in examples/aws-sso.
#
# Everything the runs create is destroyed when the test ends.

# 1. Apply the configuration and check what the tenant made of it.
run "console_guide" {
  assert {
    condition     = idaas_saml_application.aws.acs_url == "https://us-east-1.signin.aws.amazon.com/platform/saml/acs/3f2b1c9e-7a4d-4e8b-9c61-5d2f0a8b7e14"
    error_message = "The application's ACS is not the default ACS of AWS's SP metadata: ${idaas_saml_application.aws.acs_url}"
  }
  assert {
    condition     = idaas_saml_application.aws.sp_entity_id == data.idaas_saml_sp_metadata.aws.entity_id && idaas_saml_application.aws.sp_entity_id == "https://us-east-1.signin.aws.amazon.com/platform/saml/d-9067xxxxxx"
    error_message = "The application's audience (SP entity id) is not AWS's: ${idaas_saml_application.aws.sp_entity_id}"
  }
  assert {
    condition     = data.idaas_saml_idp_metadata.aws.certificate_pem == idaas_signing_certificate.aws.certificate_pem
    error_message = "The IdP metadata AWS is given does not carry the application's signing certificate."
  }
  assert {
    condition     = provider::idaas::certificate_fingerprint(data.idaas_saml_idp_metadata.aws.certificate_pem, "sha256") == idaas_signing_certificate.aws.sha256_fingerprint
    error_message = "The IdP metadata's certificate has another fingerprint than the signing certificate."
  }
  assert {
    condition     = data.idaas_saml_idp_metadata.aws.entity_id == idaas_saml_application.aws.idp_entity_id
    error_message = "The IdP metadata names another entity than the application's IdP entity id."
  }
  assert {
    condition     = idaas_resource_rule.aws.group_ids == toset([idaas_group.admins.id, idaas_group.developers.id])
    error_message = "The resource rule does not let exactly the two AWS groups in."
  }
  assert {
    condition     = idaas_provisioner_sync.aws.status == "SUCCEEDED" && idaas_provisioner_sync.aws.users_created == 3
    error_message = "The synchronization did not push the three users: ${idaas_provisioner_sync.aws.status}, ${idaas_provisioner_sync.aws.users_created} created."
  }
}

# 2. Read back, through the SCIM data source, what reached AWS's SCIM
#    endpoint (a helper module: the example's own token is ephemeral, which
#    a data source cannot take). The module's variables have the example's
#    names, so the same TF_VAR_* set them.
run "scim_server_holds_the_users" {
  module {
    source = "./tests/scim"
  }
  assert {
    condition     = { for u in data.idaas_scim_users.all.users : u.user_name => u.external_id } == run.console_guide.users
    error_message = "The SCIM server's users (userName => externalId) are not the tenant's users (user id => UUID)."
  }
  assert {
    condition     = alltrue([for u in data.idaas_scim_users.all.users : u.active])
    error_message = "A provisioned user is inactive in the SCIM server."
  }
  assert {
    condition     = one([for u in data.idaas_scim_users.all.users : u if u.user_name == "jane@example.com"]).given_name == "Jane"
    error_message = "Jane's given name did not reach the SCIM server through the name.givenName mapping."
  }
}
