# Every SAML signing certificate. An uploaded certificate's private key is
# never returned: add private_key_pem to the generated configuration.
list "idaas_signing_certificate" "all" {
  provider         = idaas
  include_resource = true
}
