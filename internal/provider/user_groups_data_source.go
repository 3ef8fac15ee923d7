package provider

import (
	"context"
	"fmt"
	"slices"
	"strconv"

	"github.com/hashicorp/terraform-plugin-framework-validators/int64validator"
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

var (
	_ datasource.DataSource              = &UserGroupsDataSource{}
	_ datasource.DataSourceWithConfigure = &UserGroupsDataSource{}
)

// UserGroupsDataSource lists the groups one user belongs to (getusergroups).
type UserGroupsDataSource struct {
	clientHolder
}

// UserGroupsDataSourceModel is the rtm_user_groups state.
type UserGroupsDataSourceModel struct {
	ID       types.String `tfsdk:"id"`
	UserID   types.Int64  `tfsdk:"user_id"`
	GroupIDs types.List   `tfsdk:"group_ids"`
}

// NewUserGroupsDataSource is the rtm_user_groups constructor.
func NewUserGroupsDataSource() datasource.DataSource { return &UserGroupsDataSource{} }

func (d *UserGroupsDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_user_groups"
}

func (d *UserGroupsDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "The ids of the RTM groups a user belongs to.",
		Attributes: map[string]schema.Attribute{
			"id": schema.StringAttribute{
				MarkdownDescription: "The user id, as a string.",
				Computed:            true,
			},
			"user_id": schema.Int64Attribute{
				MarkdownDescription: "RTM user id (at least 1).",
				Required:            true,
				Validators:          []validator.Int64{int64validator.AtLeast(1)},
			},
			"group_ids": schema.ListAttribute{
				MarkdownDescription: "Ids of the groups the user is a member of, in ascending order (empty when none).",
				ElementType:         types.Int64Type,
				Computed:            true,
			},
		},
	}
}

func (d *UserGroupsDataSource) Configure(_ context.Context, req datasource.ConfigureRequest, resp *datasource.ConfigureResponse) {
	d.configure(req.ProviderData, "Data Source", &resp.Diagnostics)
}

func (d *UserGroupsDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var config UserGroupsDataSourceModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &config)...)
	if resp.Diagnostics.HasError() {
		return
	}
	uid := config.UserID.ValueInt64()

	gids, err := d.data.client.GetUserGroups(ctx, uid)
	if err != nil {
		resp.Diagnostics.Append(clientErrorDiag(fmt.Sprintf("list the groups of user %d", uid), err))
		return
	}
	groupIDs, diags := sortedInt64List(gids)
	resp.Diagnostics.Append(diags...)
	if resp.Diagnostics.HasError() {
		return
	}

	config.ID = types.StringValue(strconv.FormatInt(uid, 10))
	config.GroupIDs = groupIDs
	resp.Diagnostics.Append(resp.State.Set(ctx, &config)...)
}

// sortedInt64List returns ids ascending as a list attribute; RTM returns
// them in no particular order, and a stable order keeps plans quiet.
func sortedInt64List(ids []int64) (types.List, diag.Diagnostics) {
	sorted := slices.Clone(ids)
	slices.Sort(sorted)
	values := make([]attr.Value, len(sorted))
	for i, id := range sorted {
		values[i] = types.Int64Value(id)
	}
	return types.ListValue(types.Int64Type, values)
}
