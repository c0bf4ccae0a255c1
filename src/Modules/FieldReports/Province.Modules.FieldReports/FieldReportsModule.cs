using FluentValidation;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Province.BuildingBlocks.Files;
using Province.BuildingBlocks.Messaging;
using Province.BuildingBlocks.Modules;
using Province.BuildingBlocks.Persistence;
using Province.BuildingBlocks.Security;
using Province.Modules.FieldReports.Categories;
using Province.Modules.FieldReports.Contracts;
using Province.Modules.FieldReports.Data;
using Province.Modules.FieldReports.DemoData;
using Province.Modules.FieldReports.Handling;
using Province.Modules.FieldReports.Reporting;
using Province.Modules.FieldReports.Routing;
using Province.Modules.Identity.Contracts;

namespace Province.Modules.FieldReports;

/// <summary>
/// FieldReports (phản ánh hiện trường, hỏi đáp): reports with photos (metadata stripped) routed to the
/// competent agency by rules, the agency's checked workflow with deadlines and escalation, the public
/// feed of answers, questions and answers, and Open311 GeoReport v2.
/// </summary>
public sealed partial class FieldReportsModule : IModuleRegistration
{
    public string Name => "FieldReports";

    public IReadOnlyList<Type> CarterModules { get; } =
        [typeof(PublicFieldReportEndpoints), typeof(CitizenFieldReportEndpoints), typeof(StaffFieldReportEndpoints), typeof(Open311GeoReportEndpoints)];

    /// <summary>Contracts this module sends; listed in its README.</summary>
    public IReadOnlyList<Type> RequiredRequests { get; } = [typeof(AuthenticateCitizen), typeof(ValidateStaffSession), typeof(GetAgency), typeof(GetCitizenProfile), typeof(GetStaffMember), typeof(ResolveAdministrativeUnit)];

    public void AddServices(IServiceCollection services, IConfiguration configuration)
    {
        services.AddModuleStore<IFieldReportsStore>(configuration, IFieldReportsStore.SchemaName, typeof(FieldReportReceived).Assembly, IFieldReportsStore.Configure);
        services.AddHandlersFrom(typeof(FieldReportsModule).Assembly);
        services.AddValidatorsFromAssembly(typeof(FieldReportsModule).Assembly, includeInternalTypes: true);
        services.AddScoped<IDemoDataSeeder, FieldReportsDemoData>();
        services.AddScoped<IDemoDataSeeder, FieldReportsDemoActivity>();
        services.AddOptions<FieldReportsSettings>().Bind(configuration.GetSection(FieldReportsSettings.Section));
        services.TryAddSingleton<IFileStore, LocalDiskFileStore>();
        services.AddScoped<ReportRouter>();
        services.AddSingleton<ReferenceData>();
        services.AddSingleton<ReportPresenter>();
        services.AddHostedService<EscalationWatcher>();
        services.AddHostedService<Reporting.PendingPhotoCleanup>();
    }
}
