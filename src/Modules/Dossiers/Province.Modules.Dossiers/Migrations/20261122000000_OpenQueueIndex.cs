using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Province.BuildingBlocks.Persistence;
using Province.Modules.Dossiers.Data;

namespace Province.Modules.Dossiers.Migrations;

/// <summary>Adds the open-dossiers queue index: body in 20261122000000_OpenQueueIndex.sql.</summary>
[DbContext(typeof(DossiersDbContext))]
[Migration("20261122000000_OpenQueueIndex")]
internal sealed class OpenQueueIndex : SqlMigration;
