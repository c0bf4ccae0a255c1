using Province.BuildingBlocks.Messaging;

namespace Province.Modules.Identity.Contracts;

/// <summary>A citizen corrected their profile. <paramref name="ChangedFields"/> holds the JSON names of what changed (never the values: they are personal data).</summary>
public sealed record CitizenProfileUpdated(Guid Id, DateTimeOffset OccurredAt, Guid CitizenId, IReadOnlyList<string> ChangedFields) : IIntegrationEvent;

/// <summary>A citizen deleted their profile (Decree 13/2023): every module erases what it holds about them.</summary>
public sealed record CitizenDeleted(Guid Id, DateTimeOffset OccurredAt, Guid CitizenId) : IIntegrationEvent;
