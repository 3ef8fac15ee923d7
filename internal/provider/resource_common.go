package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework-validators/int64validator"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/int64planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
)

// What every resource and data source shares: the provider's client, the
// schema attributes they all have, and the import ID handling.

// clientHolder is embedded by every resource and data source; their
// Configure methods store the provider's data through configure.
type clientHolder struct {
	data *providerData
}

// configure stores the provider data Configure received. Terraform also
// calls Configure before the provider is configured (data nil): the holder
// then stays empty.
func (h *clientHolder) configure(providerData any, kind string, diags *diag.Diagnostics) {
	data, d := providerDataFrom(providerData, kind)
	diags.Append(d...)
	if data != nil {
		h.data = data
	}
}

// providerDataFrom is the Configure step of every resource and data source:
// nil before the provider is configured (Terraform calls Configure early),
// *providerData after.
func providerDataFrom(data any, kind string) (*providerData, diag.Diagnostics) {
	var diags diag.Diagnostics
	if data == nil {
		return nil, diags
	}
	pd, ok := data.(*providerData)
	if !ok {
		diags.Append(unexpectedProviderDataDiag(kind, data))
		return nil, diags
	}
	return pd, diags
}

// idAttribute is a resource's computed `id`, stable across updates.
func idAttribute(description string) schema.StringAttribute {
	return schema.StringAttribute{
		MarkdownDescription: description,
		Computed:            true,
		PlanModifiers:       []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
	}
}

// keyIDAttribute is a group_id or user_id that identifies the resource:
// required, at least 1, and changing it replaces the resource.
func keyIDAttribute(description string) schema.Int64Attribute {
	return schema.Int64Attribute{
		MarkdownDescription: description,
		Required:            true,
		Validators:          []validator.Int64{int64validator.AtLeast(1)},
		PlanModifiers:       []planmodifier.Int64{int64planmodifier.RequiresReplace()},
	}
}

// importGroupID imports a resource keyed by `<group_id>`: it sets id and
// group_id; Read fills in the rest.
func importGroupID(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	gid, err := parseGroupID(req.ID)
	if err != nil {
		resp.Diagnostics.Append(importIDDiag(err))
		return
	}
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("id"), formatGroupID(gid))...)
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("group_id"), gid)...)
}

// importGroupUserID imports a resource keyed by `<group_id>/<user_id>`: it
// sets id, group_id and user_id, and reports whether the ID parsed.
func importGroupUserID(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) bool {
	gid, uid, err := parseGroupUserID(req.ID)
	if err != nil {
		resp.Diagnostics.Append(importIDDiag(err))
		return false
	}
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("id"), formatGroupUserID(gid, uid))...)
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("group_id"), gid)...)
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("user_id"), uid)...)
	return !resp.Diagnostics.HasError()
}
