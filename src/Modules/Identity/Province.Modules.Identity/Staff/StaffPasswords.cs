using Marten;
using MediatR;
using Microsoft.AspNetCore.Identity;
using Province.Modules.Identity.Data;
using Province.Modules.Identity.Staff.Sessions;

namespace Province.Modules.Identity.Staff;

/// <summary>
/// Setting a staff member's password, whoever sets it (the person, or an administrator's reset): the hash and whether it
/// is temporary are saved first, then the sessions end, so a failed save ends none and a saved password never leaves
/// sessions of the old one open.
/// </summary>
internal sealed class StaffPasswords(IPasswordHasher<StaffMember> hasher, IMediator mediator)
{
    public async Task SetAsync(IDocumentSession session, StaffMember staff, string password, DateTimeOffset? temporaryUntil,
        string because, Guid? keepSession, CancellationToken cancellationToken)
    {
        staff.PasswordHash = hasher.HashPassword(staff, password);
        staff.TemporaryPasswordExpiresAt = temporaryUntil;
        session.Update(staff);
        await session.SaveChangesAsync(cancellationToken);
        await mediator.Send(new EndStaffSessions(staff.Id, OnlySession: null, because, ExceptSession: keepSession), cancellationToken);
    }
}
