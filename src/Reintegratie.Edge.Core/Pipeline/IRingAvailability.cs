namespace Reintegratie.Edge.Core.Pipeline;

/// <summary>The non-generic part of a ring a barrier needs.</summary>
internal interface IRingAvailability
{
    long GetHighestPublishedSequence(long lowerBound, long availableSequence);
}
