using MediatR;
using Microsoft.EntityFrameworkCore;
using Province.Modules.Identity.Contracts;
using Province.Modules.Identity.Data;

namespace Province.Modules.Identity.Citizens;

/// <summary>Answers other modules' <see cref="GetCitizenProfile"/> requests, to prefill their forms.</summary>
internal sealed class GetCitizenProfileHandler(IdentityDbContext db) : IRequestHandler<GetCitizenProfile, CitizenProfile?>
{
    public async Task<CitizenProfile?> Handle(GetCitizenProfile request, CancellationToken cancellationToken) =>
        await db.Citizens.AsNoTracking()
            .Where(c => c.Id == request.CitizenId)
            .Select(c => new CitizenProfile(c.Id, c.FullName, c.DateOfBirth, c.CitizenIdNumber, c.Address, c.PhoneNumber, c.PhoneNumberVerified))
            .SingleOrDefaultAsync(cancellationToken);
}
