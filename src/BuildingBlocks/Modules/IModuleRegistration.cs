using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Province.BuildingBlocks.Modules;

/// <summary>
/// What the host registers for one module besides Carter: its services (Marten store, MediatR handlers,
/// validators, options, background jobs) and which Carter modules map its endpoints. Carter maps the
/// endpoints; it cannot know which modules a province switched off, so the host's one explicit list
/// registers the Carter modules of enabled modules only, instead of letting Carter scan assemblies.
/// </summary>
public interface IModuleRegistration
{
    /// <summary>The name used in configuration: <c>Modules:{Name}:Enabled</c>.</summary>
    string Name { get; }

    /// <summary>
    /// The module's <see cref="Carter.ICarterModule"/> types, one per route group, in the order they map
    /// (the OpenAPI document lists paths in that order). Listed here because they are internal: the host
    /// cannot name them, and Carter's scan finds public types only.
    /// </summary>
    IReadOnlyList<Type> CarterModules { get; }

    /// <summary>
    /// The requests of other modules' Contracts this module sends (MediatR <c>IRequest&lt;T&gt;</c> types) and
    /// therefore needs answered. The host refuses to start when an enabled module needs one that nothing
    /// answers (the answering module switched off or not taken), naming the contract, instead of a 500 at
    /// request time. A province taking this module alone answers these itself.
    /// </summary>
    IReadOnlyList<Type> RequiredRequests { get; }

    void AddServices(IServiceCollection services, IConfiguration configuration);
}
