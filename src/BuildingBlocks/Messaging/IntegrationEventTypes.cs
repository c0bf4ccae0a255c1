using System.Collections.Concurrent;
using System.Reflection;

namespace Province.BuildingBlocks.Messaging;

/// <summary>Which integration-event types each module store relays: those its module declares in its Contracts project.</summary>
internal static class IntegrationEventTypes
{
    private static readonly ConcurrentDictionary<Type, Type[]> ByStore = new();

    public static void Register<TStore>(Assembly? contracts) =>
        ByStore[typeof(TStore)] = contracts is null
            ? []
            : [.. contracts.GetTypes().Where(t => t is { IsAbstract: false, IsInterface: false } && typeof(IIntegrationEvent).IsAssignableFrom(t))];

    public static IReadOnlyList<Type> Of<TStore>() => ByStore.TryGetValue(typeof(TStore), out var types) ? types : [];
}
