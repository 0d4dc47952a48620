using System.Collections.Concurrent;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Protocol;

namespace Exam.Web.Live;

/// <summary>The lifetime manager SignalR would otherwise use (Redis's or the in-process default), as an open generic type.</summary>
public sealed record InnerLifetimeManager(Type OpenGenericType);

/// <summary>
/// Wraps SignalR's lifetime manager so that no hub message is ever awaited by the code that sends it: every send is
/// handed to <see cref="LiveDispatch"/> and the caller's task completes at once. Sends always come after the commit
/// they announce (the services send after CommitAsync), so a request's outcome never depends on the backplane.
/// Joining a group while the backplane is down is deferred until it returns (a Redis subscription attempted while
/// disconnected would be left without its handler); then every local connection is told to <c>Resync</c>.
/// </summary>
public sealed partial class DetachedHubLifetimeManager<THub> : HubLifetimeManager<THub> where THub : Hub
{
    /// <summary>The client method every live page answers by reading its view again from the database.</summary>
    public const string ResyncMethod = "Resync";

    private readonly HubLifetimeManager<THub> _inner;
    private readonly LiveDispatch _dispatch;
    private readonly Backplane _backplane;
    private readonly ILogger _logger;
    private readonly ConcurrentDictionary<string, HubConnectionContext> _local = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<(string Connection, string Group), bool> _deferred = new();

    public DetachedHubLifetimeManager(
        IServiceProvider services, InnerLifetimeManager inner, LiveDispatch dispatch, Backplane backplane, ILogger<DetachedHubLifetimeManager<THub>> logger)
    {
        _inner = (HubLifetimeManager<THub>)services.GetRequiredService(inner.OpenGenericType.MakeGenericType(typeof(THub)));
        _dispatch = dispatch;
        _backplane = backplane;
        _logger = logger;
        backplane.Restored += () => _ = RejoinAndResyncAsync();
    }

    private static string Hub => typeof(THub).Name;

    public override async Task OnConnectedAsync(HubConnectionContext connection)
    {
        _local[connection.ConnectionId] = connection;
        // With Redis down this subscribes nothing and fails; the connection still serves this node's messages.
        await _dispatch.BoundedAsync($"{Hub} connect", () => _inner.OnConnectedAsync(connection));
    }

    public override async Task OnDisconnectedAsync(HubConnectionContext connection)
    {
        _local.TryRemove(connection.ConnectionId, out _);
        foreach (var key in _deferred.Keys.Where(k => k.Connection == connection.ConnectionId)) _deferred.TryRemove(key, out _);
        await _dispatch.BoundedAsync($"{Hub} disconnect", () => _inner.OnDisconnectedAsync(connection));
    }

    public override async Task AddToGroupAsync(string connectionId, string groupName, CancellationToken cancellationToken = default)
    {
        if (!_local.ContainsKey(connectionId))
        {
            await JoinAsync(connectionId, groupName);
            return;
        }
        if (!_backplane.IsUp)
        {
            Defer(connectionId, groupName);
            return;
        }
        if (await JoinAsync(connectionId, groupName)) return;
        // A half-made membership is undone, so that the join after the backplane returns subscribes afresh.
        await _dispatch.BoundedAsync($"{Hub} undo join {groupName}", () => _inner.RemoveFromGroupAsync(connectionId, groupName, CancellationToken.None));
        Defer(connectionId, groupName);
    }

    public override async Task RemoveFromGroupAsync(string connectionId, string groupName, CancellationToken cancellationToken = default)
    {
        _deferred.TryRemove((connectionId, groupName), out _);
        await _dispatch.BoundedAsync($"{Hub} leave {groupName}", () => _inner.RemoveFromGroupAsync(connectionId, groupName, CancellationToken.None));
    }

    private Task<bool> JoinAsync(string connectionId, string groupName) =>
        _dispatch.BoundedAsync($"{Hub} join {groupName}", () => _inner.AddToGroupAsync(connectionId, groupName, CancellationToken.None));

    /// <summary>Joins again once the backplane is back.</summary>
    private void Defer(string connectionId, string groupName)
    {
        _deferred[(connectionId, groupName)] = true;
        GroupDeferred(_logger, groupName);
    }

