namespace ReviewBot.Core.Storage;

/// <summary>
/// Bytes read into arrays rented from a pool. <see cref="IDisposable.Dispose"/> hands them back, after
/// which nothing may read them; <see cref="Keep"/> hands them over for good instead, to whatever holds
/// them from then on (a cache that keeps the answer they were read for). Whichever comes first wins
/// and the other does nothing.
/// </summary>
public interface IRented : IDisposable
{
    void Keep();
}
