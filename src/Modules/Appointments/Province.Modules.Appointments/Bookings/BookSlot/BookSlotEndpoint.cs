using System.Security.Claims;
using FluentValidation;
using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Province.BuildingBlocks.Idempotency;
using Province.BuildingBlocks.Security;
using Province.BuildingBlocks.Validation;

namespace Province.Modules.Appointments.Bookings.BookSlot;

internal static class BookSlotEndpoint
{
    public static void MapBookSlot(this IEndpointRouteBuilder citizens) =>
        citizens.MapPost("/bookings", async (BookSlotRequest request, ClaimsPrincipal user, HttpContext context, IMediator mediator, CancellationToken cancellationToken) =>
            {
                var citizenId = user.GetCitizenId();
                return await mediator.Send(new BookSlotCommand(citizenId, request, IdempotentRequest.For(context, citizenId.ToString(), request)), cancellationToken);
            })
            .WithName("BookAppointment")
            .WithSummary("Đặt lịch vào một khung giờ (cần Idempotency-Key); họ tên, số điện thoại lấy từ hồ sơ cá nhân nếu không gửi.")
            .Validate<BookSlotRequest>()
            .RequireIdempotencyKey()
            .Produces<BookingResponse>(StatusCodes.Status201Created)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .RequireAuthorization(ProvincePolicies.Citizen);
}

/// <summary>A slot, optionally what the visit is about (a procedure, one of my dossiers), and who comes if not the profile's name.</summary>
internal sealed record BookSlotRequest(Guid SlotId, string? ProcedureCode, Guid? DossierId, string? FullName, string? PhoneNumber);

internal sealed class BookSlotRequestValidator : AbstractValidator<BookSlotRequest>
{
    public BookSlotRequestValidator()
    {
        RuleFor(r => r.SlotId).NotEmpty().WithMessage("Vui lòng chọn khung giờ.");
        RuleFor(r => r.ProcedureCode).MaximumLength(30).WithName("Mã thủ tục");
        RuleFor(r => r.FullName).MaximumLength(100).Matches(@"^[\p{L}\p{M} .'\-]+$").WithMessage("Họ và tên chỉ gồm chữ cái, dấu cách và dấu gạch nối.")
            .When(r => !string.IsNullOrEmpty(r.FullName));
        RuleFor(r => r.PhoneNumber).Matches("^0(3|5|7|8|9)[0-9]{8}$").WithMessage("Số điện thoại di động phải có 10 chữ số, ví dụ 0912345678.")
            .When(r => !string.IsNullOrEmpty(r.PhoneNumber));
    }
}
