import {
  to = idaas_signing_certificate.saml
  identity = {
    id = "0b8f7a52-3c1e-4d5b-9f2a-6e7d8c9b0a1f"
  }
}
