import {
  to = idaas_resource_rule.aws
  identity = {
    id = "9b2e6c1a-3f4d-4e8a-b7c6-1d2e3f4a5b6c"
  }
}
