using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Options;

namespace ReviewBot.Core.Sources;

/// <summary>
/// Which addresses the feed fetcher may connect to: public unicast only, unless an operator names an
/// exception in <c>Feeds:AllowedPrivateAddresses</c> (an address, a CIDR range or a host name). A feed
/// URL or a redirect is input from the internet; without this it could make the bot request
/// loopback services, the local network or a cloud metadata endpoint (169.254.169.254).
/// </summary>
public sealed class FeedAddressPolicy(IOptions<FeedsOptions> options)
{
    // Special-purpose ranges from the IANA IPv4 and IPv6 Special-Purpose Address Registries
    // (RFC 6890 and its updates) that are not globally reachable, plus multicast.
    private static readonly (IPNetwork Network, string Why)[] NotPublic =
    [
        (IPNetwork.Parse("0.0.0.0/8"), "a 'this network' address (0.0.0.0/8)"),
        (IPNetwork.Parse("10.0.0.0/8"), "a private address (10.0.0.0/8)"),
        (IPNetwork.Parse("100.64.0.0/10"), "a carrier-grade NAT address (100.64.0.0/10)"),
        (IPNetwork.Parse("127.0.0.0/8"), "a loopback address (127.0.0.0/8)"),
        (IPNetwork.Parse("169.254.0.0/16"), "a link-local address (169.254.0.0/16, where cloud metadata services answer)"),
        (IPNetwork.Parse("172.16.0.0/12"), "a private address (172.16.0.0/12)"),
        (IPNetwork.Parse("192.0.0.0/24"), "an IETF protocol address (192.0.0.0/24)"),
        (IPNetwork.Parse("192.0.2.0/24"), "a documentation address (192.0.2.0/24)"),
        (IPNetwork.Parse("192.88.99.0/24"), "a 6to4 relay address (192.88.99.0/24)"),
        (IPNetwork.Parse("192.168.0.0/16"), "a private address (192.168.0.0/16)"),
        (IPNetwork.Parse("198.18.0.0/15"), "a benchmarking address (198.18.0.0/15)"),
        (IPNetwork.Parse("198.51.100.0/24"), "a documentation address (198.51.100.0/24)"),
        (IPNetwork.Parse("203.0.113.0/24"), "a documentation address (203.0.113.0/24)"),
        (IPNetwork.Parse("224.0.0.0/4"), "a multicast address (224.0.0.0/4)"),
        (IPNetwork.Parse("240.0.0.0/4"), "a reserved address (240.0.0.0/4, including broadcast)"),
        (IPNetwork.Parse("::1/128"), "the IPv6 loopback address (::1)"),
        (IPNetwork.Parse("::/96"), "an unspecified or IPv4-compatible IPv6 address (::/96)"),
        (IPNetwork.Parse("64:ff9b:1::/48"), "a local-use NAT64 address (64:ff9b:1::/48)"),
        (IPNetwork.Parse("100::/64"), "a discard-only IPv6 address (100::/64)"),
        (IPNetwork.Parse("2001::/23"), "an IETF protocol IPv6 address (2001::/23, including Teredo)"),
        (IPNetwork.Parse("2001:db8::/32"), "a documentation IPv6 address (2001:db8::/32)"),
        (IPNetwork.Parse("fc00::/7"), "a unique-local IPv6 address (fc00::/7)"),
        (IPNetwork.Parse("fe80::/10"), "a link-local IPv6 address (fe80::/10)"),
        (IPNetwork.Parse("fec0::/10"), "a site-local IPv6 address (fec0::/10)"),
        (IPNetwork.Parse("ff00::/8"), "a multicast IPv6 address (ff00::/8)"),
    ];

    private static readonly IPNetwork Nat64 = IPNetwork.Parse("64:ff9b::/96");
    private static readonly IPNetwork SixToFour = IPNetwork.Parse("2002::/16");

    private readonly Lazy<Exceptions> _exceptions = new(() => Exceptions.Parse(options.Value.AllowedPrivateAddresses));

