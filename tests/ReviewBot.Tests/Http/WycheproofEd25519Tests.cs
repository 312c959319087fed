using System.Text.Json;
using Microsoft.Extensions.Time.Testing;
using ReviewBot.Http;

namespace ReviewBot.Tests.Http;

/// <summary>
/// Every case of Project Wycheproof's Ed25519 verification vectors (<c>Http/Vectors/wycheproof-ed25519.json</c>,
/// source and licence in the README beside it) through <see cref="Ed25519SignatureVerifier.Verify"/>, the
/// check <see cref="Ed25519SignatureVerifier.Check"/> makes once it has put the timestamp and body together.
/// The vectors' messages are arbitrary bytes (several are empty), so they go to that method rather than
/// through <c>Check</c>, which requires a digits-only timestamp in front of a non-empty body.
/// </summary>
public sealed class WycheproofEd25519Tests
{
    private static readonly IReadOnlyDictionary<int, Case> Cases = Load();

    public sealed record Case(int TcId, string Comment, string PublicKey, string Message, string Signature, string Result, IReadOnlyList<string> Flags);

    // Only the id and comment go into the rows: they are what names a row in a failure, and xunit can
    // serialise them, so every case is discovered and reported as its own test.
    public static TheoryData<int, string> CaseIds()
    {
        var data = new TheoryData<int, string>();
        foreach (var c in Cases.Values.OrderBy(c => c.TcId))
        {
            data.Add(c.TcId, c.Comment);
        }

        return data;
    }

    [Fact]
    public void VectorFile_LoadsEveryCaseItDeclares()
    {
        using var document = OpenDocument();
        var declared = document.RootElement.GetProperty("numberOfTests").GetInt32();

        Assert.Equal(declared, Cases.Count);
        Assert.Equal(declared, CaseIds().Count);
        Assert.All(Cases.Values, c => Assert.Contains(c.Result, new[] { "valid", "invalid", "acceptable" }));
        Assert.Contains(Cases.Values, c => c.Result == "valid");
        Assert.Contains(Cases.Values, c => c.Result == "invalid");
    }

    [Theory]
    [MemberData(nameof(CaseIds))]
    public void Case_GetsItsExpectedAnswer(int tcId, string comment)
    {
        var vector = Cases[tcId];
        Assert.Equal(comment, vector.Comment);
        var verifier = new Ed25519SignatureVerifier(Convert.FromHexString(vector.PublicKey), TimeSpan.FromMinutes(5), new FakeTimeProvider());

        var accepted = verifier.Verify(Convert.FromHexString(vector.Message), Convert.FromHexString(vector.Signature));

        // "acceptable" marks a case where a verifier may answer either way (a lenient decoding, say). The
        // verifier is libsodium's strict check, and Discord only ever sends canonical signatures, so the
        // answer that keeps the endpoint safe is to refuse: an acceptable case is expected to be refused,
        // and a change to a lenient verifier has to change this line on purpose.
        var expected = vector.Result switch
        {
            "valid" => true,
            "invalid" or "acceptable" => false,
            _ => throw new InvalidDataException($"tcId {tcId}: unknown result '{vector.Result}'"),
        };
        Assert.True(
            accepted == expected,
            $"tcId {tcId} ({vector.Comment}; flags {string.Join(", ", vector.Flags)}): expected {vector.Result}, the verifier {(accepted ? "accepted" : "refused")} it");
    }

    private static JsonDocument OpenDocument()
    {
        using var file = File.OpenRead(Path.Combine(AppContext.BaseDirectory, "Http", "Vectors", "wycheproof-ed25519.json"));
        return JsonDocument.Parse(file);
    }

    private static Dictionary<int, Case> Load()
    {
        using var document = OpenDocument();
        var cases = new Dictionary<int, Case>();
        foreach (var group in document.RootElement.GetProperty("testGroups").EnumerateArray())
        {
            var publicKey = group.GetProperty("publicKey").GetProperty("pk").GetString()!;
            foreach (var test in group.GetProperty("tests").EnumerateArray())
            {
                var tcId = test.GetProperty("tcId").GetInt32();
                var flags = test.GetProperty("flags").EnumerateArray().Select(f => f.GetString()!).ToList();
                cases.Add(tcId, new Case(
                    tcId,
                    test.GetProperty("comment").GetString()!,
                    publicKey,
                    test.GetProperty("msg").GetString()!,
                    test.GetProperty("sig").GetString()!,
                    test.GetProperty("result").GetString()!,
                    flags));
            }
        }

        return cases;
    }
}
