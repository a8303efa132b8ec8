namespace Reintegratie.Edge.Core.Events;

/// <summary>Why a Remote ID track looks forged (flags; the track is still reported, never dropped).</summary>
[Flags]
public enum SpoofReasons : byte
{
    /// <summary>Nothing implausible seen.</summary>
    None = 0,

    /// <summary>Two positions of one track further apart than the aircraft could have flown in the time between.</summary>
    SpeedJump = 1,

    /// <summary>One radio address announced many UAS ids (one cheap transmitter broadcasting a swarm of fakes).</summary>
    ManyIdsOneMac = 2,

    /// <summary>The transport's message counter repeated or went backwards (a replay or a second transmitter).</summary>
    CounterReplay = 4,

    /// <summary>
    /// Heard while the receiver's budget of new tracks was spent (a flood of new ids, e.g. one per random MAC): the id
    /// was folded into the receiver's one flood track instead of getting its own.
    /// </summary>
    NewIdFlood = 8,

    /// <summary>Reported over the site by one receiver while other receivers in range, alive, did not hear it.</summary>
    SingleReceiver = 16,
}
