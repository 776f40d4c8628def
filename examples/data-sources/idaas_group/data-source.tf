# By exact name...
data "idaas_group" "admins" {
  name = "AWS Administrators"
}

# ...or by the external id of a group synchronized from a directory.
data "idaas_group" "engineering" {
  external_id = "CN=Engineering,OU=Groups,DC=example,DC=com"
}
