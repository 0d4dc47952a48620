namespace Exam.Core.Rating;

/// <summary>
/// Where validity papers go in a rater's live queue: one in every <see cref="OneIn"/> claims (default 10), at a place
/// in each block of <see cref="OneIn"/> that a hash of the rater, the window and the block picks, so a rater cannot
/// count their way to it while a test can compute it. Deterministic: no clock, no random source.
/// </summary>
public sealed record SeedingPlan(int OneIn = 10)
{
    /// <summary>Whether the rater's claim number <paramref name="ordinal"/> (0-based, within the window) is a validity paper.</summary>
    public bool IsSeed(long raterId, long windowId, int ordinal)
    {
        if (OneIn < 2) throw new InvalidOperationException("Seeding needs at least one live read between validity papers.");
        ArgumentOutOfRangeException.ThrowIfNegative(ordinal);
        var block = ordinal / OneIn;
        return ordinal % OneIn == (int)(Mix((ulong)raterId, (ulong)windowId, (ulong)block) % (ulong)OneIn);
    }

    /// <summary>How many validity papers go with this many live reads so they make about one in <see cref="OneIn"/>.</summary>
    public int SeedsFor(int liveReads) => liveReads <= 0 ? 0 : (liveReads + OneIn - 2) / (OneIn - 1);

    // SplitMix64's finaliser over the three inputs: stable across runs and platforms (unlike string.GetHashCode).
    private static ulong Mix(ulong a, ulong b, ulong c)
    {
        var z = a * 0x9E3779B97F4A7C15UL ^ (b + 0x632BE59BD9B4E019UL) * 0xBF58476D1CE4E5B9UL ^ (c + 1) * 0x94D049BB133111EBUL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
