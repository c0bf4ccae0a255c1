using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Province.BuildingBlocks.Errors;
using Province.BuildingBlocks.Live;
using Province.BuildingBlocks.Security;

namespace Province.Modules.Dossiers.Processing.OfficerQueue;

/// <summary>
/// The staff queue's live news: an event each time a dossier enters the queue of the reader's agency (on any host),
/// so the open queue page offers to reload. The event names the agency and nothing of the dossier or its applicant;
/// the page reads the queue itself, with the reader's own authorization.
/// </summary>
internal static class QueueStreamEndpoint
{
    public static void MapStaffQueueStream(this IEndpointRouteBuilder staff) =>
        staff.MapGet("/queue/stream", Results<LiveChangeStream<DossierQueuedEvent>, ProblemHttpResult> (Guid? agencyId, ClaimsPrincipal user) =>
            {
                // The queue's own rule: staff hear of their own agency; an administrator of one agency or of all.
                if (!user.TryScopeToAgency(agencyId, out var agency))
                {
                    return Problems.Forbidden("dossier.agency_forbidden", "Bạn chỉ xem được hàng đợi hồ sơ của cơ quan mình.");
                }

                return new LiveChangeStream<DossierQueuedEvent>(QueueStream.Topic, agency?.ToString() ?? LiveChanges.AnyKey, QueueStream.EventName,
                    agency is { } id ? $"{{\"agencyId\":\"{id}\"}}" : "{\"agencyId\":null}");
            })
            .WithName("StreamStaffDossierQueue")
            .WithSummary("Luồng sự kiện (text/event-stream) \"dossier-queued\": báo mỗi khi có hồ sơ mới vào hàng đợi của cơ quan mình " +
                "(quản trị viên: agencyId hoặc mọi cơ quan); sự kiện chỉ mang mã cơ quan, không mang thông tin hồ sơ; dòng chú thích giữ kết nối, " +
                "máy chủ đóng luồng sau 30 phút (trình duyệt tự kết nối lại).")
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .RequireAuthorization(ProvincePolicies.Staff);
}

/// <summary>What a "dossier-queued" event carries: the agency whose queue got a dossier, nothing else.</summary>
internal sealed record DossierQueuedEvent(Guid AgencyId);

internal static class QueueStream
{
    /// <summary>The live change of an agency's dossier queue; its key is the agency id.</summary>
    public const string Topic = "dossiers/queue";

    public const string EventName = "dossier-queued";
}
