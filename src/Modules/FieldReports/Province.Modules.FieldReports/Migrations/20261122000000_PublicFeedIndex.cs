using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Province.BuildingBlocks.Persistence;
using Province.Modules.FieldReports.Data;

namespace Province.Modules.FieldReports.Migrations;

/// <summary>Adds the public feed index: body in 20261122000000_PublicFeedIndex.sql.</summary>
[DbContext(typeof(FieldReportsDbContext))]
[Migration("20261122000000_PublicFeedIndex")]
internal sealed class PublicFeedIndex : SqlMigration;
