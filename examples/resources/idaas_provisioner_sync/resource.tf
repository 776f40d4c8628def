# Synchronize once the provisioner and its mappings are in place, and again
# whenever the provisioned users or the mappings change.
resource "idaas_provisioner_sync" "aws" {
  provisioner_id = idaas_provisioner.aws.id

  triggers = {
    users = join(",", sort([for u in idaas_user.aws : "${u.id}:${u.user_id}:${u.first_name}:${u.last_name}:${u.state}"]))
    mappings = join(",", [
      for m in [
        idaas_provisioner_attribute_mapping.display_name, idaas_provisioner_attribute_mapping.given_name,
        idaas_provisioner_attribute_mapping.family_name, idaas_provisioner_attribute_mapping.active,
      ] : "${m.id}=${coalesce(m.user_attribute, m.value)}"
    ])
  }

  timeouts {
    create = "30m"
  }

  depends_on = [
    idaas_provisioner_attribute_mapping.display_name, idaas_provisioner_attribute_mapping.given_name,
    idaas_provisioner_attribute_mapping.family_name, idaas_provisioner_attribute_mapping.active,
  ]
}

output "sync_failures" {
  value = idaas_provisioner_sync.aws.failures
}
