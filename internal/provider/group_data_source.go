package provider

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework-validators/int64validator"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

var (
	_ datasource.DataSource              = &GroupDataSource{}
	_ datasource.DataSourceWithConfigure = &GroupDataSource{}
)

// GroupDataSource reads one RTM group: its infos, members and member count.
type GroupDataSource struct {
	clientHolder
}

// GroupDataSourceModel is the data rtm_group state.
type GroupDataSourceModel struct {
	ID          types.String `tfsdk:"id"`
	GroupID     types.Int64  `tfsdk:"group_id"`
	PublicInfo  types.String `tfsdk:"public_info"`
	PrivateInfo types.String `tfsdk:"private_info"`
	UserIDs     types.List   `tfsdk:"user_ids"`
	MemberCount types.Int64  `tfsdk:"member_count"`
}

// NewGroupDataSource is the data rtm_group constructor.
func NewGroupDataSource() datasource.DataSource { return &GroupDataSource{} }

func (d *GroupDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_group"
}

func (d *GroupDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "An RTM group as the server sees it: its infos, its members and its member count. " +
			"RTM groups are implicit, so a group that was never used reads as empty infos and no members.",
		Attributes: map[string]schema.Attribute{
			"id": schema.StringAttribute{
				MarkdownDescription: "The group id, as a string.",
				Computed:            true,
			},
			"group_id": schema.Int64Attribute{
				MarkdownDescription: "RTM group id (at least 1).",
				Required:            true,
				Validators:          []validator.Int64{int64validator.AtLeast(1)},
			},
			"public_info": schema.StringAttribute{
				MarkdownDescription: "Public info of the group (`\"\"` when unset).",
				Computed:            true,
			},
			"private_info": schema.StringAttribute{
				MarkdownDescription: "Private info of the group (`\"\"` when unset).",
				Computed:            true,
			},
			"user_ids": schema.ListAttribute{
				MarkdownDescription: "Ids of the group's members, in ascending order.",
				ElementType:         types.Int64Type,
				Computed:            true,
			},
			"member_count": schema.Int64Attribute{
				MarkdownDescription: "Number of members, as counted by the server (getgroupcount).",
				Computed:            true,
			},
		},
	}
}

func (d *GroupDataSource) Configure(_ context.Context, req datasource.ConfigureRequest, resp *datasource.ConfigureResponse) {
	d.configure(req.ProviderData, "Data Source", &resp.Diagnostics)
}

func (d *GroupDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var config GroupDataSourceModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &config)...)
	if resp.Diagnostics.HasError() {
		return
	}
	gid := config.GroupID.ValueInt64()
	client := d.data.client

	info, err := client.GetGroupInfo(ctx, gid)
	if err != nil {
		resp.Diagnostics.Append(clientErrorDiag(fmt.Sprintf("read the info of group %d", gid), err))
		return
	}
	members, err := client.GetGroupMembers(ctx, gid)
	if err != nil {
		resp.Diagnostics.Append(clientErrorDiag(fmt.Sprintf("list the members of group %d", gid), err))
		return
	}
	count, err := client.GetGroupCount(ctx, gid)
	if err != nil {
		resp.Diagnostics.Append(clientErrorDiag(fmt.Sprintf("count the members of group %d", gid), err))
		return
	}
	userIDs, diags := sortedInt64List(members)
	resp.Diagnostics.Append(diags...)
	if resp.Diagnostics.HasError() {
		return
	}

	config.ID = types.StringValue(formatGroupID(gid))
	config.PublicInfo = types.StringValue(info.Public)
	config.PrivateInfo = types.StringValue(info.Private)
	config.UserIDs = userIDs
	config.MemberCount = types.Int64Value(count)
	resp.Diagnostics.Append(resp.State.Set(ctx, &config)...)
}
