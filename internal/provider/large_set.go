package provider

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-framework/types/basetypes"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
)

// stringSetType is a set of strings for sets of thousands of elements (a
// group's members, a directory's users). The framework's set type checks
// for duplicate elements pair by pair, and its value compares sets pair by
// pair: for 5,000 elements that is 12.5 million comparisons, about ten
// seconds of CPU, every time a model is read or written. This type does
// both with a hash set, and tells the framework's semantic-equality check
// (pair by pair too) that equal sets are equal.
type stringSetType struct{ basetypes.SetType }

var (
	_ basetypes.SetTypable                    = stringSetType{}
	_ basetypes.SetValuableWithSemanticEquals = stringSetValue{}
)

// largeStringSet is the type of a large set of strings.
var largeStringSet = stringSetType{SetType: basetypes.SetType{ElemType: types.StringType}}

func (t stringSetType) Equal(o attr.Type) bool {
	other, ok := o.(stringSetType)
	return ok && t.SetType.Equal(other.SetType)
}

func (t stringSetType) String() string { return "provider.stringSetType" }

func (t stringSetType) ValueFromSet(_ context.Context, in basetypes.SetValue) (basetypes.SetValuable, diag.Diagnostics) {
	return stringSetValue{SetValue: in}, nil
}

func (t stringSetType) ValueFromTerraform(ctx context.Context, in tftypes.Value) (attr.Value, error) {
	v, err := t.SetType.ValueFromTerraform(ctx, in)
	if err != nil {
		return nil, err
	}
	set, ok := v.(basetypes.SetValue)
	if !ok {
		return nil, fmt.Errorf("unexpected value type %T", v)
	}
	return stringSetValue{SetValue: set}, nil
}

func (t stringSetType) ValueType(context.Context) attr.Value { return stringSetValue{} }

// Validate reports duplicate elements, with a hash set.
func (t stringSetType) Validate(_ context.Context, in tftypes.Value, p path.Path) diag.Diagnostics {
	var diags diag.Diagnostics
	if !in.IsKnown() || in.IsNull() {
		return diags
	}
	var elems []tftypes.Value
	if err := in.As(&elems); err != nil {
		diags.AddAttributeError(p, "Set Type Validation Error", "An unexpected error was encountered trying to validate a set: "+err.Error())
		return diags
	}
	seen := make(map[string]bool, len(elems))
	for _, e := range elems {
		if !e.IsKnown() || e.IsNull() {
			continue
		}
		var s string
		if err := e.As(&s); err != nil {
			diags.AddAttributeError(p, "Set Type Validation Error", "An unexpected error was encountered trying to validate a set: "+err.Error())
			return diags
		}
		if seen[s] {
			diags.AddAttributeError(p, "Duplicate Set Element", fmt.Sprintf("This attribute contains duplicate values of: %q", s))
		}
		seen[s] = true
	}
	return diags
}

// stringSetValue is a value of stringSetType.
type stringSetValue struct{ basetypes.SetValue }

func (v stringSetValue) Type(context.Context) attr.Type { return largeStringSet }

// Equal compares two sets with a hash set.
func (v stringSetValue) Equal(o attr.Value) bool {
	other, ok := o.(stringSetValue)
	if !ok || v.IsNull() != other.IsNull() || v.IsUnknown() != other.IsUnknown() {
		return false
	}
	if v.IsNull() || v.IsUnknown() {
		return true
	}
	a, b := v.Elements(), other.Elements()
	if len(a) != len(b) {
		return false
	}
	have := make(map[string]bool, len(a))
	for _, e := range a {
		have[e.String()] = true
	}
	for _, e := range b {
		if !have[e.String()] {
			return false
		}
	}
	return true
}

// SetSemanticEquals tells the framework that equal sets are the same value,
// so that it skips its pair-by-pair comparison of their elements.
func (v stringSetValue) SetSemanticEquals(_ context.Context, o basetypes.SetValuable) (bool, diag.Diagnostics) {
	other, ok := o.(stringSetValue)
	return ok && v.Equal(other), nil
}

func (v stringSetValue) ToSetValue(context.Context) (basetypes.SetValue, diag.Diagnostics) {
	return v.SetValue, nil
}

// largeSetOf is a known stringSetValue of ss.
func largeSetOf(ss []string) stringSetValue {
	vs := make([]attr.Value, len(ss))
	for i, s := range ss {
		vs[i] = types.StringValue(s)
	}
	return stringSetValue{SetValue: basetypes.NewSetValueMust(types.StringType, vs)}
}
