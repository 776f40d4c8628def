# Import by the certificate's id. An uploaded certificate's private key is not
# returned by the tenant: after the import, the private_key_pem in your
# configuration is adopted by an in-place update.
terraform import idaas_signing_certificate.saml 0b8f7a52-3c1e-4d5b-9f2a-6e7d8c9b0a1f
