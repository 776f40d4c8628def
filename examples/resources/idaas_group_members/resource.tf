# Users synchronized from a directory are read, not managed...
data "idaas_group" "engineering" {
  external_id = "CN=Engineering,OU=Groups,DC=example,DC=com"
}

data "idaas_users" "engineering" {
  group_id = data.idaas_group.engineering.id
  state    = "ACTIVE"
}

data "idaas_user" "grace" {
  email = "grace.hopper@example.com"
}

resource "idaas_group" "developers" {
  name = "AWS Developers"
}

resource "idaas_group" "admins" {
  name = "AWS Administrators"
}

# ...and put in the groups that provisioning pushes to AWS. Other members of
# AWS Developers, added in the console, are left alone.
resource "idaas_group_members" "developers" {
  group_id = idaas_group.developers.id
  user_ids = data.idaas_users.engineering.ids
}

# The administrators are exactly these: anyone added by hand is removed on
# the next apply.
resource "idaas_group_members" "admins" {
  group_id      = idaas_group.admins.id
  user_ids      = [data.idaas_user.grace.id]
  authoritative = true
}
