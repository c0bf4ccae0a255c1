using System.Security.Claims;
using FluentValidation;
using Marten;
using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;
using Province.BuildingBlocks.Security;
using Province.BuildingBlocks.Time;
using Province.BuildingBlocks.Validation;
using Province.Modules.Notifications.Data;

namespace Province.Modules.Notifications.ZaloMessages.Preferences;

/// <summary>The citizen's choices about Zalo messages: which kinds, quiet hours, and what Zalo granted the mini app.</summary>
internal static class ZaloPreferencesEndpoints
{
    public static void MapZaloPreferences(this IEndpointRouteBuilder notifications)
    {
        notifications.MapGet("/zalo-preferences", async Task<Ok<ZaloPreferencesResponse>> (ClaimsPrincipal user, IMediator mediator, CancellationToken cancellationToken) =>
                TypedResults.Ok(await mediator.Send(new GetZaloPreferencesQuery(user.GetCitizenId()), cancellationToken)))
            .WithName("GetMyZaloMessagePreferences")
            .WithSummary("Những loại tin công dân chọn nhận qua Zalo (hộp thư trong ứng dụng luôn nhận mọi tin).")
            .RequireAuthorization(ProvincePolicies.Citizen);

        notifications.MapPut("/zalo-preferences", async Task<Ok<ZaloPreferencesResponse>> (
                ZaloPreferencesRequest request, ClaimsPrincipal user, IMediator mediator, CancellationToken cancellationToken) =>
                TypedResults.Ok(await mediator.Send(new SaveZaloPreferencesCommand(user.GetCitizenId(), request), cancellationToken)))
            .WithName("SaveMyZaloMessagePreferences")
            .WithSummary("Lưu lựa chọn nhận tin qua Zalo (gửi cả bản ghi: các loại tin, giờ yên tĩnh, quyền Zalo đã cấp).")
            .Validate<ZaloPreferencesRequest>()
            .RequireAuthorization(ProvincePolicies.Citizen);
    }
}

/// <summary>The whole record: PUT replaces it.</summary>
internal sealed record ZaloPreferencesRequest(IReadOnlyList<ZaloMessageKind> Kinds, bool QuietHours, bool NotificationsAllowedInZalo, bool FollowsOfficialAccount);

internal sealed class ZaloPreferencesRequestValidator : AbstractValidator<ZaloPreferencesRequest>
{
    public ZaloPreferencesRequestValidator()
    {
        RuleFor(r => r.Kinds).NotNull().WithName("Loại tin")
            .Must(kinds => kinds is null || kinds.Distinct().Count() == kinds.Count).WithMessage("Mỗi loại tin chỉ chọn một lần.");
    }
}

/// <summary>Every kind with its text, whether the citizen chose it, and whether the province sends it by Zalo at all.</summary>
internal sealed record ZaloPreferencesResponse(
    IReadOnlyList<ZaloMessageKindChoice> Kinds, bool QuietHours, bool NotificationsAllowedInZalo, bool FollowsOfficialAccount, DateTimeOffset? UpdatedAt);

internal sealed record ZaloMessageKindChoice(ZaloMessageKind Kind, string Text, bool Chosen, bool Available, bool Urgent);

internal sealed record GetZaloPreferencesQuery(Guid CitizenId) : IRequest<ZaloPreferencesResponse>;

internal sealed record SaveZaloPreferencesCommand(Guid CitizenId, ZaloPreferencesRequest Request) : IRequest<ZaloPreferencesResponse>;

internal sealed class ZaloPreferencesHandler(INotificationsStore store, IOptions<ZaloMessagesOptions> options, TimeProvider clock)
    : IRequestHandler<GetZaloPreferencesQuery, ZaloPreferencesResponse>, IRequestHandler<SaveZaloPreferencesCommand, ZaloPreferencesResponse>
{
    public async Task<ZaloPreferencesResponse> Handle(GetZaloPreferencesQuery request, CancellationToken cancellationToken)
    {
        await using var session = store.QuerySession();
        return Describe(await session.LoadAsync<ZaloMessagePreferences>(request.CitizenId, cancellationToken));
    }

    public async Task<ZaloPreferencesResponse> Handle(SaveZaloPreferencesCommand request, CancellationToken cancellationToken)
    {
        var preferences = new ZaloMessagePreferences
        {
            Id = request.CitizenId,
            Kinds = [.. request.Request.Kinds.Distinct()],
            QuietHours = request.Request.QuietHours,
            NotificationsAllowedInZalo = request.Request.NotificationsAllowedInZalo,
            FollowsOfficialAccount = request.Request.FollowsOfficialAccount,
            UpdatedAt = clock.GetUtcNow(),
        };
        await using var session = store.LightweightSession();
        session.Store(preferences);
        await session.SaveChangesAsync(cancellationToken);
        return Describe(preferences);
    }

    private ZaloPreferencesResponse Describe(ZaloMessagePreferences? preferences)
    {
        var settings = options.Value;
        return new ZaloPreferencesResponse(
            [.. ZaloMessageKinds.All.Select(kind => new ZaloMessageKindChoice(
                kind,
                kind.Text(),
                preferences?.Kinds.Contains(kind) == true,
                settings.Enabled && settings.TemplateOf(kind) is not null,
                settings.TemplateOf(kind)?.Urgent ?? kind.UrgentByDefault()))],
            preferences?.QuietHours ?? true,
            preferences?.NotificationsAllowedInZalo ?? false,
            preferences?.FollowsOfficialAccount ?? false,
            preferences?.UpdatedAt.ToVietnamTime());
    }
}