    /// <summary>
    /// <paramref name="uri"/> without a user name and password, to show: feeds are fetched without a
    /// login, so an address that has them is refused, and saying so must not repeat the password.
    /// </summary>
    public static string WithoutUserInfo(Uri uri) =>
        uri.GetComponents(UriComponents.AbsoluteUri & ~UriComponents.UserInfo, UriFormat.UriEscaped);

    /// <summary>Null when <paramref name="address"/> (reached by the name <paramref name="host"/>) may be connected to; otherwise why not.</summary>
    public string? Refusal(string host, IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        var why = WhyNotPublic(address);
        return why is null || _exceptions.Value.Allow(host, address) ? null : why;
    }

    /// <summary>Null for a public unicast address; otherwise what kind of address it is.</summary>
    public static string? WhyNotPublic(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        address = Canonical(address);
        foreach (var (network, why) in NotPublic)
        {
            if (network.BaseAddress.AddressFamily == address.AddressFamily && network.Contains(address))
            {
                return why;
            }
        }

        // IPv6 forms that carry an IPv4 address reach that address: judge it instead.
        if (address.AddressFamily == AddressFamily.InterNetworkV6)
        {
            var bytes = address.GetAddressBytes();
            IPAddress? embedded = Nat64.Contains(address) ? new IPAddress(bytes.AsSpan(12, 4))
                : SixToFour.Contains(address) ? new IPAddress(bytes.AsSpan(2, 4))
                : null;
            if (embedded is not null && WhyNotPublic(embedded) is { } inner)
            {
                return $"an IPv6 address embedding {embedded}, {inner}";
            }
        }

        return null;
    }

    /// <summary>Checks one Feeds:AllowedPrivateAddresses entry; null when it is usable.</summary>
    public static string? ValidateEntry(string entry) =>
        Exceptions.TryParseEntry(entry, out _, out _) ? null
            : $"'{entry}' is neither an IP address, a CIDR range (10.0.0.0/8) nor a host name";

    /// <summary>IPv4-mapped IPv6 (::ffff:10.0.0.1) is the IPv4 address itself on a dual-stack socket.</summary>
    private static IPAddress Canonical(IPAddress address) => address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;

    private sealed record Exceptions(IReadOnlyList<IPNetwork> Networks, IReadOnlySet<string> Hosts)
    {
        public static Exceptions Parse(IEnumerable<string> entries)
        {
            var networks = new List<IPNetwork>();
            var hosts = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            foreach (var entry in entries)
            {
                if (TryParseEntry(entry, out var network, out var host))
                {
                    if (network is { } n)
                    {
                        networks.Add(n);
                    }
                    else
                    {
                        hosts.Add(host!);
                    }
                }
            }

            return new Exceptions(networks, hosts);
        }

        public static bool TryParseEntry(string entry, out IPNetwork? network, out string? host)
        {
            network = null;
            host = null;
            var text = entry.Trim();
            if (IPAddress.TryParse(text.Trim('[', ']'), out var single))
            {
                single = Canonical(single);
                network = new IPNetwork(single, single.AddressFamily == AddressFamily.InterNetwork ? 32 : 128);
                return true;
            }

            if (IPNetwork.TryParse(text, out var range))
            {
                network = range;
                return true;
            }

            if (text.Length > 0 && Uri.CheckHostName(text) == UriHostNameType.Dns)
            {
                host = text.TrimEnd('.');
                return true;
            }

            return false;
        }

        public bool Allow(string host, IPAddress address)
        {
            address = Canonical(address);
            return Hosts.Contains(host.TrimEnd('.'))
                || Networks.Any(n => n.BaseAddress.AddressFamily == address.AddressFamily && n.Contains(address));
        }
    }
}

/// <summary>The fetcher refused to connect: <see cref="Host"/> resolved to <see cref="Address"/>, which is not public.</summary>
public sealed class FeedAddressRefusedException(string host, IPAddress address, string why)
    : IOException($"{host} resolves to {address}, {why}")
{
    public string Host { get; } = host;

    public IPAddress Address { get; } = address;

    public string Why { get; } = why;
}
