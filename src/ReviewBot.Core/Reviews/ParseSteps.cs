namespace ReviewBot.Core.Reviews;

/// <summary>
/// Counts the characters the parser looks at. Every scanner adds what it reads, so tests can check
/// that the work stays within a constant times the input's length for any input: linear by
/// construction, checked without a clock.
/// </summary>
internal sealed class ParseSteps
{
    public long Count { get; private set; }

    public void Add(int characters) => Count += characters;
}
