# Who may sign in to the AWS application, and how strongly they must
# authenticate: administrators and developers, with a second factor when the
# sign-in looks risky, and not at all from outside the office network and
# the listed countries outside office hours.

# The AWS application's UUID, e.g. idaas_saml_application.aws.id.
variable "aws_application_id" {
  type = string
}

data "idaas_authentication_flow" "password" {
  name = "Password"
}

data "idaas_authentication_flow" "mfa" {
  name = "Password and Second Factor"
}

data "idaas_authentication_flow" "deny" {
  name = "Deny Access"
}

resource "idaas_group" "aws_admins" {
  name = "AWS Administrators"
}

resource "idaas_group" "aws_developers" {
  name = "AWS Developers"
}

resource "idaas_resource_rule" "aws" {
  name           = "AWS access"
  description    = "Administrators and developers; second factor when risky"
  application_id = var.aws_application_id
  group_ids      = [idaas_group.aws_admins.id, idaas_group.aws_developers.id]
  strict_access  = true

  # Risk below 30 is low, below 70 medium, the rest high.
  low_risk_threshold                 = 30
  medium_risk_threshold              = 70
  low_risk_authentication_flow_id    = data.idaas_authentication_flow.password.id
  medium_risk_authentication_flow_id = data.idaas_authentication_flow.mfa.id
  high_risk_authentication_flow_id   = data.idaas_authentication_flow.deny.id

  # Off the office network: medium risk.
  ip_context {
    allowed_ip_ranges = ["203.0.113.0/24", "2001:db8:1000::/48"]
    risk_point        = 40
  }

  # Outside office hours: more risk.
  date_time_context {
    start_time = "07:00:00"
    end_time   = "19:00:00"
    week_days  = ["Mon", "Tue", "Wed", "Thu", "Fri"]
    zone_id    = "Europe/Berlin"
    risk_point = 30
  }

  # Outside these countries: high risk.
  location_context {
    country_codes = ["DE", "FR", "NL"]
    risk_point    = 70
  }
}
