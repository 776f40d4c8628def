# A provisioner is imported by its UUID. The bearer token is never read back:
# keep bearer_token in the configuration.
terraform import idaas_provisioner.aws 6b1f6a2e-0c1d-4c55-9a57-0f5c7b7e2a10
