namespace Reintegratie.Edge.Mqtt.Tests.Support;

/// <summary>Waits for a condition with a generous timeout (no timed assertions: the machine is noisy).</summary>
public static class Wait
{
    public static Task UntilAsync(Func<bool> condition, TimeSpan timeout, string what) => UntilAsync(condition, timeout, () => what);

    /// <summary>As above; <paramref name="what"/> describes the state seen when the time is up.</summary>
    public static async Task UntilAsync(Func<bool> condition, TimeSpan timeout, Func<string> what)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Timed out after {timeout.TotalSeconds:0} s waiting for: {what()}");
            }

            await Task.Delay(50);
        }
    }
}
