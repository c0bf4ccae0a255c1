// Transition only: the EF Core counter, removed once every module is on Marten.
using System.Data.Common;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace Province.BuildingBlocks.Persistence;

/// <summary>
/// Running numbers per scope and day (dossier codes, queue tickets). The counter is a row
/// <c>(scope, day, last number)</c> of an entity the module maps; one
/// <c>INSERT ... ON CONFLICT DO UPDATE ... RETURNING</c> creates the day's row or takes the next number.
/// Concurrent callers on any number of host instances get distinct consecutive numbers.
/// </summary>
public static partial class DailyCounter
{
    /// <summary>
    /// On PostgreSQL the number is taken in a transaction of its own, on a pooled context of its own, so
    /// the counter row is locked for one statement instead of the caller's whole transaction (which
    /// serialized every submission of an agency: 127 ms mean lock wait in build/benchmark.sh). A caller
    /// that then fails leaves a gap, as a voided paper receipt does. SQLite (one instance, one writer)
    /// takes it inside the caller's transaction.
    /// </summary>
    public static async Task<int> TakeAsync<TCounter, TContext>(TContext db, IServiceScopeFactory scopes, string scopeColumn, string scope, DateOnly day, CancellationToken cancellationToken)
        where TContext : DbContext
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(scopes);
        if (!db.Database.IsNpgsql())
        {
            return await NextAsync<TCounter>(db, scopeColumn, scope, day, cancellationToken);
        }

        await using var own = scopes.CreateAsyncScope();
        return await NextAsync<TCounter>(own.ServiceProvider.GetRequiredService<TContext>(), scopeColumn, scope, day, cancellationToken);
    }

    /// <summary>Takes the next number inside <paramref name="db"/>'s current transaction (or on its own when there is none).</summary>
    /// <param name="scopeColumn">The counter's scope column (e.g. "AgencyCode"); the day column is "Day", the number "LastNumber".</param>
    public static async Task<int> NextAsync<TCounter>(DbContext db, string scopeColumn, string scope, DateOnly day, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var entity = db.Model.FindEntityType(typeof(TCounter))
            ?? throw new InvalidOperationException($"{typeof(TCounter).Name} is not mapped by {db.GetType().Name}.");
        var postgres = db.Database.IsNpgsql();
        var table = entity.GetSchema() is { } schema && postgres
            ? $"\"{schema}\".\"{entity.GetTableName()}\""
            : $"\"{entity.GetTableName()}\"";
        await db.Database.OpenConnectionAsync(cancellationToken);
        await using var command = db.Database.GetDbConnection().CreateCommand();
        command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
#pragma warning disable CA2100 // Table and column names come from our own model, values are parameters.
        command.CommandText =
            $"INSERT INTO {table} AS c (\"{scopeColumn}\", \"Day\", \"LastNumber\") VALUES (@scope, @day, 1) " +
            $"ON CONFLICT (\"{scopeColumn}\", \"Day\") DO UPDATE SET \"LastNumber\" = c.\"LastNumber\" + 1 RETURNING \"LastNumber\"";
#pragma warning restore CA2100
        Add(command, "@scope", scope);
        Add(command, "@day", postgres ? day : day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        return Convert.ToInt32(await command.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture);
    }

    private static void Add(DbCommand command, string name, object value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
    }
}
