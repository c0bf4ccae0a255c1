using Marten;
using Npgsql;
using Province.BuildingBlocks.Idempotency;
using Province.BuildingBlocks.Persistence;
using Province.Modules.Appointments.Data;
using Weasel.Postgresql;
using Weasel.Postgresql.Tables;

namespace Province.Modules.Appointments.Queue;

/// <summary>
/// A service group's queue of the day in figures (table <c>queue_tally</c>): how many tickets wait, how many of them
/// have a proven priority, how many were served and for how long in all. Every change of a ticket's status adds its
/// difference by a statement queued on the ticket's own session (<see cref="Track"/>), so the figures commit or roll
/// back with the ticket, on any host instance. "How many ahead" is then the tally less the waiting tickets after the one
/// asked about, in one statement (one snapshot): a new ticket has none after it, so its answer no longer counts every
/// ticket waiting (2.5 ms a ticket with 1,700 waiting in the benchmark; docs/decisions.md ADR 24), and the wait no longer
/// reads every ticket served that day.
/// The figures are spread over <see cref="Shards"/> rows per group and day (a ticket's row by its number) and summed
/// when read: one row took every ticket's update and stayed locked from it to the commit, a round trip later, so the
/// tickets of a group queued on it (7.9 ms a statement at 320 tickets a second; the same row's number taking 7.1 ms).
/// The day's row of the ticket-number counter says whether the day is tallied (<c>tallied</c>): days begun before
/// the tally existed are counted from the tickets themselves, as before (<see cref="QueueReader"/>), so an upgrade in
/// the middle of a day stays exact.
/// </summary>
internal static class QueueTally
{
    public const string Table = "queue_tally";

    /// <summary>Rows per group and day: eight times fewer tickets wait on each row's lock.</summary>
    public const int Shards = 8;

