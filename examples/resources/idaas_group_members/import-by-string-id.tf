import {
  to = idaas_group_members.developers
  id = "5b1c9e2a-7d4f-4e8b-a6c3-2f9d8e7b6a51"
}
