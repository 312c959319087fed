namespace ReviewBot.Core.Storage;

/// <summary>
/// Bytes read into arrays rented from a pool. <see cref="IDisposable.Dispose"/> hands them back, after
/// which nothing may read them; whatever must hold the bytes longer copies them first. Disposing
/// again does nothing.
/// </summary>
public interface IRented : IDisposable;
