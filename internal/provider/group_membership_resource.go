package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
)

var _ resource.Resource = &GroupMembershipResource{}

// NewGroupMembershipResource returns the rtm_group_membership resource.
func NewGroupMembershipResource() resource.Resource { return &GroupMembershipResource{} }

// GroupMembershipResource manages rtm_group_membership.
type GroupMembershipResource struct{}

func (r *GroupMembershipResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_group_membership"
}

func (r *GroupMembershipResource) Schema(_ context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	resp.Schema = schema.Schema{Attributes: map[string]schema.Attribute{
		"id": schema.StringAttribute{Computed: true, MarkdownDescription: "Identifier."},
	}}
}

func (r *GroupMembershipResource) Create(context.Context, resource.CreateRequest, *resource.CreateResponse) {
}
func (r *GroupMembershipResource) Read(context.Context, resource.ReadRequest, *resource.ReadResponse) {
}
func (r *GroupMembershipResource) Update(context.Context, resource.UpdateRequest, *resource.UpdateResponse) {
}
func (r *GroupMembershipResource) Delete(context.Context, resource.DeleteRequest, *resource.DeleteResponse) {
}
