namespace Reintegratie.Edge.Journal.Tests.Writing;

/// <summary>A fact that needs to mount a tmpfs (root); skipped with the reason otherwise.</summary>
public sealed class SmallFilesystemFactAttribute : FactAttribute
{
    private static readonly Lazy<bool> s_canMount = new(SmallFilesystem.CanMount);

    public SmallFilesystemFactAttribute()
    {
        if (!OperatingSystem.IsLinux() || !s_canMount.Value)
        {
            Skip = "cannot mount a tmpfs here (needs Linux and root)";
        }
    }
}
