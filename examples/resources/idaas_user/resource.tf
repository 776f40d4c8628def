resource "idaas_group" "aws_admins" {
  name = "AWS Administrators"
}

resource "idaas_user_attribute" "cost_centre" {
  name = "Cost Centre"
}

resource "idaas_user" "jane" {
  user_id    = "jane.doe@example.com"
  first_name = "Jane"
  last_name  = "Doe"
  email      = "jane.doe@example.com"
  group_ids  = [idaas_group.aws_admins.id]

  attribute_values = {
    (idaas_user_attribute.cost_centre.id) = "CC-1042"
  }
}
