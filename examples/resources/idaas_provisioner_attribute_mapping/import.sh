# A mapping is imported as <provisioner_id>/<scim_attribute>.
terraform import idaas_provisioner_attribute_mapping.given_name 6b1f6a2e-0c1d-4c55-9a57-0f5c7b7e2a10/name.givenName
