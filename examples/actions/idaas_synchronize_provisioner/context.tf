# Context for this example (not shown in the documentation): what it refers to.
variable "aws_scim_endpoint" {
  type = string
}

variable "aws_scim_token" {
  type      = string
  sensitive = true
  ephemeral = true
}

resource "idaas_group" "aws_users" {
  name = "AWS Users"
}

resource "idaas_user_attribute" "cost_centre" {
  name = "Cost Centre"
}
