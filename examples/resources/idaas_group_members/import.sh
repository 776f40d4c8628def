# A group's members are imported by the group's UUID: every member is read,
# and the imported resource is not authoritative.
terraform import idaas_group_members.developers 5b1c9e2a-7d4f-4e8b-a6c3-2f9d8e7b6a51
