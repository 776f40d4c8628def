# The signed IdP metadata of a SAML application, e.g. to hand to AWS IAM
# Identity Center as its external identity provider.
data "idaas_saml_idp_metadata" "aws" {
  application_id = idaas_saml_application.aws.id
  domain         = "login.example.com" # optional: a custom domain of the tenant
  lifetime_days  = 365                 # 2..730
}

# Upload this document to AWS IAM Identity Center (Change identity source >
# IdP SAML metadata).
output "aws_idp_metadata_xml" {
  value = data.idaas_saml_idp_metadata.aws.xml
}
