// Command terraform-provider-idaas serves the idaas Terraform provider.
package main

func main() {}
