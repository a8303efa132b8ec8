using System.Globalization;
using Reintegratie.Edge.Core.Alerts;
using Reintegratie.Edge.Core.Events;

namespace Reintegratie.Edge.Core.Fusion;

/// <summary>
/// Operator commands in event order: <c>ack</c> acknowledges an active alert (a new revision), <c>bypass</c> puts a
/// zone in maintenance until a mandatory expiry (at most <see cref="FusionOptions.MaxBypassHours"/>, 24 h) with a
/// mandatory reason, once <see cref="FusionOptions.BypassApprovals"/> different keys sent it (two-person rule by
/// default) and within <see cref="FusionOptions.MaxBypassRenewalsPerDay"/> renewals a day, <c>resync</c> only confirms (the transport republishes). Every outcome completes the command's
/// <see cref="OperatorCommand.Completion"/> (absent in replay) and is noted as <c>command_result</c>.
/// </summary>
internal sealed class CommandHandler
{
    private readonly FusionContext _ctx;
    private readonly Dictionary<int, (DateTimeOffset Until, string Reason, string By, DateTimeOffset At)> _pending = [];
    private readonly Dictionary<(int Zone, DateOnly Day), int> _renewals = [];

    public CommandHandler(FusionContext ctx)
    {
        _ctx = ctx;
    }

    public void OnCommand(SensorEvent e)
    {
        if (e.Attachment is not OperatorCommand cmd)
        {
            return;
        }

        if (cmd.Refusal is { } refusal)
        {
            cmd.Completion?.TrySetResult(new CommandResult(false, refusal, cmd.AlertId)); // journaled by the journal stage only
            return;
        }

        var result = cmd.Verb switch
        {
            CommandVerb.Ack => Ack(cmd, e),
            CommandVerb.Bypass => Bypass(cmd, e),
            CommandVerb.Resync => new CommandResult(true, "resync: the transport republishes the present state"),
            _ => new CommandResult(false, $"unknown verb {(int)cmd.Verb}"),
        };
        var verb = cmd.Verb.ToString().ToLowerInvariant();
        var detail = $"{verb} {(result.Ok ? "ok" : "refused")} from {cmd.Sender}: {result.Message}";
        _ctx.Alerts.Note(new JournalNote("command_result", e.At, cmd.Verb == CommandVerb.Bypass ? cmd.Zone : null, detail, result.AlertId), e.EventId);
        cmd.Completion?.TrySetResult(result);
    }

    private CommandResult Ack(OperatorCommand cmd, SensorEvent e)
    {
        if (string.IsNullOrWhiteSpace(cmd.AlertId))
        {
            return new CommandResult(false, "ack needs an alert id");
        }

        if (!_ctx.Alerts.TryGet(cmd.AlertId, out var alert))
        {
            return new CommandResult(false, $"unknown alert '{cmd.AlertId}'", cmd.AlertId);
        }

        if (!alert.IsActive)
        {
            return new CommandResult(false, $"alert '{alert.Id}' has ended", alert.Id, alert.Revision);
        }

        if (alert.Acknowledged is { } done)
        {
            return new CommandResult(true, $"already acknowledged by {done.By}", alert.Id, alert.Revision);
        }

        var by = cmd.Sender; // the verified key id: an operator name in the payload is only a claim
        alert.Acknowledged = new Acknowledgement(by, e.At, cmd.Note);
        _ctx.Alerts.Publish(alert, e.At, e.EventId);
        return new CommandResult(true, $"acknowledged by {by}", alert.Id, alert.Revision);
    }

    private CommandResult Bypass(OperatorCommand cmd, SensorEvent e)
    {
        var zone = _ctx.Site.ZoneIndexOf(cmd.Zone);
        if (zone < 0)
        {
            return new CommandResult(false, $"unknown zone '{cmd.Zone}'");
        }

        if (cmd.Until is not { } until)
        {
            return new CommandResult(false, "bypass needs an expiry (until)");
        }

        if (until <= e.At)
        {
            return new CommandResult(false, Invariant($"until {until:O} is not after the command time {e.At:O}"));
        }

        if ((until - e.At).TotalHours > _ctx.Options.MaxBypassHours)
        {
            return new CommandResult(false, Invariant($"until {until:O} is more than {_ctx.Options.MaxBypassHours} h after the command time"));
        }

        if (string.IsNullOrWhiteSpace(cmd.Reason))
        {
            return new CommandResult(false, "bypass needs a reason");
        }

        var renewal = _ctx.Bypass.IsBypassed(zone);
        var day = DateOnly.FromDateTime(e.At.UtcDateTime);
        if (renewal && _renewals.GetValueOrDefault((zone, day)) >= _ctx.Options.MaxBypassRenewalsPerDay)
        {
            return new CommandResult(false, Invariant($"zone {cmd.Zone}: {_ctx.Options.MaxBypassRenewalsPerDay} renewals today already; a new bypass can start once this one ends"));
        }

        var authorisedBy = cmd.Sender;
        if (_ctx.Options.BypassApprovals > 1)
        {
            // Two-person rule: the same bypass from a second, different key within the approval window starts it.
            if (_pending.TryGetValue(zone, out var p) && p.Until == until && p.Reason == cmd.Reason
                && (e.At - p.At).TotalMinutes <= _ctx.Options.BypassApprovalMinutes)
            {
                if (p.By == cmd.Sender)
                {
                    return new CommandResult(false, Invariant($"zone {cmd.Zone}: already requested by {cmd.Sender}; a second, different key must approve it (two-person rule)"));
                }

                _pending.Remove(zone);
                authorisedBy = p.By + "," + cmd.Sender;
            }
            else
            {
                _pending[zone] = (until, cmd.Reason, cmd.Sender, e.At);
                _ctx.Alerts.Note(new JournalNote("bypass_requested", e.At, cmd.Zone, Invariant($"until {until:O} by {cmd.Sender}: {cmd.Reason}; awaiting a second key")), e.EventId);
                return new CommandResult(true, Invariant($"bypass of zone {cmd.Zone} requested by {cmd.Sender}; it starts when a second authorised key sends the same bypass within {_ctx.Options.BypassApprovalMinutes:0.#} min (two-person rule)"));
            }
        }

        if (renewal)
        {
            _renewals[(zone, day)] = _renewals.GetValueOrDefault((zone, day)) + 1;
        }

        _ctx.Bypass.Start(zone, until, cmd.Reason, authorisedBy, e.At, e.EventId);
        return new CommandResult(true, Invariant($"zone {cmd.Zone} bypassed until {until:O}, authorised by {authorisedBy}"));
    }

    private static string Invariant(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
