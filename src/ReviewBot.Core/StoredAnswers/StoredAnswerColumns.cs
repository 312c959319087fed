using System.Buffers;
using System.Data.Common;
using ReviewBot.Core.Charts;
using SQLitePCL;

namespace ReviewBot.Core.StoredAnswers;

/// <summary>
/// A stored answer read from the columns of a row that selects one: <see cref="StoredAnswerStore"/>'s
/// read, and the version read that brings the answer along with the version (Answers' ReviewVersionReader).
/// From a given column on, the row holds <c>a.with_chart, a.message, c.png</c> on SQLite and
/// <c>a.with_chart, length(a.message), length(c.png), a.message, c.png</c> on a streamed reader, with
/// <c>a</c> a review_answers row (every column null when none was joined) and <c>c</c> the chart
/// joined by <see cref="ChartJoin"/>.
/// </summary>
internal static class StoredAnswerColumns
{
    /// <summary>
    /// The review's chart, joined only for an answer that attaches it, and only if it was drawn from the
    /// version the answer was built from: in the same statement as the answer, so both come from one snapshot.
    /// </summary>
    public const string ChartJoin =
        """
        LEFT JOIN review_charts c
          ON a.with_chart <> 0 AND c.review_id = a.review_id AND c.drawn_from = a.content_hash AND c.png IS NOT NULL
        """;

    /// <summary>
    /// The answer on the statement's current row, its bytes copied from the columns into arrays rented
    /// from <paramref name="pool"/>. Null when the row joined no answer, or the answer attaches a chart
    /// and none of its version is stored (an answer without the image it refers to is not the answer).
    /// </summary>
    public static StoredAnswerRead? FromSqlite(sqlite3_stmt statement, int first, ArrayPool<byte> pool)
    {
        if (raw.sqlite3_column_type(statement, first) == raw.SQLITE_NULL)
        {
            return null;
        }

        var withChart = raw.sqlite3_column_int64(statement, first) != 0;
        if (withChart && raw.sqlite3_column_type(statement, first + 2) == raw.SQLITE_NULL)
        {
            return null;
        }

        var message = Rent(pool, raw.sqlite3_column_blob(statement, first + 1));
        if (!withChart)
        {
            return new StoredAnswerRead(message, null);
        }

        try
        {
            return new StoredAnswerRead(message, Rent(pool, raw.sqlite3_column_blob(statement, first + 2)));
        }
        catch
        {
            message.Dispose();
            throw;
        }
    }

    /// <summary>
    /// The same from a reader opened with sequential access, its earlier columns read already: the lengths
    /// come first, so the arrays are rented at their sizes and the blobs stream from the connection's buffer into them.
    /// </summary>
    public static async ValueTask<StoredAnswerRead?> FromStreamAsync(DbDataReader reader, int first, ArrayPool<byte> pool, CancellationToken cancellationToken)
    {
        if (await reader.IsDBNullAsync(first, cancellationToken))
        {
            return null;
        }

        var withChart = reader.GetInt64(first) != 0;
        var messageLength = reader.GetInt32(first + 1);
        var chartLength = await reader.IsDBNullAsync(first + 2, cancellationToken) ? -1 : reader.GetInt32(first + 2);
        if (withChart && chartLength < 0)
        {
            return null;
        }

        var message = pool.Rent(messageLength);
        byte[]? chart = null;
        try
        {
            await using (var stream = reader.GetStream(first + 3))
            {
                await stream.ReadExactlyAsync(message.AsMemory(0, messageLength), cancellationToken);
            }

            if (withChart)
            {
                chart = pool.Rent(chartLength);
                await using var stream = reader.GetStream(first + 4);
                await stream.ReadExactlyAsync(chart.AsMemory(0, chartLength), cancellationToken);
            }
        }
        catch
        {
            pool.Return(message);
            if (chart is not null)
            {
                pool.Return(chart);
            }

            throw;
        }

        return new StoredAnswerRead(
            new RentedBytes(pool, message, messageLength),
            chart is null ? null : new RentedBytes(pool, chart, chartLength));
    }

    private static RentedBytes Rent(ArrayPool<byte> pool, ReadOnlySpan<byte> bytes)
    {
        var array = pool.Rent(bytes.Length);
        bytes.CopyTo(array);
        return new RentedBytes(pool, array, bytes.Length);
    }
}
