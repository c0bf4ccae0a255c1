using System.Data.Common;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace Province.BuildingBlocks.Persistence;

/// <summary>
/// Gap-free running numbers per scope and day (dossier codes, queue tickets). The counter is a row
/// <c>(scope, day, last number)</c> of an entity the module maps; one
/// <c>INSERT ... ON CONFLICT DO UPDATE ... RETURNING</c> creates the day's row or takes the next number
/// inside the caller's transaction. PostgreSQL holds the row lock until commit, so concurrent callers
/// on any number of host instances get distinct consecutive numbers, and a rolled-back caller gives
/// its number back. SQLite runs the same statement.
/// </summary>
public static class DailyCounter
{
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
