using Marten;
using MediatR;
using Microsoft.AspNetCore.Http.HttpResults;
using Province.BuildingBlocks.Errors;
using Province.Modules.Identity.Data;

namespace Province.Modules.Identity.Citizens.UpdateMyProfile;

internal sealed record UpdateMyProfileCommand(Guid CitizenId, UpdateMyProfileRequest Profile) : IRequest<Results<Ok<CitizenProfileResponse>, ProblemHttpResult>>;

internal sealed class UpdateMyProfileHandler(IIdentityStore store, TimeProvider clock)
    : IRequestHandler<UpdateMyProfileCommand, Results<Ok<CitizenProfileResponse>, ProblemHttpResult>>
{
    public async Task<Results<Ok<CitizenProfileResponse>, ProblemHttpResult>> Handle(UpdateMyProfileCommand request, CancellationToken cancellationToken)
    {
        await using var session = store.LightweightSession();
        // The authentication handler has just found or created this citizen.
        var citizen = await session.LoadForChangeAsync(request.CitizenId, cancellationToken)
            ?? throw new InvalidOperationException("The signed-in citizen has no record.");
        var profile = request.Profile;
        if (citizen.Version != profile.Version)
        {
            return Problems.Conflict("identity.stale_version", "Hồ sơ đã được sửa ở nơi khác. Vui lòng tải lại rồi sửa tiếp.");
        }

        // The verified number came from Zalo's exchange: only another verification replaces it, never an edit.
        if (profile.Has(nameof(profile.PhoneNumber)) && citizen.PhoneNumberVerified && Clean(profile.PhoneNumber) != citizen.PhoneNumber)
        {
            return Problems.BusinessRule("identity.verified_phone_number",
                "Số điện thoại đã được xác thực qua Zalo nên không sửa hoặc xóa ở đây; hãy xác thực lại số mới.");
        }

        var changed = new List<string>();
        if (profile.Has(nameof(profile.FullName)))
        {
            Set(citizen.FullName, Clean(profile.FullName), v => citizen.FullName = v, "fullName", changed);
        }

        if (profile.Has(nameof(profile.DateOfBirth)))
        {
            Set(citizen.DateOfBirth, profile.DateOfBirth, v => citizen.DateOfBirth = v, "dateOfBirth", changed);
        }

        if (profile.Has(nameof(profile.CitizenIdNumber)))
        {
            Set(citizen.CitizenIdNumber, Clean(profile.CitizenIdNumber), v => citizen.CitizenIdNumber = v, "citizenIdNumber", changed);
        }

        if (profile.Has(nameof(profile.Address)))
        {
            Set(citizen.Address, Clean(profile.Address), v => citizen.Address = v, "address", changed);
        }

        if (profile.Has(nameof(profile.PhoneNumber)))
        {
            Set(citizen.PhoneNumber, Clean(profile.PhoneNumber), v => citizen.PhoneNumber = v, "phoneNumber", changed);
        }

        // The CCCD and the date of birth may now come from two edits: they must still agree.
        if (citizen is { CitizenIdNumber: { } number, DateOfBirth: { } born }
            && CitizenIdNumber.IsWellFormed(number) && !CitizenIdNumber.MatchesBirthYear(number, born))
        {
            return Problems.BusinessRule("identity.citizen_id_birth_year_mismatch",
                "Số CCCD không khớp với năm sinh (chữ số thứ 4-6 mã hóa thế kỷ, giới tính và năm sinh).");
        }

        if (changed.Count > 0)
        {
            session.RecordProfileChange(citizen, changed, clock.GetUtcNow());
            // Profile and event are written in one transaction; a concurrent write of the same version waited
            // for this one in LoadForChangeAsync and then answers the 409 above.
            await session.SaveChangesAsync(cancellationToken);
        }

        return TypedResults.Ok(CitizenProfileResponse.From(citizen));
    }

    private static string? Clean(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private static bool Set<T>(T current, T wanted, Action<T> assign, string field, List<string> changed)
    {
        if (EqualityComparer<T>.Default.Equals(current, wanted))
        {
            return false;
        }

        assign(wanted);
        changed.Add(field);
        return true;
    }
}
