package provider

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/idaas-terraform/terraform-provider-idaas/internal/client"
)

// Every resource's Delete counts an object that is already gone as deleted:
// called on ids the tenant does not know (as after someone deleted the
// object in the console between refresh and destroy), it reports no error.
// The acceptance tests cannot show this: their refresh drops a vanished
// object from state before Delete is ever called.
func TestDeleteAlreadyGone(t *testing.T) {
	env := newTestEnv(t)
	data := &providerData{client: env.client}
	ctx := context.Background()
	for _, newResource := range (&idaasProvider{}).Resources(ctx) {
		r := newResource()
		var md resource.MetadataResponse
		r.Metadata(ctx, resource.MetadataRequest{ProviderTypeName: "idaas"}, &md)
		t.Run(md.TypeName, func(t *testing.T) {
			if rc, ok := r.(resource.ResourceWithConfigure); ok {
				var cr resource.ConfigureResponse
				rc.Configure(ctx, resource.ConfigureRequest{ProviderData: data}, &cr)
				if cr.Diagnostics.HasError() {
					t.Fatal(cr.Diagnostics)
				}
			}
			var sr resource.SchemaResponse
			r.Schema(ctx, resource.SchemaRequest{}, &sr)
			state := tfsdk.State{Schema: sr.Schema, Raw: goneState(ctx, t, sr.Schema.Type().TerraformType(ctx))}
			resp := resource.DeleteResponse{State: state}
			// What Delete must ask the tenant: a DELETE, but for group
			// membership (it reads the group's members, and finds the group
			// gone) and a synchronization (only forgotten).
			asked := map[string]string{"idaas_group_members": "POST /api/web/v1/userspaged", "idaas_provisioner_sync": ""}
			prefix, special := asked[md.TypeName]
			if !special {
				prefix = "DELETE "
			}
			before := requests(env, prefix)
			r.Delete(ctx, resource.DeleteRequest{State: state}, &resp)
			if resp.Diagnostics.HasError() {
				t.Fatalf("deleting an object that is already gone: %v", resp.Diagnostics)
			}
			if prefix != "" && requests(env, prefix) != before+1 {
				t.Fatalf("%d %q requests reached the tenant, want 1", requests(env, prefix)-before, prefix)
			}
		})
	}
}

// requests counts the requests the emulator has served whose route
// ("METHOD /path") starts with prefix.
func requests(env *testEnv, prefix string) int {
	n := 0
	for route, c := range env.emu.Stats().ByRoute {
		if strings.HasPrefix(route, prefix) {
			n += c
		}
	}
	return n
}

// goneState is a state whose ids (id, provisioner_id, scim_attribute, ...)
// name nothing the tenant has, and whose other attributes are null.
func goneState(_ context.Context, t *testing.T, typ tftypes.Type) tftypes.Value {
	obj, ok := typ.(tftypes.Object)
	if !ok {
		t.Fatalf("resource type %s is not an object", typ)
	}
	vals := map[string]tftypes.Value{}
	for name, at := range obj.AttributeTypes {
		switch {
		case at.Is(tftypes.String) && (name == "id" || name == "provisioner_id" || name == "scim_attribute"):
			vals[name] = tftypes.NewValue(at, "00000000-0000-4000-8000-00000000dead")
		default:
			vals[name] = tftypes.NewValue(at, nil)
		}
	}
	return tftypes.NewValue(obj, vals)
}

// testAccCheckDestroyed fails on an object that still exists, and on a
// state without any object of its kind (it would check nothing).
func TestCheckDestroyedChecksSomething(t *testing.T) {
	env := newTestEnv(t)
	ctx := context.Background()
	check := testAccCheckDestroyed(env, "idaas_group", (*client.Client).GetGroup)
	state := func(ids ...string) *terraform.State {
		root := &terraform.ModuleState{Path: []string{"root"}, Resources: map[string]*terraform.ResourceState{}}
		for i, id := range ids {
			root.Resources[fmt.Sprintf("idaas_group.g%d", i)] = &terraform.ResourceState{Type: "idaas_group", Primary: &terraform.InstanceState{ID: id}}
		}
		return &terraform.State{Modules: []*terraform.ModuleState{root}}
	}
	if err := check(state()); err == nil || !strings.Contains(err.Error(), "no idaas_group") {
		t.Errorf("no group in state: %v", err)
	}
	g, err := env.client.CreateGroup(ctx, client.GroupParms{Name: "left behind"})
	if err != nil {
		t.Fatal(err)
	}
	if err := check(state(g.ID)); err == nil || !strings.Contains(err.Error(), "still exists") {
		t.Errorf("group left behind: %v", err)
	}
	if err := env.client.DeleteGroup(ctx, g.ID); err != nil {
		t.Fatal(err)
	}
	if err := check(state(g.ID)); err != nil {
		t.Errorf("group destroyed: %v", err)
	}
}
