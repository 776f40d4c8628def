# __generated__ by Terraform
# Please review these resources and move them into your main configuration files.

# __generated__ by Terraform
resource "idaas_group" "all_0" {
  provider    = idaas
  attribute   = null
  external_id = null
  name        = "AWS Administrators"
}

import {
  to       = idaas_group.all_0
  provider = idaas
  identity = {
    id = "<id>"
  }
}

resource "idaas_group" "all_1" {
  provider    = idaas
  attribute   = null
  external_id = null
  name        = "AWS Developers"
}

import {
  to       = idaas_group.all_1
  provider = idaas
  identity = {
    id = "<id>"
  }
}

# __generated__ by Terraform
resource "idaas_provisioner" "all_0" {
  provider                = idaas
  bearer_token            = null # sensitive
  bearer_token_expires_at = null
  bearer_token_wo         = null # sensitive
  bearer_token_wo_version = null
  enabled                 = true
  group_ids               = ["<id>", "<id>"]
  name                    = "AWS IAM Identity Center"
  scim_endpoint           = "<tenant>/<id>/scim/v2/"
  type                    = "aws"
}

import {
  to       = idaas_provisioner.all_0
  provider = idaas
  identity = {
    id = "<id>"
  }
}

# __generated__ by Terraform
resource "idaas_provisioner_attribute_mapping" "all_0" {
  provider       = idaas
  provisioner_id = "<id>"
  scim_attribute = "userName"
  user_attribute = "User ID"
  value          = null
}

import {
  to       = idaas_provisioner_attribute_mapping.all_0
  provider = idaas
  identity = {
    provisioner_id = "<id>"
    scim_attribute = "userName"
  }
}

resource "idaas_provisioner_attribute_mapping" "all_1" {
  provider       = idaas
  provisioner_id = "<id>"
  scim_attribute = "displayName"
  user_attribute = "User ID"
  value          = null
}

import {
  to       = idaas_provisioner_attribute_mapping.all_1
  provider = idaas
  identity = {
    provisioner_id = "<id>"
    scim_attribute = "displayName"
  }
}

resource "idaas_provisioner_attribute_mapping" "all_2" {
  provider       = idaas
  provisioner_id = "<id>"
  scim_attribute = "name.givenName"
  user_attribute = "First Name"
  value          = null
}

import {
  to       = idaas_provisioner_attribute_mapping.all_2
  provider = idaas
  identity = {
    provisioner_id = "<id>"
    scim_attribute = "name.givenName"
  }
}

resource "idaas_provisioner_attribute_mapping" "all_3" {
  provider       = idaas
  provisioner_id = "<id>"
  scim_attribute = "name.familyName"
  user_attribute = "Last Name"
  value          = null
}

import {
  to       = idaas_provisioner_attribute_mapping.all_3
  provider = idaas
  identity = {
    provisioner_id = "<id>"
    scim_attribute = "name.familyName"
  }
}

resource "idaas_provisioner_attribute_mapping" "all_4" {
  provider       = idaas
  provisioner_id = "<id>"
  scim_attribute = "emails[type eq \"work\"].value"
  user_attribute = "Email"
  value          = null
}

import {
  to       = idaas_provisioner_attribute_mapping.all_4
  provider = idaas
  identity = {
    provisioner_id = "<id>"
    scim_attribute = "emails[type eq \"work\"].value"
  }
}

resource "idaas_provisioner_attribute_mapping" "all_5" {
  provider       = idaas
  provisioner_id = "<id>"
  scim_attribute = "active"
  user_attribute = "State"
  value          = null
}

import {
  to       = idaas_provisioner_attribute_mapping.all_5
  provider = idaas
  identity = {
    provisioner_id = "<id>"
    scim_attribute = "active"
  }
}

# __generated__ by Terraform
resource "idaas_provisioner_sync" "last_0" {
  provider       = idaas
  provisioner_id = "<id>"
  triggers       = null
}

import {
  to       = idaas_provisioner_sync.last_0
  provider = idaas
  identity = {
    operation_id   = "<id>"
    provisioner_id = "<id>"
  }
}

# __generated__ by Terraform
resource "idaas_resource_rule" "all_0" {
  provider                           = idaas
  application_id                     = "<id>"
  description                        = null
  group_ids                          = ["<id>", "<id>"]
  high_risk_authentication_flow_id   = "<id>"
  low_risk_authentication_flow_id    = "<id>"
  medium_risk_authentication_flow_id = "<id>"
  name                               = "AWS access"
}

import {
  to       = idaas_resource_rule.all_0
  provider = idaas
  identity = {
    id = "<id>"
  }
}

