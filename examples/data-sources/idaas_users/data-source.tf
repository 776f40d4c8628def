# The active members of a group synchronized from a directory.
data "idaas_group" "engineering" {
  external_id = "CN=Engineering,OU=Groups,DC=example,DC=com"
}

data "idaas_users" "engineering" {
  group_id = data.idaas_group.engineering.id
  state    = "ACTIVE"
}

# Everyone with an address at the company's domain.
data "idaas_users" "staff" {
  email_contains = "@example.com"
}

output "engineers" {
  value = [for u in data.idaas_users.engineering.users : u.user_id]
}
