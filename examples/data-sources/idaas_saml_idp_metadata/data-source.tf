# The signed IdP metadata of a SAML application, e.g. to hand to AWS IAM
# Identity Center as its external identity provider.
data "idaas_saml_idp_metadata" "aws" {
  application_id = idaas_saml_application.aws.id
  domain         = "login.example.com" # optional: a custom domain of the tenant
  lifetime_days  = 365                 # 2..730
}

resource "local_file" "idp_metadata" {
  filename = "${path.module}/idaas-idp-metadata.xml"
  content  = data.idaas_saml_idp_metadata.aws.xml
}