    private async Task RejoinAndResyncAsync()
    {
        foreach (var (connectionId, groupName) in _deferred.Keys)
        {
            if (!_deferred.TryRemove((connectionId, groupName), out _) || !_local.ContainsKey(connectionId)) continue;
            await AddToGroupAsync(connectionId, groupName);
        }
        foreach (var connection in _local.Values)
            _dispatch.Post($"{Hub} {ResyncMethod}", () => connection.WriteAsync(new InvocationMessage(ResyncMethod, [])).AsTask(), needsBackplane: false);
    }

    // ---- sends: queued, never awaited by the sender -------------------------------------------------------------

    private Task Post(string what, Func<Task> send, bool needsBackplane = true)
    {
        _dispatch.Post(what, send, needsBackplane);
        return Task.CompletedTask;
    }

    public override Task SendAllAsync(string methodName, object?[] args, CancellationToken cancellationToken = default) =>
        Post($"{Hub}.{methodName} to all", () => _inner.SendAllAsync(methodName, args, CancellationToken.None));

    public override Task SendAllExceptAsync(string methodName, object?[] args, IReadOnlyList<string> excludedConnectionIds, CancellationToken cancellationToken = default) =>
        Post($"{Hub}.{methodName} to all", () => _inner.SendAllExceptAsync(methodName, args, excludedConnectionIds, CancellationToken.None));

    /// <summary>A connection on this node is written to directly (no backplane needed), so it is sent even while Redis is down.</summary>
    public override Task SendConnectionAsync(string connectionId, string methodName, object?[] args, CancellationToken cancellationToken = default) =>
        Post($"{Hub}.{methodName} to a connection", () => _inner.SendConnectionAsync(connectionId, methodName, args, CancellationToken.None),
            needsBackplane: !_local.ContainsKey(connectionId));

    public override Task SendConnectionsAsync(IReadOnlyList<string> connectionIds, string methodName, object?[] args, CancellationToken cancellationToken = default) =>
        Post($"{Hub}.{methodName} to connections", () => _inner.SendConnectionsAsync(connectionIds, methodName, args, CancellationToken.None));

    public override Task SendGroupAsync(string groupName, string methodName, object?[] args, CancellationToken cancellationToken = default) =>
        Post($"{Hub}.{methodName} to {groupName}", () => _inner.SendGroupAsync(groupName, methodName, args, CancellationToken.None));

    public override Task SendGroupsAsync(IReadOnlyList<string> groupNames, string methodName, object?[] args, CancellationToken cancellationToken = default) =>
        Post($"{Hub}.{methodName} to groups", () => _inner.SendGroupsAsync(groupNames, methodName, args, CancellationToken.None));

    public override Task SendGroupExceptAsync(string groupName, string methodName, object?[] args, IReadOnlyList<string> excludedConnectionIds, CancellationToken cancellationToken = default) =>
        Post($"{Hub}.{methodName} to {groupName}", () => _inner.SendGroupExceptAsync(groupName, methodName, args, excludedConnectionIds, CancellationToken.None));

    public override Task SendUserAsync(string userId, string methodName, object?[] args, CancellationToken cancellationToken = default) =>
        Post($"{Hub}.{methodName} to a user", () => _inner.SendUserAsync(userId, methodName, args, CancellationToken.None));

    public override Task SendUsersAsync(IReadOnlyList<string> userIds, string methodName, object?[] args, CancellationToken cancellationToken = default) =>
        Post($"{Hub}.{methodName} to users", () => _inner.SendUsersAsync(userIds, methodName, args, CancellationToken.None));

    // Client results wait for an answer by nature; they are not used here and pass straight through.
    public override Task<T> InvokeConnectionAsync<T>(string connectionId, string methodName, object?[] args, CancellationToken cancellationToken) =>
        _inner.InvokeConnectionAsync<T>(connectionId, methodName, args, cancellationToken);

    public override Task SetConnectionResultAsync(string connectionId, CompletionMessage result) => _inner.SetConnectionResultAsync(connectionId, result);

    public override bool TryGetReturnType(string invocationId, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out Type? type) =>
        _inner.TryGetReturnType(invocationId, out type);

    [LoggerMessage(1420, LogLevel.Information, "Joining {Group} waits for the backplane; the page reads its view from the database meanwhile")]
    private static partial void GroupDeferred(ILogger logger, string group);
}
