# Every group whose name starts with "AWS" (the tenant searches), with the
# full resource, so that `terraform query -generate-config-out=groups.tf`
# writes a resource and an import block for each.
list "idaas_group" "aws" {
  provider         = idaas
  include_resource = true

  config {
    name_prefix = "AWS"
  }
}
