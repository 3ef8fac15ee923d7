package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
)

var _ resource.Resource = &GroupBanResource{}

// NewGroupBanResource returns the rtm_group_ban resource.
func NewGroupBanResource() resource.Resource { return &GroupBanResource{} }

// GroupBanResource manages rtm_group_ban.
type GroupBanResource struct{}

func (r *GroupBanResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_group_ban"
}

func (r *GroupBanResource) Schema(_ context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	resp.Schema = schema.Schema{Attributes: map[string]schema.Attribute{
		"id": schema.StringAttribute{Computed: true, MarkdownDescription: "Identifier."},
	}}
}

func (r *GroupBanResource) Create(context.Context, resource.CreateRequest, *resource.CreateResponse) {
}
func (r *GroupBanResource) Read(context.Context, resource.ReadRequest, *resource.ReadResponse) {}
func (r *GroupBanResource) Update(context.Context, resource.UpdateRequest, *resource.UpdateResponse) {
}
func (r *GroupBanResource) Delete(context.Context, resource.DeleteRequest, *resource.DeleteResponse) {
}