    /// <summary>Declares the tally table, and the counter's mark of the days it tallies.</summary>
    public static void AddTo(StoreOptions options, Table counter)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(counter);
        // Null on the rows of days begun before the tally existed.
        counter.AddColumn<bool>("tallied");
        var tally = new Table(new PostgresqlObjectName(options.DatabaseSchemaName, Table, Weasel.Postgresql.SchemaUtils.IdentifierUsage.General));
        tally.AddColumn<string>("scope").AsPrimaryKey();
        tally.AddColumn<DateOnly>("day").AsPrimaryKey();
        tally.AddColumn<int>("shard").AsPrimaryKey();
        tally.AddColumn<int>("waiting").NotNull();
        tally.AddColumn<int>("proven_waiting").NotNull();
        tally.AddColumn<int>("finished").NotNull();
        tally.AddColumn<long>("service_ms").NotNull();
        options.Storage.ExtendedSchemaObjects.Add(tally);
    }

    public static string Scope(Guid officeId, Guid serviceGroupId) => $"{officeId:N}:{serviceGroupId:N}";

    // The module's schema is fixed (IAppointmentsStore.SchemaName), so its statements are written once, not on every ticket.
    private const string CounterTable = IAppointmentsStore.SchemaName + "." + IAppointmentsStore.TicketNumbers;

    private const string TallyTable = IAppointmentsStore.SchemaName + "." + Table;

    private const string TrackSql = "insert into " + TallyTable + " as t (scope, day, shard, waiting, proven_waiting, finished, service_ms) " +
        "values (?, ?, ?, ?, ?, ?, ?) on conflict (scope, day, shard) do update set waiting = t.waiting + excluded.waiting, " +
        "proven_waiting = t.proven_waiting + excluded.proven_waiting, finished = t.finished + excluded.finished, service_ms = t.service_ms + excluded.service_ms";

    /// <summary>The "how many ahead" statement; the tickets' table name is Marten's, read from the store once.</summary>
    private static string? readSql;

    /// <summary>
    /// The group's next number of the day unless something stands in the way, found by the same statement (one round trip
    /// where a batch of reads and then the number took two, issue 17): the office's day is blocked, the citizen already has
    /// a ticket of the group waiting or called today, or the request's Idempotency-Key has an answer already (then that
    /// answer is read, to be given again). A number is taken only when none is found, in a statement of its own (the counter
    /// row is locked for that statement only, not for the caller's transaction; a request that fails after it leaves a gap,
    /// as a voided paper ticket does), and a day's row is marked as tallied when it is made. The same statement reads the
    /// group's figures of that moment (<see cref="TakenNumber.AheadOf"/>), so the new ticket's answer needs no read of its
    /// own after the save. The reads are of the statement's
    /// snapshot, as the batch's were of theirs: two requests of one citizen at the same moment may both pass the
    /// one-ticket rule, as before; two with one key cannot both be saved (the answer's record is inserted with the ticket,
    /// and the later save answers with the earlier's answer: TakeTicketEndpoints).
    /// </summary>
    public static async Task<NumberAttempt> TryTakeNumberAsync(IAppointmentsStore store, Guid officeId, Guid serviceGroupId, DateOnly day,
        NumberConditions conditions, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        var serializer = store.Options.Serializer();
        // The statement always returns one row: what it found, and the number's columns when it took one.
        return await ReadRowAsync(store, tryTakeSql ??= TryTakeNumberSql(store),
            [
                Scope(officeId, serviceGroupId), day,
                // Typed: a null has no type of its own for PostgreSQL to take.
                new NpgsqlParameter { NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text, Value = (object?)conditions.IdempotencyRecordId ?? DBNull.Value },
                new NpgsqlParameter { NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Uuid, Value = (object?)conditions.OneTicketFor ?? DBNull.Value },
                serviceGroupId, BlockedDays.IdFor(officeId, day),
            ],
            reader => new NumberAttempt(
                reader.IsDBNull(0) ? null : serializer.FromJson<IdempotencyRecord>(reader, 0),
                reader.GetBoolean(1), reader.GetBoolean(2), reader.IsDBNull(3) ? null : ReadTaken(reader, 3)),
            new NumberAttempt(null, false, false, null), cancellationToken);
    }

    /// <summary>What may stand in the way of a number (<see cref="TryTakeNumberAsync"/>), besides a blocked day.</summary>
    /// <param name="IdempotencyRecordId">The request's answer record (an earlier answer to its key is given again).</param>
    /// <param name="OneTicketFor">The citizen who may hold one ticket of the group waiting or called a day.</param>
    public readonly record struct NumberConditions(string? IdempotencyRecordId, Guid? OneTicketFor);

    /// <summary>What <see cref="TryTakeNumberAsync"/> found; <see cref="Taken"/> is null unless nothing stood in the way.</summary>
    public sealed record NumberAttempt(IdempotencyRecord? Earlier, bool AlreadyWaiting, bool Blocked, TakenNumber? Taken);

    /// <summary>The number's statement behind the conditions' reads; the document tables' names are Marten's, read from the store once.</summary>
    private static string? tryTakeSql;

    private static string TryTakeNumberSql(IAppointmentsStore store)
    {
        string TableOf(Type documentType) => store.Options.FindOrResolveDocumentType(documentType).TableName.QualifiedName;
        // $1 scope, $2 day, $3 answer record id, $4 citizen, $5 group, $6 blocked-day id. A null $3 or $4 matches no row.
        return "with earlier as (select d.data from " + TableOf(typeof(IdempotencyRecord)) + " d where d.id = $3), " +
            "already as (select 1 from " + TableOf(typeof(QueueTicket)) + " t where t.citizen_id = $4 and t.service_group_id = $5 " +
            "and t.day = $2 and t.status in ('Waiting', 'Called') limit 1), " +
            "blocked as (select 1 from " + TableOf(typeof(BlockedDay)) + " b where b.id = $6), " +
            "taken as (insert into " + CounterTable + " as c (scope, day, last_number, tallied) select $1, $2, 1, true " +
            "where not exists (select 1 from earlier) and not exists (select 1 from already) and not exists (select 1 from blocked) " +
            "on conflict (scope, day) do update set last_number = c.last_number + 1 returning c.last_number, c.tallied) " +
            "select (select e.data from earlier e), exists (select 1 from already), exists (select 1 from blocked), " +
            "t.last_number, t.tallied, s.waiting, s.proven_waiting, s.finished, s.service_ms " +
            // The group's figures as they stand (the ticket being issued not among them yet).
            "from (select coalesce(sum(q.waiting), 0)::int as waiting, coalesce(sum(q.proven_waiting), 0)::int as proven_waiting, " +
            "coalesce(sum(q.finished), 0)::int as finished, coalesce(sum(q.service_ms), 0)::bigint as service_ms from " + TallyTable + " q " +
            "where q.scope = $1 and q.day = $2) s left join taken t on true";
    }

    private static TakenNumber ReadTaken(NpgsqlDataReader reader, int first) => new(reader.GetInt32(first), !reader.IsDBNull(first + 1) && reader.GetBoolean(first + 1),
        reader.GetInt32(first + 2), reader.GetInt32(first + 3), reader.GetInt32(first + 4), reader.GetInt64(first + 5));

    /// <summary>A number just taken, with the group's figures of that moment (committed tickets only, the new one not yet among them).</summary>
    public readonly record struct TakenNumber(int Number, bool Tallied, int Waiting, int ProvenWaiting, int Finished, long ServiceMilliseconds)
    {
        /// <summary>
        /// How many are ahead of the new ticket: every waiting ticket when it has no proven priority (each has a smaller
        /// number or a proven priority), the proven waiting ones when it has; what <see cref="ReadAsync"/> reads of it after
        /// its save, but for tickets committed in between. Null for a day not tallied (begun before the tally existed).
        /// </summary>
        public Reading? AheadOf(QueueTicket ticket)
        {
            ArgumentNullException.ThrowIfNull(ticket);
            return Tallied ? new Reading(ticket.HasProvenPriority ? ProvenWaiting : Waiting, Finished, ServiceMilliseconds) : null;
        }
    }

    /// <summary>What the tally counts of a ticket; <see cref="None"/> for a ticket not yet saved.</summary>
    public readonly record struct Share(bool Waiting, bool ProvenWaiting, bool Finished, long ServiceMilliseconds)
    {
        public static readonly Share None = default;

        public static Share Of(QueueTicket ticket)
        {
            ArgumentNullException.ThrowIfNull(ticket);
            var waiting = ticket.Status == TicketStatus.Waiting;
            var finished = ticket is { Status: TicketStatus.Done, StartedAt: not null, FinishedAt: not null };
            return new Share(waiting, waiting && ticket.HasProvenPriority, finished,
                finished ? (long)(ticket.FinishedAt!.Value - ticket.StartedAt!.Value).TotalMilliseconds : 0);
        }
    }

    /// <summary>
    /// Queues on <paramref name="session"/> the change of the group's figures from the ticket's share before the change
    /// (<paramref name="before"/>) to its share now; saved, or rolled back, with the ticket by the same SaveChanges.
    /// </summary>
    public static void Track(IDocumentSession session, Share before, QueueTicket ticket)
    {
        ArgumentNullException.ThrowIfNull(session);
        var after = Share.Of(ticket);
        if (after == before)
        {
            return;
        }

        session.QueueSqlCommand(TrackSql,
            Scope(ticket.OfficeId, ticket.ServiceGroupId), ticket.Day, ticket.Number % Shards,
            Difference(after.Waiting, before.Waiting), Difference(after.ProvenWaiting, before.ProvenWaiting), Difference(after.Finished, before.Finished),
            after.ServiceMilliseconds - before.ServiceMilliseconds);
    }

    /// <summary>How many are ahead of a waiting ticket, and the group's served tickets and their service time so far.</summary>
    public sealed record Reading(int Ahead, int Finished, long ServiceMilliseconds);

    /// <summary>
    /// Reads how many are ahead of <paramref name="ticket"/> (waiting): for a ticket without a proven priority, every waiting
    /// ticket but itself and those after it without a proven priority (called after it); for one with, the proven waiting
    /// ones before it. One statement, so the tally and the count are of one moment. Null when the day is not tallied.
    /// </summary>
    public static async Task<Reading?> ReadAsync(IAppointmentsStore store, QueueTicket ticket, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(ticket);
        var sql = readSql ??= "select s.waiting - 1 - (select count(*) from " + store.Options.FindOrResolveDocumentType(typeof(QueueTicket)).TableName.QualifiedName + " t " +
            "where t.office_id = $1 and t.service_group_id = $2 and t.day = $3 and t.status = 'Waiting' and t.number > $4 " +
            "and (t.data ->> 'priority' <> 'None' and t.data ->> 'priorityCheck' in ('ByProfile', 'AtCounter')) = $5), s.finished, s.service_ms " +
            "from " + CounterTable + " c cross join lateral (select coalesce(sum(case when $5 then q.proven_waiting else q.waiting end), 0) as waiting, " +
            "coalesce(sum(q.finished), 0) as finished, coalesce(sum(q.service_ms), 0)::bigint as service_ms from " + TallyTable + " q " +
            "where q.scope = c.scope and q.day = c.day) s where c.scope = $6 and c.day = $3 and c.tallied";
        // Never below zero: a ticket called between its save and this read is no longer in the tally.
        return await ReadRowAsync(store, sql,
            [ticket.OfficeId, ticket.ServiceGroupId, ticket.Day, ticket.Number, ticket.HasProvenPriority, Scope(ticket.OfficeId, ticket.ServiceGroupId)],
            reader => (Reading?)new Reading((int)Math.Max(0, reader.GetInt64(0)), (int)reader.GetInt64(1), reader.GetInt64(2)), null, cancellationToken);
    }

    /// <summary>
    /// Runs one statement (positional parameters: values, or parameters made by the caller where a null needs a type) on
    /// a pooled connection of the store: its first row read by <paramref name="read"/>, or <paramref name="none"/> when it
    /// returns no row.
    /// </summary>
    private static async Task<T> ReadRowAsync<T>(IAppointmentsStore store, string sql, object[] values, Func<NpgsqlDataReader, T> read, T none, CancellationToken cancellationToken)
    {
        await using var connection = store.Storage.Database.CreateConnection();
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var value in values)
        {
            command.Parameters.Add(value as NpgsqlParameter ?? new NpgsqlParameter { Value = value });
        }

        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? read(reader) : none;
    }

    private static int Difference(bool after, bool before) => (after ? 1 : 0) - (before ? 1 : 0);
}
