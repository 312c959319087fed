namespace ReviewBot.Benchmarks.Data;

/// <summary>
/// Deterministic, distinct, title-like show names ("Crimson Blade Chronicles"): 50 adjectives x 50
/// nouns x 40 endings = 100,000 combinations, so any count up to that has unique slugs.
/// </summary>
public static class ShowTitles
{
    private static readonly string[] Adjectives =
    [
        "Crimson", "Silent", "Metallic", "Azure", "Broken", "Eternal", "Hidden", "Lonely", "Golden", "Frozen",
        "Wandering", "Scarlet", "Violet", "Iron", "Paper", "Neon", "Lunar", "Solar", "Shattered", "Gentle",
        "Savage", "Hollow", "Radiant", "Twilight", "Midnight", "Electric", "Velvet", "Crystal", "Phantom", "Wild",
        "Sleepless", "Distant", "Burning", "Last", "First", "Little", "Grand", "Secret", "Cursed", "Blessed",
        "Steel", "Amber", "Emerald", "Obsidian", "Silver", "Restless", "Fading", "Rising", "Falling", "Endless",
    ];

    private static readonly string[] Nouns =
    [
        "Rouge", "Blade", "Garden", "Requiem", "Horizon", "Alchemist", "Academy", "Voyage", "Labyrinth", "Kingdom",
        "Witch", "Knight", "Samurai", "Detective", "Idol", "Dragon", "Frontier", "Symphony", "Carnival", "Harbor",
        "Station", "Signal", "Engine", "Orchard", "Lantern", "Compass", "Archive", "Tower", "Festival", "Circuit",
        "Sparrow", "Tempest", "Mirage", "Citadel", "Oracle", "Prism", "Canvas", "Ember", "Meadow", "Paradox",
        "Serpent", "Anthem", "Beacon", "Chronicle", "Dynasty", "Echo", "Galaxy", "Hunter", "Legend", "Melody",
    ];

    private static readonly string[] Endings =
    [
        "", "Chronicles", "Academy", "Kai", "Next", "Origins", "Reborn", "Infinity", "Stampede", "Brotherhood",
        "Alternative", "Unlimited", "Evolution", "Legacy", "Rhapsody", "Ultra", "Zero", "Online", "Storm", "Saga",
        "Diaries", "Odyssey", "Tales", "Rebellion", "Sunrise", "Nocturne", "Overdrive", "Paradise", "Revolution", "Shadows",
        "Genesis", "Horizon Line", "Resonance", "Encore", "Aftermath", "Crossing", "Memories", "Promise", "Gambit", "Finale",
    ];

    public const int MaxCount = 100_000;

    /// <summary>Title number <paramref name="index"/> (0-based); indexes are spread over the combinations so neighbours differ.</summary>
    public static string At(int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, MaxCount);

        // A multiplicative permutation of 0..MaxCount-1 (7919 is prime and coprime to 100,000).
        var n = (int)((index * 7919L) % MaxCount);
        var adjective = Adjectives[n % Adjectives.Length];
        var noun = Nouns[n / Adjectives.Length % Nouns.Length];
        var ending = Endings[n / (Adjectives.Length * Nouns.Length)];
        return ending.Length == 0 ? $"{adjective} {noun}" : $"{adjective} {noun} {ending}";
    }
}
