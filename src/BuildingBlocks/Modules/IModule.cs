using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Province.BuildingBlocks.Modules;

/// <summary>
/// What a module gives the host: its services and its endpoints. It plays the role Carter's
/// ICarterModule would (Carter has no net10.0 build we can install). The host lists its modules
/// explicitly in one registry; nothing is discovered by reflection.
/// </summary>
public interface IModule
{
    /// <summary>The name used in configuration: <c>Modules:{Name}:Enabled</c>.</summary>
    string Name { get; }

    void AddServices(IServiceCollection services, IConfiguration configuration);

    void MapEndpoints(IEndpointRouteBuilder endpoints);
}
