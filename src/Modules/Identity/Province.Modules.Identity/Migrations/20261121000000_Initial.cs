using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Province.BuildingBlocks.Persistence;
using Province.Modules.Identity.Data;

namespace Province.Modules.Identity.Migrations;

/// <summary>Creates the identity schema: body in 20261121000000_Initial.sql.</summary>
[DbContext(typeof(IdentityDbContext))]
[Migration("20261121000000_Initial")]
internal sealed class Initial : SqlMigration;
