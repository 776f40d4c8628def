# Requires Terraform 1.8 or later.
locals {
  aws_sp = provider::idaas::parse_saml_metadata(file("${path.module}/aws-sso-sp-metadata.xml"))
}

output "aws_sp_entity_id" {
  value = local.aws_sp.entity_id
}

output "aws_acs_urls" {
  value = local.aws_sp.acs[*].url
}
