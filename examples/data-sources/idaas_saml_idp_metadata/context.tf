# Context for this example (not shown in the documentation): what it refers to.
resource "idaas_signing_certificate" "aws" {
  name          = "aws-sso"
  key_algorithm = "RSA_2048"
}

resource "idaas_saml_application" "aws" {
  name                   = "AWS IAM Identity Center"
  template               = "AWS IAM Identity Center"
  sp_entity_id           = "https://us-east-1.signin.aws.amazon.com/platform/saml/d-9067xxxxxx"
  acs_url                = "https://us-east-1.signin.aws.amazon.com/platform/saml/acs/6f5e4d3c-2b1a-4098-8765-43210fedcba9"
  signing_certificate_id = idaas_signing_certificate.aws.id
}
