// Package e2e holds end-to-end tests that run the real Terraform CLI against
// a real build of the provider (through dev_overrides, as a user would) and
// an emulator served on loopback: what the in-process acceptance tests
// cannot show, such as what one Terraform command costs the tenant, or
// `terraform validate` without credentials.
package e2e
