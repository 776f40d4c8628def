# The tenant's custom user attributes (the system-defined ones cannot be
# managed and are never listed).
list "idaas_user_attribute" "all" {
  provider         = idaas
  include_resource = true
}
