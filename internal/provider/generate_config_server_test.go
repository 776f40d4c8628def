package provider

import (
	"github.com/hashicorp/terraform-plugin-framework/provider"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
)

// NewServerWithError is NewServer for terraform-plugin-testing's factories.
func NewServerWithError(p func() provider.Provider) func() (tfprotov6.ProviderServer, error) {
	s := NewServer(p)
	return func() (tfprotov6.ProviderServer, error) { return s(), nil }
}
