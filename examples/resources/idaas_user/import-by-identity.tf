import {
  to = idaas_user.jane
  identity = {
    id = "0d6f5a3b-2c1e-4f7a-9b8c-7d6e5f4a3b2c"
  }
}
