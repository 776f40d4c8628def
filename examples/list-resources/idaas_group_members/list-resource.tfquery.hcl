# Every AWS group with its members, to adopt with
# `terraform query -generate-config-out=generated.tf`.
list "idaas_group_members" "aws" {
  provider         = idaas
  include_resource = true

  config {
    name_prefix = "AWS"
  }
}
