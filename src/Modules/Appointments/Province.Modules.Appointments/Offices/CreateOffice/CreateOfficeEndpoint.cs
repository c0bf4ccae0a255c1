using FluentValidation;
using Marten;
using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Province.BuildingBlocks.Errors;
using Province.BuildingBlocks.Security;
using Province.BuildingBlocks.Validation;
using Province.Modules.Appointments.Data;
using Province.Modules.Identity.Contracts;

namespace Province.Modules.Appointments.Offices.CreateOffice;

internal static class CreateOfficeEndpoint
{
    public static void MapCreateOffice(this IEndpointRouteBuilder staff) =>
        staff.MapPost("/offices", async Task<Results<Created<OfficeResponse>, ProblemHttpResult>> (
                CreateOfficeRequest request, IMediator mediator, IAppointmentsStore store, CancellationToken cancellationToken) =>
            {
                if (await mediator.Send(new GetAgency(request.AgencyId), cancellationToken) is null)
                {
                    return Problems.BusinessRule("appointments.agency_unknown", "Cơ quan không có trong danh bạ.");
                }

                if (request.Counters.Select(c => c.Number).Distinct().Count() != request.Counters.Count)
                {
                    // Counters are nested in the office document now; this is the answer the unique index on
                    // (office, counter number) of the former table gave.
                    return Problems.Conflict("request.duplicate", "Dữ liệu trùng với một bản ghi đã có.");
                }

                var office = new Office
                {
                    AgencyId = request.AgencyId,
                    Name = request.Name.Trim(),
                    Address = request.Address.Trim(),
                    RequiresApproval = request.RequiresApproval,
                    BookingHorizonDays = request.BookingHorizonDays,
                    ChangeCutoffHours = request.ChangeCutoffHours,
                    OpeningHours = [.. request.OpeningHours.Select(h => new OpeningHours { Day = h.Day, Opens = h.Opens, Closes = h.Closes })],
                };
                foreach (var group in request.ServiceGroups)
                {
                    office.ServiceGroups.Add(new ServiceGroup { OfficeId = office.Id, Code = group.Code.ToUpperInvariant(), Name = group.Name, Field = group.Field, DefaultServiceMinutes = group.DefaultServiceMinutes });
                }

                foreach (var counter in request.Counters)
                {
                    office.Counters.Add(new Counter
                    {
                        OfficeId = office.Id,
                        Number = counter.Number,
                        Name = counter.Name,
                        ServiceGroupIds = [.. office.ServiceGroups.Where(g => counter.ServiceGroupCodes.Contains(g.Code, StringComparer.OrdinalIgnoreCase)).Select(g => g.Id)],
                    });
                }

                await using var session = store.LightweightSession();
                session.Insert(office);
                await session.SaveChangesAsync(cancellationToken);
                return TypedResults.Created($"/api/public/appointments/offices/{office.Id}", OfficeResponse.From(office));
            })
            .WithName("CreateOneStopOffice")
            .WithSummary("Quản trị tạo bộ phận một cửa: giờ làm việc theo thứ, nhóm dịch vụ, quầy và nhóm mỗi quầy phục vụ.")
            .Validate<CreateOfficeRequest>()
            .RequireAuthorization(ProvincePolicies.Administrator);
}

internal sealed record CreateOfficeRequest(
    Guid AgencyId,
    string Name,
    string Address,
    bool RequiresApproval,
    int BookingHorizonDays,
    int ChangeCutoffHours,
    IReadOnlyList<OpeningHoursDto> OpeningHours,
    IReadOnlyList<NewServiceGroup> ServiceGroups,
    IReadOnlyList<NewCounter> Counters);

internal sealed record NewServiceGroup(string Code, string Name, string Field, int DefaultServiceMinutes = 10);

internal sealed record NewCounter(int Number, string Name, IReadOnlyList<string> ServiceGroupCodes);

internal sealed class CreateOfficeRequestValidator : AbstractValidator<CreateOfficeRequest>
{
    public CreateOfficeRequestValidator()
    {
        RuleFor(r => r.AgencyId).NotEmpty().WithMessage("Vui lòng chọn cơ quan.");
        RuleFor(r => r.Name).NotEmpty().MaximumLength(200).WithName("Tên bộ phận");
        RuleFor(r => r.Address).NotEmpty().MaximumLength(300).WithName("Địa chỉ");
        RuleFor(r => r.BookingHorizonDays).InclusiveBetween(1, 180).WithName("Số ngày được đặt trước");
        RuleFor(r => r.ChangeCutoffHours).InclusiveBetween(0, 72).WithName("Số giờ trước hẹn còn được hủy, đổi");
        RuleFor(r => r.OpeningHours).NotEmpty().WithMessage("Vui lòng nhập giờ làm việc.");
        RuleForEach(r => r.OpeningHours).Must(h => h.Opens < h.Closes).WithMessage("Giờ mở cửa phải trước giờ đóng cửa.");
        RuleFor(r => r.OpeningHours).Must(h => h.Select(x => x.Day).Distinct().Count() == h.Count).WithMessage("Mỗi thứ chỉ nhập một khung giờ làm việc.")
            .When(r => r.OpeningHours is not null);
        RuleFor(r => r.ServiceGroups).NotEmpty().WithMessage("Cần ít nhất một nhóm dịch vụ.");
        RuleForEach(r => r.ServiceGroups).ChildRules(group =>
        {
            group.RuleFor(g => g.Code).NotEmpty().MaximumLength(10).Matches("^[A-Za-z]+$").WithMessage("Mã nhóm chỉ gồm chữ cái, ví dụ HT.");
            group.RuleFor(g => g.Name).NotEmpty().MaximumLength(200).WithName("Tên nhóm");
            group.RuleFor(g => g.Field).NotEmpty().MaximumLength(200).WithName("Lĩnh vực");
            group.RuleFor(g => g.DefaultServiceMinutes).InclusiveBetween(1, 240).WithName("Thời gian phục vụ trung bình");
        });
        RuleFor(r => r.ServiceGroups).Must(g => g.Select(x => x.Code.ToUpperInvariant()).Distinct().Count() == g.Count).WithMessage("Mã nhóm dịch vụ không được trùng.")
            .When(r => r.ServiceGroups is not null && r.ServiceGroups.All(g => g.Code is not null));
        RuleFor(r => r.Counters).NotEmpty().WithMessage("Cần ít nhất một quầy.");
        RuleForEach(r => r.Counters).ChildRules(counter =>
        {
            counter.RuleFor(c => c.Number).InclusiveBetween(1, 999).WithName("Số quầy");
            counter.RuleFor(c => c.Name).NotEmpty().MaximumLength(100).WithName("Tên quầy");
            counter.RuleFor(c => c.ServiceGroupCodes).NotEmpty().WithMessage("Mỗi quầy phục vụ ít nhất một nhóm dịch vụ.");
        });
    }
}
