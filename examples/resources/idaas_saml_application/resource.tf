# AWS IAM Identity Center: Settings > Identity source > External identity
# provider > "Download metadata file" gives the service provider metadata.
data "idaas_saml_sp_metadata" "aws" {
  xml = file("${path.module}/aws-sso-sp-metadata.xml")
}

resource "idaas_signing_certificate" "aws" {
  name              = "aws-sso"
  key_algorithm     = "RSA_2048"
  renew_before_days = 30

  lifecycle {
    create_before_destroy = true
  }
}

resource "idaas_saml_application" "aws" {
  name                   = "AWS IAM Identity Center"
  template               = "AWS IAM Identity Center"
  sp_metadata_xml        = data.idaas_saml_sp_metadata.aws.xml
  signing_certificate_id = idaas_signing_certificate.aws.id
  portal_url             = "https://d-1234567890.awsapps.com/start"
  session_duration       = "8h"

  attribute {
    name           = "https://aws.amazon.com/SAML/Attributes/AccessControl:Department"
    name_format    = "uri"
    user_attribute = "Department"
  }
}

# Any other service provider, described without metadata.
resource "idaas_saml_application" "wiki" {
  name                   = "Wiki"
  template               = "Generic SAML 2.0"
  sp_entity_id           = "https://wiki.example.com/saml/metadata"
  acs_url                = "https://wiki.example.com/saml/acs"
  name_id_format         = "urn:oasis:names:tc:SAML:2.0:nameid-format:persistent"
  name_id_attribute      = "UserID"
  signing_certificate_id = idaas_signing_certificate.aws.id
  sign_response          = true

  attribute {
    name  = "role"
    value = "reader"
  }
}

# The IdP metadata to upload to AWS IAM Identity Center.
output "aws_idp_metadata_url" {
  value = idaas_saml_application.aws.idp_metadata_url
}
