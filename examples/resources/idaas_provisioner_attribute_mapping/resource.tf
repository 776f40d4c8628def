# The console guide's mappings for AWS IAM Identity Center. An aws
# provisioner already has default mappings for these attributes: declaring
# them adopts the defaults.
resource "idaas_provisioner_attribute_mapping" "display_name" {
  provisioner_id = idaas_provisioner.aws.id
  scim_attribute = "displayName"
  user_attribute = "User ID"
}

resource "idaas_provisioner_attribute_mapping" "given_name" {
  provisioner_id = idaas_provisioner.aws.id
  scim_attribute = "name.givenName"
  user_attribute = "First Name"
}

resource "idaas_provisioner_attribute_mapping" "family_name" {
  provisioner_id = idaas_provisioner.aws.id
  scim_attribute = "name.familyName"
  user_attribute = "Last Name"
}

resource "idaas_provisioner_attribute_mapping" "active" {
  provisioner_id = idaas_provisioner.aws.id
  scim_attribute = "active"
  user_attribute = "State"
}

# A custom user attribute into the enterprise extension, and a constant.
resource "idaas_user_attribute" "department" {
  name = "Department"
}

resource "idaas_provisioner_attribute_mapping" "department" {
  provisioner_id = idaas_provisioner.aws.id
  scim_attribute = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department"
  user_attribute = idaas_user_attribute.department.name
}

resource "idaas_provisioner_attribute_mapping" "user_type" {
  provisioner_id = idaas_provisioner.aws.id
  scim_attribute = "userType"
  value          = "Employee"
}
