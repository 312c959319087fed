namespace ReviewBot.Core.Reviews;

/// <summary>
/// The outcome of parsing: a review, or what was wrong and where. Broken input is expected (people
/// write these files by hand), so it is a value, not an exception.
/// </summary>
/// <param name="Line">1-based line of the problem, when it is on one line.</param>
/// <param name="NotAReview">True when the text does not look like a review at all, rather than a broken one.</param>
public sealed record ParseResult(Review? Review, string? Error, int? Line, bool NotAReview)
{
    public bool Succeeded => Review is not null;

    public static ParseResult Ok(Review review) => new(review, null, null, false);

    public static ParseResult Fail(string error, int? line = null) => new(null, error, line, false);

    public static ParseResult NotReview(string error, int? line = null) => new(null, error, line, true);
}
