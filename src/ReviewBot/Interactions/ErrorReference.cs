using System.Security.Cryptography;

namespace ReviewBot.Interactions;

/// <summary>Short ids a user can quote ("ref K7Q2XM") and an operator can find in the log.</summary>
public static class ErrorReference
{
    // No 0/O or 1/I: people read these aloud and retype them.
    private const string Alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";

    public static string New() => RandomNumberGenerator.GetString(Alphabet, 6);
}
