package provider

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
)

func tfStringSet(ss ...string) tftypes.Value {
	vs := make([]tftypes.Value, len(ss))
	for i, s := range ss {
		vs[i] = tftypes.NewValue(tftypes.String, s)
	}
	return tftypes.NewValue(tftypes.Set{ElementType: tftypes.String}, vs)
}

// The large set reports duplicates as the framework's set does, and
// compares as a set: order does not count, content does.
func TestLargeStringSet(t *testing.T) {
	ctx := context.Background()
	if d := largeStringSet.Validate(ctx, tfStringSet("a", "b", "a"), path.Root("user_ids")); !d.HasError() ||
		!strings.Contains(d[0].Detail(), `duplicate values of: "a"`) {
		t.Fatalf("duplicates: %v", d)
	}
	if d := largeStringSet.Validate(ctx, tfStringSet("a", "b"), path.Root("user_ids")); d.HasError() {
		t.Fatal(d)
	}
	if !largeSetOf([]string{"a", "b"}).Equal(largeSetOf([]string{"b", "a"})) || largeSetOf([]string{"a", "b"}).Equal(largeSetOf([]string{"a", "c"})) ||
		largeSetOf([]string{"a"}).Equal(largeSetOf([]string{"a", "b"})) || largeSetOf(nil).Equal(stringSetValue{SetValue: types.SetNull(types.StringType)}) {
		t.Fatal("Equal is not set equality")
	}
	v, err := largeStringSet.ValueFromTerraform(ctx, tfStringSet("x", "y"))
	if err != nil || !v.Equal(largeSetOf([]string{"y", "x"})) {
		t.Fatalf("ValueFromTerraform: %v %v", v, err)
	}
}

func largeTFSet(n int) tftypes.Value {
	ss := make([]string, n)
	for i := range ss {
		ss[i] = fmt.Sprintf("3f0b6f3e-5f64-4a7a-9d6b-%012d", i)
	}
	return tfStringSet(ss...)
}

// 5,000 members: the framework's set type takes seconds (pair by pair),
// this one milliseconds.
func BenchmarkLargeSetValidate(b *testing.B) {
	v := largeTFSet(5000)
	for b.Loop() {
		largeStringSet.Validate(context.Background(), v, path.Root("user_ids"))
	}
}

func BenchmarkFrameworkSetValidate(b *testing.B) {
	v := largeTFSet(5000)
	for b.Loop() {
		types.SetType{ElemType: types.StringType}.Validate(context.Background(), v, path.Root("user_ids"))
	}
}