# __generated__ by Terraform
resource "idaas_saml_application" "all_0" {
  provider               = idaas
  description            = "Single sign-on to the AWS access portal"
  name                   = "AWS IAM Identity Center"
  portal_url             = null
  relay_state            = null
  session_duration       = "8h"
  signing_certificate_id = "<id>"
  sp_metadata_xml        = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<md:EntityDescriptor xmlns:md=\"urn:oasis:names:tc:SAML:2.0:metadata\" entityID=\"https://us-east-1.signin.aws.amazon.com/platform/saml/d-9067xxxxxx\">\n  <md:SPSSODescriptor AuthnRequestsSigned=\"false\" WantAssertionsSigned=\"true\" protocolSupportEnumeration=\"urn:oasis:names:tc:SAML:2.0:protocol\">\n    <md:KeyDescriptor use=\"signing\">\n      <ds:KeyInfo xmlns:ds=\"http://www.w3.org/2000/09/xmldsig#\">\n        <ds:X509Data>\n          <ds:X509Certificate>MIIC+jCCAeKgAwIBAgIEATT99TANBgkqhkiG9w0BAQsFADA0MTIwMAYDVQQDEylleGFtcGxlLnNpZ25pbi5hd3MuYW1hem9uLmNvbSAodGVzdCBvbmx5KTAgFw0yNTAxMDEwMDAwMDBaGA8yMTI1MDEwMTAwMDAwMFowNDEyMDAGA1UEAxMpZXhhbXBsZS5zaWduaW4uYXdzLmFtYXpvbi5jb20gKHRlc3Qgb25seSkwggEiMA0GCSqGSIb3DQEBAQUAA4IBDwAwggEKAoIBAQC8UPPKfZweKmpdJPSNrXvY8CJzbQm5JJD5Tkup3avmrAXXk6n5NlJfjM/7r8PkkMuSwoIbxioQ9AC6B5rnqeVhZ0g3f0CGji7RHxE6zcEPF6K9qFZwhGukdg8UgLDie4kx37icXAP/ntYgz03vZ/768QlAKvpKkowpnhJDoOT2YrhL3Vij8hvMjSCxy6AhOG8l/kG1rtbZPyYI9eYVGuOLGafgvizKwEA9dva17ldJq77xHHnqgwLV29Vbw6lZsb6bigC7EhFHAfJIg+A4LdDUehrdRMcmxXmP3RXM5wW5dnsdT2Qsb+1JxUQEbPbbAiLzUHkMWdd6Ez4GzRokMH7tAgMBAAGjEjAQMA4GA1UdDwEB/wQEAwIFoDANBgkqhkiG9w0BAQsFAAOCAQEApmDIZdulaxdX3jpezDdTDyjf2R0o9YxiNvVkfwZi8YbkLEzH5GbqhCERrhyL4Ff4HA27QT38GhHI8lgkLB1DwL90Qa55b+4bY/Sha4nyJuh0kyPEbo13IbZ+pAmgVlcnzHVPRDwDLNIbYaa6KDBxdpPFTs7EbymEgPL2Z7n96t7my45XMmDSHYgrm+PnDpFupVsD128S1ct/E9gx6Lry0PC6w9vyGUY0kMl1w97bDXHQPaxntuDkRxuA41g1AggN6K4VeddAl6op3mVySbvTvhwn3GXq0BXsNqW1kuCfBGJ1ZU6VYCa+h4j2uY+JTH7Is72U/JoNxALAvQmnM4umZQ==</ds:X509Certificate>\n        </ds:X509Data>\n      </ds:KeyInfo>\n    </md:KeyDescriptor>\n    <md:NameIDFormat>urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress</md:NameIDFormat>\n    <md:AssertionConsumerService Binding=\"urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST\" Location=\"https://us-east-1.signin.aws.amazon.com/platform/saml/acs/<id>\" index=\"0\"/>\n  </md:SPSSODescriptor>\n</md:EntityDescriptor>\n"
  template               = "AWS IAM Identity Center"
}

import {
  to       = idaas_saml_application.all_0
  provider = idaas
  identity = {
    id = "<id>"
  }
}

# __generated__ by Terraform
resource "idaas_signing_certificate" "all_0" {
  provider                   = idaas
  name                       = "aws-sso"
  private_key_pem            = null # sensitive
  private_key_pem_wo         = null # sensitive
  private_key_pem_wo_version = null
  renew_before_days          = null
  subject_common_name        = "aws-sso"
}

import {
  to       = idaas_signing_certificate.all_0
  provider = idaas
  identity = {
    id = "<id>"
  }
}

# __generated__ by Terraform
resource "idaas_user" "all_0" {
  provider = idaas
  attribute_values = {
    "<id>" = "CC-1042"
  }
  email       = "jane@example.com"
  external_id = null
  first_name  = "Jane"
  group_ids   = ["<id>"]
  last_name   = "Doe"
  locale      = null
  mobile      = null
  phone       = null
  user_id     = "jane@example.com"
}

import {
  to       = idaas_user.all_0
  provider = idaas
  identity = {
    id = "<id>"
  }
}

resource "idaas_user" "all_1" {
  provider = idaas
  attribute_values = {
    "<id>" = "CC-2077"
  }
  email       = "li@example.com"
  external_id = null
  first_name  = "Li"
  group_ids   = ["<id>"]
  last_name   = "Wei"
  locale      = null
  mobile      = null
  phone       = null
  user_id     = "li@example.com"
}

import {
  to       = idaas_user.all_1
  provider = idaas
  identity = {
    id = "<id>"
  }
}

resource "idaas_user" "all_2" {
  provider = idaas
  attribute_values = {
    "<id>" = "CC-1042"
  }
  email       = "omar@example.com"
  external_id = null
  first_name  = "Omar"
  group_ids   = ["<id>"]
  last_name   = "Haddad"
  locale      = null
  mobile      = null
  phone       = null
  user_id     = "omar@example.com"
}

import {
  to       = idaas_user.all_2
  provider = idaas
  identity = {
    id = "<id>"
  }
}

# __generated__ by Terraform
resource "idaas_user_attribute" "all_0" {
  provider = idaas
  name     = "Cost Centre"
}

import {
  to       = idaas_user_attribute.all_0
  provider = idaas
  identity = {
    id = "<id>"
  }
}
