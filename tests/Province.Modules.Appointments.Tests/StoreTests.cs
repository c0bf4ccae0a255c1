using Microsoft.Extensions.DependencyInjection;
using Province.BuildingBlocks.Persistence;
using Province.Modules.Appointments.Data;
using Weasel.Core;

namespace Province.Modules.Appointments.Tests;

/// <summary>What the endpoints rely on in the store itself: a stable schema, and revisions that refuse a stale save.</summary>
public sealed class StoreTests(ProvinceApp app) : IClassFixture<ProvinceApp>
{
    /// <summary>An index PostgreSQL prints differently from Marten's declaration would be dropped and rebuilt (blocking) at every start.</summary>
    [Fact]
    public async Task The_started_store_has_nothing_left_to_migrate()
    {
        var store = app.Services.GetRequiredService<IAppointmentsStore>();
        var migration = await store.Storage.Database.CreateMigrationAsync();
        Assert.Contains(migration.Deltas, d => d.SchemaObject.Identifier.Name == "mt_doc_queueticket");
        var pending = migration.Deltas.Where(d => d.Difference != SchemaPatchDifference.None).Select(d => $"{d.SchemaObject.Identifier}: {d.Difference}");
        Assert.Empty(pending);
    }

    /// <summary>Two counters acting on one number from the same read: the second save fails instead of overwriting the first.</summary>
    [Fact]
    public async Task A_ticket_saved_from_a_stale_read_is_refused()
    {
        var store = app.Services.GetRequiredService<IAppointmentsStore>();
        var ticket = new QueueTicket { OfficeId = Guid.NewGuid(), ServiceGroupId = Guid.NewGuid(), Day = Today, Number = 1, Display = "HT-001", IssuedAt = DateTimeOffset.UtcNow };
        await using (var session = store.LightweightSession())
        {
            session.Insert(ticket);
            await session.SaveChangesAsync();
        }

        await using var first = store.LightweightSession();
        await using var second = store.LightweightSession();
        var firstRead = (await first.LoadAsync<QueueTicket>(ticket.Id))!;
        var secondRead = (await second.LoadAsync<QueueTicket>(ticket.Id))!;
        firstRead.Status = TicketStatus.Called;
        first.UpdateRevision(firstRead, firstRead.Revision + 1);
        await first.SaveChangesAsync();
        secondRead.Status = TicketStatus.Called;
        second.UpdateRevision(secondRead, secondRead.Revision + 1);

        var refused = await Assert.ThrowsAnyAsync<Exception>(() => second.SaveChangesAsync());
        Assert.True(DatabaseErrors.IsConcurrencyConflict(refused), refused.ToString());
    }
}
