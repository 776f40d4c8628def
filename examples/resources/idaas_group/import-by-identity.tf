import {
  to = idaas_group.aws_admins
  identity = {
    id = "3f0b6f3e-5f64-4a7a-9d6b-2a1f3c4d5e6f"
  }
}
