# Credentials come from a sensitive variable or the environment
# (IDAAS_TENANT_URL, IDAAS_APPLICATION_ID, IDAAS_SHARED_SECRET), or from the
# admin API credentials file the tenant lets you download.
provider "idaas" {
  tenant_url     = "https://example.us.trustedauth.com"
  application_id = var.idaas_application_id
  shared_secret  = var.idaas_shared_secret
}

variable "idaas_application_id" {
  type = string
}

variable "idaas_shared_secret" {
  type      = string
  sensitive = true
}
