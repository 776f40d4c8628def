# A user the directory synchronizes into the tenant, by e-mail address (or
# by id, user_id or external_id: exactly one of them).
data "idaas_user" "grace" {
  email = "grace.hopper@example.com"
}

output "grace" {
  value = {
    id        = data.idaas_user.grace.id
    name      = "${data.idaas_user.grace.first_name} ${data.idaas_user.grace.last_name}"
    state     = data.idaas_user.grace.state
    group_ids = data.idaas_user.grace.group_ids
  }
}
