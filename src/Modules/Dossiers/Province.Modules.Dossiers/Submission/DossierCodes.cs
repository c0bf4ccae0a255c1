using System.Data.Common;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Province.Modules.Dossiers.Data;

namespace Province.Modules.Dossiers.Submission;

/// <summary>
/// Dossier codes <c>&lt;agency code&gt;-YYMMDD-XXXX</c> (Thông tư 01/2018/TT-VPCP, Article 19): XXXX is
/// the agency's running number of the day. One upsert both creates the day's counter and takes the
/// next number, inside the submission's transaction: PostgreSQL holds the counter row's lock until
/// commit, so concurrent submissions (on any number of host instances) get distinct numbers, and a
/// submission that rolls back gives its number back. SQLite runs the same statement.
/// </summary>
internal static class DossierCodes
{
    public static async Task<string> NextAsync(DossiersDbContext db, string agencyCode, DateOnly day, CancellationToken cancellationToken)
    {
        var entity = db.Model.FindEntityType(typeof(DossierCodeSequence))!;
        var table = entity.GetSchema() is { } schema && db.Database.IsNpgsql()
            ? $"\"{schema}\".\"{entity.GetTableName()}\""
            : $"\"{entity.GetTableName()}\"";
        var connection = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
        command.CommandText =
            $"INSERT INTO {table} AS s (\"AgencyCode\", \"Day\", \"LastNumber\") VALUES (@agency, @day, 1) " +
            "ON CONFLICT (\"AgencyCode\", \"Day\") DO UPDATE SET \"LastNumber\" = s.\"LastNumber\" + 1 RETURNING \"LastNumber\"";
        Add(command, "@agency", agencyCode);
        Add(command, "@day", db.Database.IsNpgsql() ? day : day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        var number = Convert.ToInt32(await command.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture);
        // Four digits as the circular prescribes; a day beyond 9,999 dossiers widens rather than repeats.
        return $"{agencyCode}-{day:yyMMdd}-{number.ToString("D4", CultureInfo.InvariantCulture)}";
    }

    private static void Add(DbCommand command, string name, object value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
    }
}
