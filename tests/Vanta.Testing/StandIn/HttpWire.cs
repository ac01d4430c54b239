using System.Collections.Immutable;
using System.Globalization;
using System.Net.Sockets;
using System.Text;

namespace Vanta.Testing.StandIn;

/// <summary>Just enough HTTP/1.1 to read a request and write a scripted (mis)behaving response.</summary>
internal static class HttpWire
{
    private const int MaxHeaderBytes = 64 * 1024;

    /// <summary>The next request on the stream, or null when the client closed without sending one.</summary>
    public static async Task<RecordedRequest?> ReadRequestAsync(Stream stream, CancellationToken cancellationToken)
    {
        var head = new List<byte>();
        var one = new byte[1];
        while (!EndsWithBlankLine(head))
        {
            if (await stream.ReadAsync(one, cancellationToken) == 0)
                return null;
            head.Add(one[0]);
            if (head.Count > MaxHeaderBytes)
                throw new InvalidDataException("request head too large");
        }
        var lines = Encoding.ASCII.GetString([.. head]).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        var requestLine = lines[0].Split(' ');
        var target = requestLine[1];
        var queryAt = target.IndexOf('?', StringComparison.Ordinal);
        var headers = ImmutableDictionary.CreateBuilder<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var line in lines.Skip(1))
        {
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            var name = line[..colon].Trim();
            var value = line[(colon + 1)..].Trim();
            headers[name] = headers.TryGetValue(name, out var earlier) ? $"{earlier}, {value}" : value;
        }
        var length = headers.TryGetValue("Content-Length", out var raw) ? int.Parse(raw, CultureInfo.InvariantCulture) : 0;
        var body = new byte[length];
        await stream.ReadExactlyAsync(body, cancellationToken);
        return new RecordedRequest(
            requestLine[0],
            Uri.UnescapeDataString(queryAt < 0 ? target : target[..queryAt]),
            queryAt < 0 ? "" : target[(queryAt + 1)..],
            headers.ToImmutable(),
            body);
    }

    public static async Task WriteResponseAsync(Stream stream, StandInResponse response, CancellationToken cancellationToken)
    {
        if (response.HeaderDelay > TimeSpan.Zero)
            await Task.Delay(response.HeaderDelay, cancellationToken);
        var head = new StringBuilder();
        head.Append(CultureInfo.InvariantCulture, $"HTTP/1.1 {response.Status} {response.Reason}\r\n");
        foreach (var (name, value) in response.Headers)
            head.Append(CultureInfo.InvariantCulture, $"{name}: {value}\r\n");
        if (!response.OmitContentLength)
            head.Append(CultureInfo.InvariantCulture, $"Content-Length: {response.Body.Length}\r\n");
        head.Append("Connection: close\r\n\r\n");
        await stream.WriteAsync(Encoding.ASCII.GetBytes(head.ToString()), cancellationToken);
        await stream.FlushAsync(cancellationToken);
        if (response.BodyDelay > TimeSpan.Zero)
            await Task.Delay(response.BodyDelay, cancellationToken);
        var sent = response.TruncateAfterBytes is { } cut ? response.Body.AsMemory(0, Math.Min(cut, response.Body.Length)) : response.Body;
        try
        {
            await stream.WriteAsync(sent, cancellationToken);
            await stream.FlushAsync(cancellationToken);
        }
        catch (IOException ex) when (ex.InnerException is SocketException)
        {
            // The client gave up (a size limit or a timeout): what it does with that is what the test checks.
        }
    }

    private static bool EndsWithBlankLine(List<byte> head) =>
        head.Count >= 4 && head[^4] == '\r' && head[^3] == '\n' && head[^2] == '\r' && head[^1] == '\n';
}
