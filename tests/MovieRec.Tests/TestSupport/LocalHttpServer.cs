using System.Net;
using System.Net.Sockets;
using System.Text;

namespace MovieRec.Tests.TestSupport;

/// <summary>A minimal HTTP/1.1 server on 127.0.0.1 serving fixed bodies by path (GET only).</summary>
public sealed class LocalHttpServer : IDisposable
{
    private readonly TcpListener _listener;
    private readonly Dictionary<string, byte[]> _files;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private int _requests;

    public LocalHttpServer(Dictionary<string, byte[]> files)
    {
        _files = files;
        _listener = new TcpListener(IPAddress.Loopback, 0);
        _listener.Start();
        BaseUrl = $"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}/movielens/";
        _loop = Task.Run(AcceptLoopAsync);
    }

    public string BaseUrl { get; }

    public int Requests => Volatile.Read(ref _requests);

    /// <summary>Names answered with a redirect to the given address.</summary>
    public Dictionary<string, string> Redirects { get; } = new(StringComparer.Ordinal);

    /// <summary>Names whose body stops after half its announced length, the connection held open until the server is disposed.</summary>
    public HashSet<string> StallHalfway { get; } = new(StringComparer.Ordinal);

    public void Dispose()
    {
        _stop.Cancel();
        _listener.Stop();
        try
        {
            _loop.Wait(TimeSpan.FromSeconds(5));
        }
        catch (AggregateException)
        {
        }

        _stop.Dispose();
    }

    private async Task AcceptLoopAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync(_stop.Token);
            }
            catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }

            _ = Task.Run(() => ServeAsync(client));
        }
    }

    private async Task ServeAsync(TcpClient client)
    {
        using (client)
        {
            var stream = client.GetStream();
            var request = new StringBuilder();
            var buffer = new byte[4096];
            while (!request.ToString().Contains("\r\n\r\n", StringComparison.Ordinal))
            {
                int read = await stream.ReadAsync(buffer);
                if (read == 0)
                {
                    return;
                }

                request.Append(Encoding.ASCII.GetString(buffer, 0, read));
            }

            Interlocked.Increment(ref _requests);
            string path = request.ToString().Split(' ')[1];
            string name = path.StartsWith("/movielens/", StringComparison.Ordinal) ? path["/movielens/".Length..] : string.Empty;
            byte[] header;
            byte[] body;
            if (Redirects.TryGetValue(name, out string? location))
            {
                body = [];
                header = Encoding.ASCII.GetBytes($"HTTP/1.1 302 Found\r\nLocation: {location}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
            }
            else if (_files.TryGetValue(name, out var file))
            {
                body = file;
                header = Encoding.ASCII.GetBytes($"HTTP/1.1 200 OK\r\nContent-Type: application/octet-stream\r\nContent-Length: {body.Length}\r\nConnection: close\r\n\r\n");
            }
            else
            {
                body = Encoding.ASCII.GetBytes("not found");
                header = Encoding.ASCII.GetBytes($"HTTP/1.1 404 Not Found\r\nContent-Length: {body.Length}\r\nConnection: close\r\n\r\n");
            }

            await stream.WriteAsync(header);
            if (StallHalfway.Contains(name))
            {
                await stream.WriteAsync(body.AsMemory(0, body.Length / 2));
                await stream.FlushAsync();
                try
                {
                    await Task.Delay(Timeout.Infinite, _stop.Token);
                }
                catch (OperationCanceledException)
                {
                }

                return;
            }

            await stream.WriteAsync(body);
        }
    }
}
