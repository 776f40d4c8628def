resource "idaas_user_attribute" "cost_centre" {
  name      = "Cost Centre"
  mandatory = false
  unique    = false
}
