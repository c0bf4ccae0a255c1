using Carter;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Province.Modules.FieldReports.Categories;
using Province.Modules.FieldReports.Handling;
using Province.Modules.FieldReports.Open311;
using Province.Modules.FieldReports.PublicFeed;
using Province.Modules.FieldReports.Questions;
using Province.Modules.FieldReports.Reporting;
using Province.Modules.FieldReports.Statistics;

namespace Province.Modules.FieldReports;

/// <summary>Anyone, without signing in: categories, answered questions and the public feed of reports.</summary>
internal sealed class PublicFieldReportEndpoints : ICarterModule
{
    public void AddRoutes(IEndpointRouteBuilder app)
    {
        var publicApi = app.MapGroup("/api/public/field-reports").WithTags("FieldReports - công khai");
        publicApi.MapPublicCategories();
        publicApi.MapPublicQuestions();
        publicApi.MapPublicFeed();
    }
}

/// <summary>The signed-in citizen: asking questions, and reporting with photos.</summary>
internal sealed class CitizenFieldReportEndpoints : ICarterModule
{
    public void AddRoutes(IEndpointRouteBuilder app)
    {
        var citizens = app.MapGroup("/api/field-reports").WithTags("FieldReports - công dân");
        citizens.MapCitizenQuestions();
        citizens.MapReporting();
    }
}

/// <summary>Staff: categories, routing rules and Open311 clients, answering questions, handling reports.</summary>
internal sealed class StaffFieldReportEndpoints : ICarterModule
{
    public void AddRoutes(IEndpointRouteBuilder app)
    {
        var staff = app.MapGroup("/api/staff/field-reports").WithTags("FieldReports - cán bộ");
        staff.MapAdministration();
        staff.MapStaffQuestions();
        staff.MapHandling();
        staff.MapStatistics();
    }
}

/// <summary>Open311 GeoReport v2 for existing Open311 apps; its route group is in <see cref="Open311Endpoints"/>.</summary>
internal sealed class Open311GeoReportEndpoints : ICarterModule
{
    public void AddRoutes(IEndpointRouteBuilder app) => app.MapOpen311();
}
