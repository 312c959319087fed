namespace ReviewBot.Discord.Gateway;

/// <summary>What to do after the gateway closed with a given code (docs: Topics, Opcodes and Status Codes, "Gateway Close Event Codes").</summary>
public enum GatewayCloseAction
{
    /// <summary>Reconnect to resume_gateway_url and Resume the Session.</summary>
    Resume,

    /// <summary>The Session is gone: reconnect to the gateway URL and Identify again.</summary>
    Identify,

    /// <summary>Reconnecting cannot help (bad token, shard or intents): stop the client.</summary>
    Fatal,
}

public static class GatewayCloseCodes
{
    /// <summary>Our own close when a connection is a zombie; not 1000/1001, so the Session stays resumable.</summary>
    public const int ZombieConnection = 4900;

    /// <summary>Our own close when we want to Resume (op 7, op 9 d=true); again not 1000/1001.</summary>
    public const int Reconnecting = 4901;

    /// <summary>Our close when Discord's side broke the protocol (an unusable Hello); WebSocket's own 1002, which keeps the Session.</summary>
    public const int ProtocolError = 1002;

    /// <summary>Our close when a message passes <see cref="GatewayOptions.MaxMessageBytes"/>; WebSocket's own 1009, which keeps the Session.</summary>
    public const int MessageTooBig = 1009;

    public static GatewayCloseAction Classify(int? closeCode) => closeCode switch
    {
        4004 or 4010 or 4011 or 4012 or 4013 or 4014 => GatewayCloseAction.Fatal,
        4007 or 4009 => GatewayCloseAction.Identify,
        _ => GatewayCloseAction.Resume,
    };

    public static string Describe(int? closeCode) => closeCode switch
    {
        4000 => "unknown error",
        4001 => "unknown opcode",
        4002 => "decode error",
        4003 => "not authenticated",
        4004 => "authentication failed: the bot token (Discord:Token) was rejected",
        4005 => "already authenticated",
        4007 => "invalid seq on resume",
        4008 => "rate limited: too many gateway sends",
        4009 => "session timed out",
        4010 => "invalid shard: check Discord:ShardCount",
        4011 => "sharding required: set Discord:ShardCount to auto or a larger number",
        4012 => "invalid API version",
        4013 => "invalid intents",
        4014 => "disallowed intents: a privileged intent is not enabled for this application",
        null => "connection dropped without a close frame",
        _ => "closed",
    };
}
