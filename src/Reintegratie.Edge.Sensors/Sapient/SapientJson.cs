using Google.Protobuf;
using Reintegratie.Edge.Sensors.Sapient.Proto;

namespace Reintegratie.Edge.Sensors.Sapient;

/// <summary>
/// The protobuf JSON mapping of <see cref="SapientMessage"/> (the form the harness's sample messages use).
/// Unknown fields are an error: a misspelt field name must not silently pass as "absent".
/// </summary>
public static class SapientJson
{
    private static readonly JsonParser s_parser = new(JsonParser.Settings.Default.WithIgnoreUnknownFields(false));
    private static readonly JsonFormatter s_formatter = new(JsonFormatter.Settings.Default.WithFormatDefaultValues(false));

    /// <summary>Parses JSON; throws <see cref="SapientFormatException"/> saying why it is not a SapientMessage.</summary>
    public static SapientMessage Parse(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        try
        {
            return s_parser.Parse<SapientMessage>(json);
        }
        catch (InvalidProtocolBufferException e)
        {
            throw new SapientFormatException($"not a SapientMessage in JSON: {e.Message}", e);
        }
        catch (InvalidJsonException e)
        {
            throw new SapientFormatException($"not valid JSON: {e.Message}", e);
        }
        catch (FormatException e)
        {
            throw new SapientFormatException($"bad value in JSON: {e.Message}", e);
        }
        catch (InvalidOperationException e)
        {
            throw new SapientFormatException($"bad JSON structure: {e.Message}", e);
        }
    }

    /// <summary>Formats a message as one line of protobuf JSON (camelCase names, enums by name).</summary>
    /// <exception cref="SapientFormatException">The message holds a value JSON cannot express (e.g. a timestamp outside years 0001-9999; found by fuzzing).</exception>
    public static string Format(SapientMessage message)
    {
        try
        {
            return s_formatter.Format(message);
        }
        catch (InvalidOperationException e)
        {
            // Google.Protobuf's JsonFormatter throws InvalidOperationException for non-normalised timestamps and durations.
            throw new SapientFormatException($"cannot be written as JSON: {e.Message} (e.g. a timestamp outside years 0001-9999)", e);
        }
    }
}
