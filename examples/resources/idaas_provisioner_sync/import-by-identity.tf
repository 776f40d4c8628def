import {
  to = idaas_provisioner_sync.aws
  identity = {
    provisioner_id = "4a70ac7f-0fc9-45f8-bf71-858fa2fb34a9"
    operation_id   = "e0de0cf7-bc1e-417e-ad60-147a4a090f66"
  }
}
