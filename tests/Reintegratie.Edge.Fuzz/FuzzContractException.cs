namespace Reintegratie.Edge.Fuzz;

/// <summary>
/// A parser returned normally but broke its own contract (e.g. rejected without a reason). Thrown by a target so
/// afl-fuzz records the input as a crash like any other unexpected exception.
/// </summary>
internal sealed class FuzzContractException : Exception
{
    public FuzzContractException()
    {
    }

    public FuzzContractException(string message)
        : base(message)
    {
    }

    public FuzzContractException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
