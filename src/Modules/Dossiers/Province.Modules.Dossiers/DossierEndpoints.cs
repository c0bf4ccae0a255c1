using Carter;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Province.Modules.Dossiers.Calendar;
using Province.Modules.Dossiers.Processing.GetDossierForOfficer;
using Province.Modules.Dossiers.Processing.OfficerActions;
using Province.Modules.Dossiers.Processing.OfficerQueue;
using Province.Modules.Dossiers.Processing.Statistics;
using Province.Modules.Dossiers.Processing.UploadResultFile;
using Province.Modules.Dossiers.Procedures.GetProcedureDetail;
using Province.Modules.Dossiers.Procedures.ImportCatalog;
using Province.Modules.Dossiers.Procedures.ListFields;
using Province.Modules.Dossiers.Procedures.SearchProcedures;
using Province.Modules.Dossiers.Submission.PrefillApplicant;
using Province.Modules.Dossiers.Submission.Receipt;
using Province.Modules.Dossiers.Submission.ReceiveAtCounter;
using Province.Modules.Dossiers.Submission.SubmitDossier;
using Province.Modules.Dossiers.Submission.UploadDocument;
using Province.Modules.Dossiers.Tracking.DownloadFile;
using Province.Modules.Dossiers.Tracking.GetMyDossier;
using Province.Modules.Dossiers.Tracking.ListMyDossiers;
using Province.Modules.Dossiers.Tracking.LookupDossier;
using Province.Modules.Dossiers.Tracking.RequestWithdrawal;
using Province.Modules.Dossiers.Tracking.SubmitSupplement;

namespace Province.Modules.Dossiers;

/// <summary>Anyone, without signing in: the procedure catalog and a dossier's status by its receipt code.</summary>
internal sealed class PublicDossierEndpoints : ICarterModule
{
    public void AddRoutes(IEndpointRouteBuilder app)
    {
        var publicApi = app.MapGroup("/api/public/dossiers").WithTags("Dossiers - công khai");
        publicApi.MapSearchProcedures();
        publicApi.MapGetProcedureDetail();
        publicApi.MapListFields();
        publicApi.MapLookupDossier();
    }
}

/// <summary>The signed-in citizen: uploads, submission, receipts, their own dossiers, withdrawal and supplements.</summary>
internal sealed class CitizenDossierEndpoints : ICarterModule
{
    public void AddRoutes(IEndpointRouteBuilder app)
    {
        var citizens = app.MapGroup("/api/dossiers").WithTags("Dossiers - công dân");
        citizens.MapUploadDocument();
        citizens.MapPrefillApplicant();
        citizens.MapSubmitDossier();
        citizens.MapListMyDossiers();
        citizens.MapGetMyDossier();
        citizens.MapReceipt();
        citizens.MapCitizenDownloadFile();
        citizens.MapSignedFileContent();
        citizens.MapRequestWithdrawal();
        citizens.MapSubmitSupplement();
    }
}

/// <summary>Officers: the agency's queue, dossiers received at the counter, the processing workflow, and the catalog import.</summary>
internal sealed class StaffDossierEndpoints : ICarterModule
{
    public void AddRoutes(IEndpointRouteBuilder app)
    {
        var staff = app.MapGroup("/api/staff/dossiers").WithTags("Dossiers - cán bộ");
        staff.MapStaffQueue();
        staff.MapStaffQueueStream();
        staff.MapStaffUploadDocument();
        staff.MapReceiveAtCounter();
        staff.MapDossierStatistics();
        staff.MapGetDossierForOfficer();
        staff.MapStaffDownloadFile();
        staff.MapSimpleOfficerActions();
        staff.MapAssignDossier();
        staff.MapRequestFee();
        staff.MapUploadResultFile();
        staff.MapCompleteDossier();
        staff.MapExtendDeadline();
        staff.MapIssueApology();
        staff.MapImportCatalog();
        staff.MapWorkingCalendar();
    }
}
