using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Province.BuildingBlocks.Persistence;
using Province.Modules.FieldReports.Data;

namespace Province.Modules.FieldReports.Migrations;

/// <summary>Creates the field_reports schema: body in 20261121300000_Initial.sql.</summary>
[DbContext(typeof(FieldReportsDbContext))]
[Migration("20261121300000_Initial")]
internal sealed class Initial : SqlMigration;
