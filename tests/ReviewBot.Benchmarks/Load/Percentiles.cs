namespace ReviewBot.Benchmarks.Load;

/// <summary>Nearest-rank percentiles over a sample, the way latency targets are usually stated.</summary>
public sealed record LatencySummary(int Count, double P50, double P99, double Max, double Mean)
{
    public static LatencySummary? Of(IReadOnlyCollection<double> values)
    {
        if (values.Count == 0)
        {
            return null;
        }

        var sorted = values.Order().ToArray();
        return new LatencySummary(sorted.Length, Rank(sorted, 0.50), Rank(sorted, 0.99), sorted[^1], sorted.Average());
    }

    private static double Rank(double[] sorted, double percentile) =>
        sorted[Math.Clamp((int)Math.Ceiling(percentile * sorted.Length) - 1, 0, sorted.Length - 1)];
}
