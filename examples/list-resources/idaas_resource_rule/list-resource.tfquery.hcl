# The resource rules of the AWS SAML application.
list "idaas_resource_rule" "aws" {
  provider         = idaas
  include_resource = true

  config {
    application_id = "3f6c2d1e-8a7b-4c5d-9e0f-1a2b3c4d5e6f"
  }
}
