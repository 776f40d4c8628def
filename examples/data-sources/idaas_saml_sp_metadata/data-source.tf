# Parses service provider metadata locally (no call to the tenant).
data "idaas_saml_sp_metadata" "aws" {
  xml = file("${path.module}/aws-sso-sp-metadata.xml")
}

output "aws_sp" {
  value = {
    entity_id = data.idaas_saml_sp_metadata.aws.entity_id
    acs_urls  = data.idaas_saml_sp_metadata.aws.acs[*].url
  }
}
