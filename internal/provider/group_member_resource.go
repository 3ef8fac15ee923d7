package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
)

var _ resource.Resource = &GroupMemberResource{}

// NewGroupMemberResource returns the rtm_group_member resource.
func NewGroupMemberResource() resource.Resource { return &GroupMemberResource{} }

// GroupMemberResource manages rtm_group_member.
type GroupMemberResource struct{}

func (r *GroupMemberResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_group_member"
}

func (r *GroupMemberResource) Schema(_ context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	resp.Schema = schema.Schema{Attributes: map[string]schema.Attribute{
		"id": schema.StringAttribute{Computed: true, MarkdownDescription: "Identifier."},
	}}
}

func (r *GroupMemberResource) Create(context.Context, resource.CreateRequest, *resource.CreateResponse) {
}
func (r *GroupMemberResource) Read(context.Context, resource.ReadRequest, *resource.ReadResponse) {}
func (r *GroupMemberResource) Update(context.Context, resource.UpdateRequest, *resource.UpdateResponse) {
}
func (r *GroupMemberResource) Delete(context.Context, resource.DeleteRequest, *resource.DeleteResponse) {
}
