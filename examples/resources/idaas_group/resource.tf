resource "idaas_group" "aws_admins" {
  name        = "AWS Administrators"
  external_id = "aws-admins"
}
