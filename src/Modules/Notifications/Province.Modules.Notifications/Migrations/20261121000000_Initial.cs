using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Province.BuildingBlocks.Persistence;
using Province.Modules.Notifications.Data;

namespace Province.Modules.Notifications.Migrations;

/// <summary>Creates the notifications schema: body in 20261121000000_Initial.sql.</summary>
[DbContext(typeof(NotificationsDbContext))]
[Migration("20261121000000_Initial")]
internal sealed class Initial : SqlMigration;
