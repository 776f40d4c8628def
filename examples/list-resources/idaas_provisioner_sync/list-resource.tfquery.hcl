# The last successful synchronization of a provisioner (newest first).
list "idaas_provisioner_sync" "last" {
  provider = idaas
  limit    = 1

  config {
    provisioner_id = "6b1f6a2e-0c1d-4c55-9a57-0f5c7b7e2a10"
    status         = "SUCCEEDED"
  }
}
