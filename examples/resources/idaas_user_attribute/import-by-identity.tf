import {
  to = idaas_user_attribute.cost_centre
  identity = {
    id = "9b2e1d4c-7a3f-4e5d-8c6b-1a2b3c4d5e6f"
  }
}
