using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Province.BuildingBlocks.Files;
using Province.BuildingBlocks.Messaging;
using Province.BuildingBlocks.Modules;
using Province.BuildingBlocks.Persistence;
using Province.Modules.FieldReports.Categories;
using Province.Modules.FieldReports.Contracts;
using Province.Modules.FieldReports.Data;
using Province.Modules.FieldReports.DemoData;
using Province.Modules.FieldReports.Handling;
using Province.Modules.FieldReports.Open311;
using Province.Modules.FieldReports.PublicFeed;
using Province.Modules.FieldReports.Questions;
using Province.Modules.FieldReports.Reporting;
using Province.Modules.FieldReports.Routing;

namespace Province.Modules.FieldReports;

/// <summary>
/// FieldReports (phản ánh hiện trường, hỏi đáp): reports with photos (metadata stripped) routed to the
/// competent agency by rules, the agency's checked workflow with deadlines and escalation, the public
/// feed of answers, questions and answers, and Open311 GeoReport v2.
/// </summary>
public sealed class FieldReportsModule : IModule
{
    public string Name => "FieldReports";

    public void AddServices(IServiceCollection services, IConfiguration configuration)
    {
        services.AddModuleStore<IFieldReportsStore>(configuration, IFieldReportsStore.SchemaName, typeof(FieldReportReceived).Assembly, IFieldReportsStore.Configure);
        services.AddHandlersFrom(typeof(FieldReportsModule).Assembly);
        services.AddScoped<IDemoDataSeeder, FieldReportsDemoData>();
        services.AddOptions<FieldReportsSettings>().Bind(configuration.GetSection(FieldReportsSettings.Section));
        services.TryAddSingleton<IFileStore, LocalDiskFileStore>();
        services.AddScoped<ReportRouter>();
        services.AddHostedService<EscalationWatcher>();
    }

    public void MapEndpoints(IEndpointRouteBuilder endpoints)
    {
        var publicApi = endpoints.MapGroup("/api/public/field-reports").WithTags("FieldReports - công khai");
        publicApi.MapPublicCategories();
        publicApi.MapPublicQuestions();
        publicApi.MapPublicFeed();

        var citizens = endpoints.MapGroup("/api/field-reports").WithTags("FieldReports - công dân");
        citizens.MapCitizenQuestions();
        citizens.MapReporting();

        var staff = endpoints.MapGroup("/api/staff/field-reports").WithTags("FieldReports - cán bộ");
        staff.MapAdministration();
        staff.MapStaffQuestions();
        staff.MapHandling();

        endpoints.MapOpen311();
    }
}
