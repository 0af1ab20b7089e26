using System.Net;
using System.Net.Sockets;

namespace DoanKetSangTao.Tests.Support;

/// <summary>
/// A loopback TCP forwarder that can be switched off and on, to make a real server unreachable for one
/// client (a broker outage as the service sees it) without stopping the server other tests share.
/// While off, the port refuses connections and open connections are cut.
/// </summary>
public sealed class TcpProxy : IAsyncDisposable
{
    private readonly int targetPort;
    private readonly List<TcpClient> connections = [];
    private TcpListener? listener;
    private CancellationTokenSource? running;

    public TcpProxy(int targetPort)
    {
        this.targetPort = targetPort;
        Port = TestInfrastructure.FreeTcpPort();
    }

    public int Port { get; }

    public void Start()
    {
        listener = new TcpListener(IPAddress.Loopback, Port);
        listener.Server.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
        listener.Start();
        running = new CancellationTokenSource();
        _ = AcceptLoopAsync(listener, running.Token);
    }

    public void Stop()
    {
        running?.Cancel();
        listener?.Stop();
        lock (connections)
        {
            foreach (var c in connections)
            {
                c.Dispose();
            }

            connections.Clear();
        }
    }

    private async Task AcceptLoopAsync(TcpListener l, CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await l.AcceptTcpClientAsync(ct);
            }
            catch (Exception) when (ct.IsCancellationRequested || l.Server is null)
            {
                return;
            }
            catch (ObjectDisposedException)
            {
                return;
            }
            catch (SocketException)
            {
                return;
            }

            var upstream = new TcpClient();
            try
            {
                await upstream.ConnectAsync(IPAddress.Loopback, targetPort, ct);
            }
            catch (Exception)
            {
                client.Dispose();
                upstream.Dispose();
                continue;
            }

            lock (connections)
            {
                connections.Add(client);
                connections.Add(upstream);
            }

            _ = PumpAsync(client, upstream, ct);
            _ = PumpAsync(upstream, client, ct);
        }
    }

    private static async Task PumpAsync(TcpClient from, TcpClient to, CancellationToken ct)
    {
        try
        {
            await from.GetStream().CopyToAsync(to.GetStream(), ct);
        }
        catch (Exception)
        {
            // A cut connection is the point of the proxy.
        }
        finally
        {
            from.Dispose();
            to.Dispose();
        }
    }

    public ValueTask DisposeAsync()
    {
        Stop();
        running?.Dispose();
        return ValueTask.CompletedTask;
    }
}
