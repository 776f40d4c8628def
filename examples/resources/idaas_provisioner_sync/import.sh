# A synchronization is imported as <provisioner_id>/<operation_id>. Its
# recorded outcome is read once; the first triggers configured on it are then
# recorded without running another synchronization.
terraform import idaas_provisioner_sync.aws 4a70ac7f-0fc9-45f8-bf71-858fa2fb34a9/e0de0cf7-bc1e-417e-ad60-147a4a090f66
