using Marten;
using Marten.Schema;
using Province.BuildingBlocks.Persistence;
using Weasel.Postgresql;
using Weasel.Postgresql.Tables;

namespace Province.Modules.Appointments.Data;

/// <summary>The Appointments module's own Marten store (schema <c>appointments</c>).</summary>
public interface IAppointmentsStore : IDocumentStore
{
    public const string SchemaName = "appointments";

    /// <summary>The daily counter table of queue numbers, one row per office and service group and day.</summary>
    internal const string TicketNumbers = "ticket_numbers";

    /// <summary>The table of places taken per slot (see <see cref="SlotPlaces"/>).</summary>
    internal const string SlotUsage = "slot_usage";

    /// <summary>Documents, indexes and tables of the module; called once when the store is built.</summary>
    internal static void Configure(StoreOptions options)
    {
        options.Schema.For<Office>()
            .Duplicate(o => o.AgencyId);

        options.Schema.For<BlockedDay>()
            .Identity(b => b.Id)
            .Duplicate(b => b.OfficeId);

        options.Schema.For<Slot>()
            // The slot list of a group on a day, and one slot per start time (generating twice keeps the first).
            .UniqueIndex(UniqueIndexType.DuplicatedField, "slots_office_group_day_start", s => s.OfficeId, s => s.ServiceGroupId, s => s.Day, s => s.Start);

        options.Schema.For<Booking>()
            .UseNumericRevisions(true)
            .UniqueIndex(UniqueIndexType.DuplicatedField, "bookings_code", b => b.Code)
            // "My bookings".
            .Duplicate(b => b.CitizenId)
            // The office's list of a day.
            .Duplicate(b => b.OfficeId)
            .Duplicate(b => b.Day)
            // One active booking per citizen, service group and day, even under concurrent requests: the key is
            // null once the booking is no longer active, and NULLs never collide.
            .UniqueIndex(UniqueIndexType.DuplicatedField, "bookings_one_active_per_day", b => b.ActiveDayKey!);

        options.Schema.For<QueueTicket>()
            .UseNumericRevisions(true)
            // One number per office, group and day; also the index of a group's queue of the day.
            .UniqueIndex(UniqueIndexType.DuplicatedField, "queue_tickets_office_group_day_number", t => t.OfficeId, t => t.ServiceGroupId, t => t.Day, t => t.Number)
            // The calling, the ahead count and the now-serving screen read an office's tickets of the day by status.
            .Duplicate(t => t.Status)
            // "One active ticket per citizen and group a day" is checked before every remote ticket: an indexed column,
            // not a cast of the JSON on every ticket of the table (1.4 ms a call at 4,000 tickets, issue 17).
            .Duplicate(t => t.CitizenId)
            // An office's tickets of the day by status (calling, the now-serving screen), and, with the group and number after
            // them, the "how many ahead" count of the waiting tickets after one (Queue/QueueTally.cs), which then reads those
            // tickets only. With (office, day, status) alone, statistics taken before the day's tickets existed (the usual
            // case until the next ANALYZE) made PostgreSQL read the day's every waiting ticket through it and filter them by
            // number: 2.4 ms at 6,000 waiting, 0.05 ms with the number in the index (docs/decisions.md ADR 24).
            .Index([t => t.OfficeId, t => t.Day, t => t.Status, t => t.ServiceGroupId, t => t.Number], index => index.Name = "queue_tickets_office_day_status");

        // The queue's figures of a group's day (Queue/QueueTally.cs), and the counter's mark of the days they are kept for.
        Queue.QueueTally.AddTo(options, options.AddDailyCounter(TicketNumbers));

        var usage = new Table(new PostgresqlObjectName(options.DatabaseSchemaName, SlotUsage, Weasel.Postgresql.SchemaUtils.IdentifierUsage.General));
        usage.AddColumn<Guid>("slot_id").AsPrimaryKey();
        usage.AddColumn<int>("booked").NotNull();
        options.Storage.ExtendedSchemaObjects.Add(usage);
    }
}
