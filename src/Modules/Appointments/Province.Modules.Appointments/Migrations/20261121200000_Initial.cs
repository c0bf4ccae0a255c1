using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Province.BuildingBlocks.Persistence;
using Province.Modules.Appointments.Data;

namespace Province.Modules.Appointments.Migrations;

/// <summary>Creates the appointments schema: body in 20261121200000_Initial.sql.</summary>
[DbContext(typeof(AppointmentsDbContext))]
[Migration("20261121200000_Initial")]
internal sealed class Initial : SqlMigration;
