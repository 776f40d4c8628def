# Context for this example (not shown in the documentation): what it refers to.
variable "aws_scim_endpoint" {
  type = string
}

variable "aws_scim_token" {
  type      = string
  sensitive = true
  ephemeral = true
}
