using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Province.BuildingBlocks.Persistence;
using Province.Modules.Dossiers.Data;

namespace Province.Modules.Dossiers.Migrations;

/// <summary>Creates the dossiers schema: body in 20261121100000_Initial.sql.</summary>
[DbContext(typeof(DossiersDbContext))]
[Migration("20261121100000_Initial")]
internal sealed class Initial : SqlMigration;
