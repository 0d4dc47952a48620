using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.StackExchangeRedis;
using Microsoft.Extensions.DependencyInjection.Extensions;
using StackExchange.Redis;

namespace Exam.Web.Live;

public static class LiveRegistration
{
    /// <summary>SignalR, with the Redis backplane when <c>Redis:Connection</c> is set, and every hub send detached from its caller.</summary>
    public static IServiceCollection AddExamLive(this IServiceCollection services, IConfiguration config)
    {
        services.AddSingleton(config.GetSection("Live").Get<LiveOptions>() ?? new LiveOptions());
        services.AddSingleton<Backplane>();
        services.AddSingleton<LiveDispatch>();
        services.AddHostedService(sp => sp.GetRequiredService<LiveDispatch>());

        var signalR = services.AddSignalR();
        var inner = typeof(DefaultHubLifetimeManager<>);
        if (config["Redis:Connection"] is { Length: > 0 } redis)
        {
            signalR.AddStackExchangeRedis(redis, o => o.Configuration.ChannelPrefix = RedisChannel.Literal("exam"));
            services.AddOptions<RedisOptions>().Configure<Backplane>((o, backplane) => o.ConnectionFactory = async log =>
            {
                var configuration = o.Configuration;
                configuration.AbortOnConnectFail = false;
                // While disconnected a command fails at once instead of queueing until its timeout: the message is
                // dropped, and the pages resync when the backplane returns.
                configuration.BacklogPolicy = BacklogPolicy.FailFast;
                // Reconnect within seconds of Redis returning, however long it was away.
                configuration.ReconnectRetryPolicy = new ExponentialRetry(500, 5000);
                var connection = await ConnectionMultiplexer.ConnectAsync(configuration, log);
                backplane.Watch(connection);
                return connection;
            });
            inner = typeof(RedisHubLifetimeManager<>);
        }
        services.AddSingleton(inner);
        services.AddSingleton(new InnerLifetimeManager(inner));
        services.Replace(ServiceDescriptor.Singleton(typeof(HubLifetimeManager<>), typeof(DetachedHubLifetimeManager<>)));
        return services;
    }
}
