using Marten;
using Marten.Services;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Province.BuildingBlocks.Persistence;

/// <summary>
/// Marten's logging without parameter values: Marten's default logger writes a failed command's SQL
/// with its parameters (names, phone numbers, CCCD) at Error level. Here a failure is logged with the
/// SQL text and the PostgreSQL error only; the request's own error handling logs the rest.
/// </summary>
internal sealed partial class ParameterFreeMartenLogger(ILogger logger) : IMartenLogger, IMartenSessionLogger
{
    public IMartenSessionLogger StartSession(IQuerySession session) => this;

    public void SchemaChange(string sql) => LogSchemaChange(logger, sql);

    public void LogSuccess(NpgsqlCommand command)
    {
    }

    public void LogSuccess(NpgsqlBatch batch)
    {
    }

    public void LogFailure(NpgsqlCommand command, Exception ex)
    {
        ArgumentNullException.ThrowIfNull(command);
        LogCommandFailed(logger, Describe(ex), command.CommandText);
    }

    public void LogFailure(NpgsqlBatch batch, Exception ex)
    {
        ArgumentNullException.ThrowIfNull(batch);
        LogCommandFailed(logger, Describe(ex), string.Join("; ", batch.BatchCommands.Cast<NpgsqlBatchCommand>().Select(c => c.CommandText)));
    }

    public void LogFailure(Exception ex, string message) => LogCommandFailed(logger, Describe(ex), message);

    public void RecordSavedChanges(IDocumentSession session, IChangeSet commit)
    {
    }

    public void OnBeforeExecute(NpgsqlCommand command)
    {
    }

    public void OnBeforeExecute(NpgsqlBatch batch)
    {
    }

    /// <summary>The SQLSTATE and PostgreSQL's message without its DETAIL line (which quotes the row's values).</summary>
    private static string Describe(Exception exception) => exception.GetBaseException() switch
    {
        PostgresException postgres => $"{postgres.SqlState} {postgres.MessageText}",
        var other => other.GetType().Name,
    };

    [LoggerMessage(Level = LogLevel.Information, Message = "Schema change: {Sql}")]
    private static partial void LogSchemaChange(ILogger logger, string sql);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Database command failed ({Error}): {Sql}")]
    private static partial void LogCommandFailed(ILogger logger, string error, string sql);
}
