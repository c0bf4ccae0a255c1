using Marten;
using MediatR;
using Province.Modules.Identity.Contracts;
using Province.Modules.Identity.Data;

namespace Province.Modules.Identity.Citizens;

/// <summary>Answers other modules' <see cref="GetCitizenProfile"/> requests, to prefill their forms.</summary>
internal sealed class GetCitizenProfileHandler(IIdentityStore store) : IRequestHandler<GetCitizenProfile, CitizenProfile?>
{
    public async Task<CitizenProfile?> Handle(GetCitizenProfile request, CancellationToken cancellationToken)
    {
        await using var session = store.QuerySession();
        var citizen = await session.LoadAsync<Citizen>(request.CitizenId, cancellationToken);
        return citizen is null
            ? null
            : new CitizenProfile(citizen.Id, citizen.FullName, citizen.DateOfBirth, citizen.CitizenIdNumber, citizen.Address, citizen.PhoneNumber, citizen.PhoneNumberVerified);
    }
}
