using FluentValidation;
using Marten;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Province.BuildingBlocks.Errors;
using Province.BuildingBlocks.Security;
using Province.BuildingBlocks.Validation;
using Province.Modules.Appointments.Common;
using Province.Modules.Appointments.Data;

namespace Province.Modules.Appointments.Offices.Counters;

internal sealed record AddCounterRequest(int Number, string Name, IReadOnlyList<Guid> ServiceGroupIds);

internal sealed record EditCounterRequest(string Name, IReadOnlyList<Guid> ServiceGroupIds);

internal sealed class AddCounterRequestValidator : AbstractValidator<AddCounterRequest>
{
    public AddCounterRequestValidator()
    {
        RuleFor(r => r.Number).InclusiveBetween(1, 999).WithName("Số quầy");
        RuleFor(r => r.Name).NotEmpty().MaximumLength(100).WithName("Tên quầy");
        RuleFor(r => r.ServiceGroupIds).NotEmpty().WithMessage("Mỗi quầy phục vụ ít nhất một nhóm dịch vụ.");
    }
}

internal sealed class EditCounterRequestValidator : AbstractValidator<EditCounterRequest>
{
    public EditCounterRequestValidator()
    {
        RuleFor(r => r.Name).NotEmpty().MaximumLength(100).WithName("Tên quầy");
        RuleFor(r => r.ServiceGroupIds).NotEmpty().WithMessage("Mỗi quầy phục vụ ít nhất một nhóm dịch vụ.");
    }
}

/// <summary>Administrators open a counter at an office or change what a counter serves; the office answers whole.</summary>
internal static class CounterEndpoints
{
    public static void MapCounters(this IEndpointRouteBuilder staff)
    {
        staff.MapPost("/offices/{officeId:guid}/counters", async Task<Results<Created<OfficeResponse>, ProblemHttpResult>> (
                Guid officeId, AddCounterRequest request, IAppointmentsStore store, CancellationToken cancellationToken) =>
            {
                await using var session = store.LightweightSession();
                if (await session.LoadAsync<Office>(officeId, cancellationToken) is not { } office)
                {
                    return OfficeAccess.OfficeNotFound();
                }

                if (UnknownGroups(office, request.ServiceGroupIds) is { } unknown)
                {
                    return unknown;
                }

                if (office.Counters.Any(c => c.Number == request.Number))
                {
                    return Problems.Conflict("appointments.counter_number_taken", $"Bộ phận này đã có quầy số {request.Number}.");
                }

                office.Counters.Add(new Counter { OfficeId = office.Id, Number = request.Number, Name = request.Name.Trim(), ServiceGroupIds = [.. request.ServiceGroupIds.Distinct()] });
                session.Update(office);
                await session.SaveChangesAsync(cancellationToken);
                return TypedResults.Created($"/api/public/appointments/offices/{office.Id}", OfficeResponse.From(office));
            })
            .WithName("AddOfficeCounter")
            .WithSummary("Quản trị viên mở thêm một quầy ở bộ phận một cửa: số quầy (không trùng), tên, các nhóm dịch vụ quầy phục vụ.")
            .Validate<AddCounterRequest>()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity)
            .RequireAuthorization(ProvincePolicies.Administrator);

        staff.MapPut("/offices/{officeId:guid}/counters/{counterId:guid}", async Task<Results<Ok<OfficeResponse>, ProblemHttpResult>> (
                Guid officeId, Guid counterId, EditCounterRequest request, IAppointmentsStore store, CancellationToken cancellationToken) =>
            {
                await using var session = store.LightweightSession();
                if (await session.LoadAsync<Office>(officeId, cancellationToken) is not { } office)
                {
                    return OfficeAccess.OfficeNotFound();
                }

                if (office.Counters.SingleOrDefault(c => c.Id == counterId) is not { } counter)
                {
                    return Problems.NotFound("appointments.counter_not_found", "Không tìm thấy quầy này.");
                }

                if (UnknownGroups(office, request.ServiceGroupIds) is { } unknown)
                {
                    return unknown;
                }

                counter.Name = request.Name.Trim();
                counter.ServiceGroupIds = [.. request.ServiceGroupIds.Distinct()];
                session.Update(office);
                await session.SaveChangesAsync(cancellationToken);
                return TypedResults.Ok(OfficeResponse.From(office));
            })
            .WithName("EditOfficeCounter")
            .WithSummary("Quản trị viên đổi tên một quầy và các nhóm dịch vụ quầy phục vụ (số quầy giữ nguyên); số đang chờ ở quầy không bị đổi.")
            .Validate<EditCounterRequest>()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity)
            .RequireAuthorization(ProvincePolicies.Administrator);
    }

    private static ProblemHttpResult? UnknownGroups(Office office, IReadOnlyList<Guid> groups) =>
        groups.All(id => office.ServiceGroups.Any(g => g.Id == id))
            ? null
            : Problems.BusinessRule("appointments.group_not_in_office", "Nhóm dịch vụ không thuộc bộ phận một cửa này.");
}
