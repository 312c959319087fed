namespace ReviewBot.Interactions;

/// <summary>Timing of interaction replies.</summary>
public sealed class InteractionDispatchOptions
{
    /// <summary>
    /// A handler still running after this long gets a defer (callback 5, or 6 for components) and its
    /// answer edits the original response later. Discord drops initial responses after 3 s (3.2), so this
    /// leaves room for a slow network and a rate-limit wait.
    /// </summary>
    public TimeSpan DeferAfter { get; set; } = TimeSpan.FromMilliseconds(1500);
}
