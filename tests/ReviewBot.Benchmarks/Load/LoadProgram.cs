namespace ReviewBot.Benchmarks.Load;

public static class LoadProgram
{
    public static Task<int> RunAsync(string[] args) => Task.FromResult(0);
}
