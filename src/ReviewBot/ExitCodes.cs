namespace ReviewBot;

/// <summary>
/// The process's exit codes, shared by every verb and by the bot when it stops itself:
/// 0 a normal stop, 1 anything unexpected, 2 a usage or configuration problem (including the token).
/// </summary>
public static class ExitCodes
{
    public const int Ok = 0;
    public const int Failure = 1;
    public const int Usage = 2;
}
