package provider

import (
	"github.com/hashicorp/terraform-plugin-testing/tfversion"
)

// List resources and `terraform query` need Terraform 1.14.
var queryVersions = []tfversion.TerraformVersionCheck{tfversion.SkipBelow(tfversion.Version1_14_0)}

func ptr[T any](v T) *T { return &v }
