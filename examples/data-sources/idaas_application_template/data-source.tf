data "idaas_application_template" "aws" {
  name = "AWS IAM Identity Center"
}

output "aws_template" {
  value = "${data.idaas_application_template.aws.id} (${data.idaas_application_template.aws.authentication_method})"
}
