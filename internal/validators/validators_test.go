package validators

import (
	"context"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

func validates(v validator.String, s string) bool {
	var resp validator.StringResponse
	v.ValidateString(context.Background(), validator.StringRequest{Path: path.Root("a"), ConfigValue: types.StringValue(s)}, &resp)
	return !resp.Diagnostics.HasError()
}

func TestHostnameAndSCIMFilter(t *testing.T) {
	for v, cases := range map[string]struct {
		v       validator.String
		ok, bad []string
	}{
		"Hostname": {Hostname(), []string{"login.example.com", "localhost", "a-b.c1.example"},
			[]string{"https://login.example.com", "login.example.com/", "login.example.com:443", "-a.example.com", "a..b", "", "user@host"}},
		"SCIMFilter": {SCIMFilter(), []string{`userName eq "jane"`, `externalId eq "x" and userName eq "y"`, `emails[type eq "work"]`, `title pr`},
			[]string{`userName eq`, `displayName eq AWS Admins`, `userName eq "jane`, `(`}},
	} {
		for _, s := range cases.ok {
			if !validates(cases.v, s) {
				t.Errorf("%s rejects %q", v, s)
			}
		}
		for _, s := range cases.bad {
			if validates(cases.v, s) {
				t.Errorf("%s accepts %q", v, s)
			}
		}
	}
}
