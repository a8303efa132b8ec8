namespace Reintegratie.Edge.Mqtt.Outbox;

/// <summary>A publish of an outbox row was not acknowledged; the session ends and the row is sent again after reconnecting.</summary>
public sealed class OutboxPublishException : Exception
{
    /// <summary>Creates the exception.</summary>
    public OutboxPublishException(long rowId, string reason, Exception? inner = null)
        : base($"Outbox row {rowId} was not acknowledged: {reason}", inner)
    {
        RowId = rowId;
    }

    /// <summary>Creates the exception.</summary>
    public OutboxPublishException()
        : this(0, "unknown")
    {
    }

    /// <summary>Creates the exception.</summary>
    public OutboxPublishException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception.</summary>
    public OutboxPublishException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>The outbox row that failed.</summary>
    public long RowId { get; }
}
