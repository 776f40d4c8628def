# An existing SAML application, by its exact name (or by id).
data "idaas_saml_application" "aws" {
  name = "AWS IAM Identity Center"
}

output "aws_idp_sso_url" {
  value = data.idaas_saml_application.aws.idp_sso_url
}
