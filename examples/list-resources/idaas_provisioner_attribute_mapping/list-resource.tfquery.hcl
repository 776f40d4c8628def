# The attribute mappings of one provisioner, its default mappings included.
list "idaas_provisioner_attribute_mapping" "aws" {
  provider         = idaas
  include_resource = true

  config {
    provisioner_id = "6b1f6a2e-0c1d-4c55-9a57-0f5c7b7e2a10"
  }
}
