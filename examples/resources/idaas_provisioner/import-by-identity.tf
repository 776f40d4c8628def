import {
  to = idaas_provisioner.aws
  identity = {
    id = "6b1f6a2e-0c1d-4c55-9a57-0f5c7b7e2a10"
  }
}
