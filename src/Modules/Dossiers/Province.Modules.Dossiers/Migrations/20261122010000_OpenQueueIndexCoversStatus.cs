using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Province.BuildingBlocks.Persistence;
using Province.Modules.Dossiers.Data;

namespace Province.Modules.Dossiers.Migrations;

/// <summary>Carries the status in the open-dossiers queue index: body in 20261122010000_OpenQueueIndexCoversStatus.sql.</summary>
[DbContext(typeof(DossiersDbContext))]
[Migration("20261122010000_OpenQueueIndexCoversStatus")]
internal sealed class OpenQueueIndexCoversStatus : SqlMigration;
