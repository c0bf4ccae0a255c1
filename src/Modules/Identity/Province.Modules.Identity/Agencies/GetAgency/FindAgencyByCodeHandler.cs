using MediatR;
using Microsoft.EntityFrameworkCore;
using Province.Modules.Identity.Contracts;
using Province.Modules.Identity.Data;

namespace Province.Modules.Identity.Agencies.GetAgency;

/// <summary>Answers <see cref="FindAgencyByCode"/>: national systems name agencies by code, not by our ids.</summary>
internal sealed class FindAgencyByCodeHandler(IdentityDbContext db) : IRequestHandler<FindAgencyByCode, AgencyInfo?>
{
    public async Task<AgencyInfo?> Handle(FindAgencyByCode request, CancellationToken cancellationToken)
    {
        var agency = await db.Agencies.AsNoTracking().SingleOrDefaultAsync(a => a.Code == request.Code, cancellationToken);
        return agency?.ToInfo();
    }
}
