import {
  to = idaas_provisioner_attribute_mapping.given_name
  identity = {
    provisioner_id = "6b1f6a2e-0c1d-4c55-9a57-0f5c7b7e2a10"
    scim_attribute = "name.givenName"
  }
}
