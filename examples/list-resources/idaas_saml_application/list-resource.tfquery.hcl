# The SAML applications whose name contains "AWS".
list "idaas_saml_application" "aws" {
  provider         = idaas
  include_resource = true

  config {
    name_contains = "AWS"
  }
}
