# A certificate the tenant generates, renewed 30 days before it ends. With
# create_before_destroy the new certificate exists, and the applications that
# use it have moved to it, before the old one is deleted: no downtime.
resource "idaas_signing_certificate" "saml" {
  name                = "aws-sso"
  key_algorithm       = "RSA_2048"
  subject_common_name = "login.example.com"
  validity_days       = 365
  renew_before_days   = 30

  lifecycle {
    create_before_destroy = true
  }
}

# A certificate and key you bring. The key must match the certificate, and the
# certificate must not have expired; both are checked at plan time. The key
# is write-only, from an ephemeral input: it is sent to the tenant and kept in
# neither state nor plan files (Terraform 1.11+).
variable "saml_private_key_pem" {
  type      = string
  sensitive = true
  ephemeral = true
}

resource "idaas_signing_certificate" "uploaded" {
  name               = "corporate-ca-issued"
  certificate_pem    = file("${path.module}/saml-signing.crt")
  private_key_pem_wo = var.saml_private_key_pem
}
