using Marten;
using MediatR;
using Microsoft.AspNetCore.Http.HttpResults;
using Province.BuildingBlocks.Errors;
using Province.BuildingBlocks.Idempotency;
using Province.BuildingBlocks.Live;
using Province.BuildingBlocks.Messaging;
using Province.Modules.Appointments.Bookings.OfficeBookings;
using Province.Modules.Appointments.Common;
using Province.Modules.Appointments.Contracts;
using Province.Modules.Appointments.Data;
using Province.Modules.Dossiers.Contracts;
using Province.Modules.Identity.Contracts;

namespace Province.Modules.Appointments.Bookings.BookSlot;

internal sealed record BookSlotCommand(Guid CitizenId, BookSlotRequest Request, IdempotentRequest Idempotency) : IRequest<IResult>;

/// <summary>
/// Checks the booking rules, then takes a place with a conditional statement (<see cref="SlotPlaces"/>)
/// and inserts the booking in the same transaction: the capacity holds under any concurrency, and
/// the unique index on active bookings keeps one per citizen, group and day.
/// </summary>
internal sealed class BookSlotHandler(IAppointmentsStore store, IMediator mediator, LiveChanges live, TimeProvider clock) : IRequestHandler<BookSlotCommand, IResult>
{
    public async Task<IResult> Handle(BookSlotCommand command, CancellationToken cancellationToken)
    {
        await using var session = store.LightweightSession();
        if (await command.Idempotency.FindEarlierAnswerAsync(session, cancellationToken) is { } earlier)
        {
            return earlier;
        }

        var request = command.Request;
        var slot = await session.LoadAsync<Slot>(request.SlotId, cancellationToken);
        var office = slot is null ? null : await session.LoadAsync<Office>(slot.OfficeId, cancellationToken);
        if (slot is null || office is null)
        {
            return Problems.NotFound("appointments.slot_not_found", "Không tìm thấy khung giờ này.");
        }

        if (await BookingRules.CheckSlotAsync(session, office, slot, clock, cancellationToken) is { } refusal)
        {
            return refusal;
        }

        var profile = await mediator.Send(new GetCitizenProfile(command.CitizenId), cancellationToken);
        var fullName = Clean(request.FullName) ?? profile?.FullName;
        var phone = Clean(request.PhoneNumber) ?? profile?.PhoneNumber;
        if (fullName is null || phone is null)
        {
            return Problems.Validation(new Dictionary<string, string[]>
            {
                [fullName is null ? "fullName" : "phoneNumber"] = ["Vui lòng nhập họ tên và số điện thoại (hoặc lưu vào hồ sơ cá nhân) để cơ quan liên hệ khi cần."],
            });
        }

        if (request.ProcedureCode is { Length: > 0 } procedureCode && await mediator.Send(new GetProcedure(procedureCode), cancellationToken) is null)
        {
            return Problems.BusinessRule("appointments.procedure_unknown", $"Không có thủ tục mã {procedureCode}.");
        }

        if (request.DossierId is { } dossierId && await mediator.Send(new GetCitizenDossier(command.CitizenId, dossierId), cancellationToken) is null)
        {
            return Problems.BusinessRule("appointments.dossier_unknown", "Không tìm thấy hồ sơ này trong các hồ sơ của bạn.");
        }

        var group = office.ServiceGroups.Single(g => g.Id == slot.ServiceGroupId);
        var now = clock.GetUtcNow().ToUniversalTime();
        Booking? booked = null;
        var result = await command.Idempotency.CreateOnceAsync(session, async () =>
        {
            if (!await SlotPlaces.TakeAsync(session, slot, cancellationToken))
            {
                return BookingRules.SlotFull();
            }

            var booking = Booking.For(office, slot, command.CitizenId, fullName, phone, now, Clean(request.ProcedureCode), request.DossierId);
            session.Insert(booking);
            booked = booking;
            session.PublishIntegrationEvent(new AppointmentBooked(Guid.CreateVersion7(), now, booking.Id, booking.Code, booking.CitizenId, office.Id, office.Name,
                group.Name, OfficeTime.StartsAt(booking.Day, booking.Start), !office.RequiresApproval));
            var response = BookingResponse.From(booking, office, BookingReader.Citizen, now);
            var location = $"/api/appointments/bookings/{booking.Id}";
            command.Idempotency.Remember(session, StatusCodes.Status201Created, location, response, now);
            return TypedResults.Created(location, response);
        },
        explainConflict: async () =>
        {
            // The session's unit of work failed as a whole; read what is there on a session of its own.
            await using var query = store.QuerySession();
            return await query.Query<Booking>().AnyAsync(b => b.CitizenId == command.CitizenId && b.ServiceGroupId == slot.ServiceGroupId && b.Day == slot.Day && b.Active, cancellationToken)
                ? BookingRules.OnePerDay()
                : null;
        },
        cancellationToken);
        if (booked is not null && result is Created<BookingResponse>)
        {
            BookingChanges.Publish(live, booked);
        }

        return result;
    }

    private static string? Clean(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
