using System.Net;
using System.Net.Sockets;
using System.Text;

namespace CareerGraph.Tests.Api;

/// <summary>
/// A client that hangs up in the middle of its request body (a closed tab, a proxy's timeout) is not a fault of the
/// service: over a real socket, against the built service, it gets 400 or nothing, and the log has no error.
/// </summary>
public sealed class HangUpTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task A_client_that_hangs_up_mid_body_gets_no_5xx_and_leaves_no_error_log()
    {
        await using var service = await BuiltService.StartAsync(new Dictionary<string, string>
        {
            ["CareerGraph__Embedded__Path"] = _folder.File("graph.db"),
            ["CareerGraph__Seeds__LoadOnStart"] = "false",
        });

        // Three clients stop sending after part of the body and close their side: 400 INCOMPLETE_BODY if the service
        // can still answer, nothing when Kestrel has already seen the connection go.
        for (var i = 0; i < 3; i++)
        {
            var answer = await SendPartOfABodyAsync(service.Port, abort: false);
            if (answer.Length > 0) Assert.Contains("INCOMPLETE_BODY", answer);
            Assert.DoesNotContain("HTTP/1.1 5", answer);
        }
        // Three more reset the connection outright.
        for (var i = 0; i < 3; i++) await SendPartOfABodyAsync(service.Port, abort: true);

        var stats = await service.Http.GetAsync("/graphql?query=%7Bstats%7Bcareers%7D%7D");
        Assert.Equal(HttpStatusCode.OK, stats.StatusCode);
        await Task.Delay(500); // the last log lines

        var output = service.Log();
        Assert.False(output.Contains("ERR]", StringComparison.Ordinal), output);
        Assert.DoesNotContain("responded 5", output);
        Assert.True(CountOf(output, "INF] CareerGraph.Api.Http.GraphQLRequestReader: Client 127.0.0.1 hung up after") >= 4, output); // noted at Information
        Assert.True(CountOf(output, "HTTP POST /graphql responded 499") + CountOf(output, "HTTP POST /graphql responded 400") >= 4, output);
    }

    /// <summary>Sends headers promising 1000 bytes, then 40 of them, then closes (or resets) the connection; returns what came back.</summary>
    private static async Task<string> SendPartOfABodyAsync(int port, bool abort)
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        await socket.ConnectAsync(IPAddress.Loopback, port);
        var request = "POST /graphql HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n"
            + "{\"query\": \"{ stats { careers } }\", \"variab";
        await socket.SendAsync(Encoding.ASCII.GetBytes(request));
        await Task.Delay(200); // the service is reading the body by now
        if (abort)
        {
            socket.LingerState = new LingerOption(true, 0); // closing sends a reset
            socket.Close();
            return "";
        }
        socket.Shutdown(SocketShutdown.Send);
        var answer = new StringBuilder();
        var buffer = new byte[4096];
        using var patience = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        try
        {
            int read;
            while ((read = await socket.ReceiveAsync(buffer, SocketFlags.None, patience.Token)) > 0) answer.Append(Encoding.UTF8.GetString(buffer, 0, read));
        }
        catch (SocketException)
        {
            // the service closed the connection with what it had sent so far
        }
        return answer.ToString();
    }

    private static int CountOf(string text, string part)
    {
        var count = 0;
        for (var at = text.IndexOf(part, StringComparison.Ordinal); at >= 0; at = text.IndexOf(part, at + part.Length, StringComparison.Ordinal)) count++;
        return count;
    }
}
