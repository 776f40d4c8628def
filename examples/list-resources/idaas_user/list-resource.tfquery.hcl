# Every active user of example.com. The tenant is read a page of 100 users at
# a time; raise limit (default 100) to get them all.
list "idaas_user" "staff" {
  provider         = idaas
  include_resource = true
  limit            = 10000

  config {
    email_contains = "@example.com"
    state          = "ACTIVE"
  }
}
