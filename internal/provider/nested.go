package provider

import (
	"github.com/hashicorp/terraform-plugin-framework/attr"
	dschema "github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	rschema "github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

// computedNestedList describes a computed list of objects of type t, each
// field with its description from descs, for a data source.
func computedNestedList(t types.ObjectType, desc string, descs map[string]string) dschema.ListNestedAttribute {
	attrs := map[string]dschema.Attribute{}
	for name, at := range t.AttrTypes {
		attrs[name] = computedDataSourceAttribute(at, descs[name])
	}
	return dschema.ListNestedAttribute{Computed: true, Description: desc, NestedObject: dschema.NestedAttributeObject{Attributes: attrs}}
}

func computedDataSourceAttribute(t attr.Type, desc string) dschema.Attribute {
	switch t {
	case types.BoolType:
		return dschema.BoolAttribute{Computed: true, Description: desc}
	case types.Int64Type:
		return dschema.Int64Attribute{Computed: true, Description: desc}
	case types.StringType:
		return dschema.StringAttribute{Computed: true, Description: desc}
	}
	if s, ok := t.(types.SetType); ok {
		return dschema.SetAttribute{Computed: true, ElementType: s.ElemType, Description: desc}
	}
	panic("computedDataSourceAttribute: unsupported type " + t.String())
}

// computedNestedListResource is computedNestedList for a resource; its
// fields are strings.
func computedNestedListResource(t types.ObjectType, desc string, descs map[string]string) rschema.ListNestedAttribute {
	attrs := map[string]rschema.Attribute{}
	for name := range t.AttrTypes {
		attrs[name] = rschema.StringAttribute{Computed: true, Description: descs[name]}
	}
	return rschema.ListNestedAttribute{Computed: true, Description: desc, NestedObject: rschema.NestedAttributeObject{Attributes: attrs}}
}
