using Marten;
using MediatR;
using Microsoft.AspNetCore.Http.HttpResults;
using Province.BuildingBlocks.Errors;
using Province.Modules.Identity.Data;
using Province.Modules.Identity.Zalo;

namespace Province.Modules.Identity.Citizens.VerifyPhoneNumber;

internal sealed record VerifyPhoneNumberCommand(Guid CitizenId, string AccessToken, string PhoneToken)
    : IRequest<Results<Ok<CitizenProfileResponse>, ProblemHttpResult>>;

internal sealed class VerifyPhoneNumberHandler(IIdentityStore store, IZaloGraphClient zalo, TimeProvider clock)
    : IRequestHandler<VerifyPhoneNumberCommand, Results<Ok<CitizenProfileResponse>, ProblemHttpResult>>
{
    public async Task<Results<Ok<CitizenProfileResponse>, ProblemHttpResult>> Handle(VerifyPhoneNumberCommand request, CancellationToken cancellationToken)
    {
        var international = await zalo.GetPhoneNumberAsync(request.AccessToken, request.PhoneToken, cancellationToken);
        var local = ToLocalNumber(international);
        if (local is null)
        {
            return Problems.BusinessRule("identity.phone_token_refused", "Zalo không xác nhận được số điện thoại. Vui lòng cho phép chia sẻ số điện thoại rồi thử lại.");
        }

        await using var session = store.LightweightSession();
        var citizen = await session.LoadForChangeAsync(request.CitizenId, cancellationToken)
            ?? throw new InvalidOperationException("The signed-in citizen has no record.");
        if (citizen.PhoneNumber != local || !citizen.PhoneNumberVerified)
        {
            citizen.PhoneNumber = local;
            citizen.PhoneNumberVerified = true;
            session.RecordProfileChange(citizen, ["phoneNumber"], clock.GetUtcNow());
            await session.SaveChangesAsync(cancellationToken);
        }

        return TypedResults.Ok(CitizenProfileResponse.From(citizen));
    }

    /// <summary>Zalo gives 84xxxxxxxxx (international, no '+'); forms and officers use 0xxxxxxxxx.</summary>
    internal static string? ToLocalNumber(string? international) =>
        international is { Length: 11 } && international.StartsWith("84", StringComparison.Ordinal) && international.All(char.IsAsciiDigit)
            ? "0" + international[2..]
            : null;
}
