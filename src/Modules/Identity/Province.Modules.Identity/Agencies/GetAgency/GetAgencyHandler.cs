using MediatR;
using Microsoft.EntityFrameworkCore;
using Province.Modules.Identity.Contracts;
using Province.Modules.Identity.Data;

namespace Province.Modules.Identity.Agencies.GetAgency;

/// <summary>Answers other modules' <see cref="Contracts.GetAgency"/> requests (the agency directory).</summary>
internal sealed class GetAgencyHandler(IdentityDbContext db) : IRequestHandler<Contracts.GetAgency, AgencyInfo?>
{
    public async Task<AgencyInfo?> Handle(Contracts.GetAgency request, CancellationToken cancellationToken)
    {
        var agency = await db.Agencies.AsNoTracking().SingleOrDefaultAsync(a => a.Id == request.AgencyId, cancellationToken);
        return agency?.ToInfo();
    }
}
