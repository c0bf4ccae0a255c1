using Province.BuildingBlocks.Files;

namespace Province.Modules.FieldReports;

/// <summary>Configuration section <c>FieldReports</c>.</summary>
internal sealed class FieldReportsSettings
{
    public const string Section = "FieldReports";

    /// <summary>The agency that receives a report no routing rule matches.</summary>
    public Guid? FallbackAgencyId { get; set; }

    /// <summary>How many days after the answer the reporter may rate it.</summary>
    public int RatingWindowDays { get; set; } = 7;

    /// <summary>How many days after the answer the reporter may reopen the report (the <c>reopen</c> action).</summary>
    public int ReopenWindowDays { get; set; } = 7;

    /// <summary>How many times a report may be reopened: once; a second disagreement is a complaint, not a new round.</summary>
    public int MaxReopens { get; set; } = 1;

    public long MaxPhotoBytes { get; set; } = 10 * 1024 * 1024;

    /// <summary>Photos not yet sent with a report (or an answer): the quota per citizen and how long they are kept.</summary>
    public PendingUploadSettings PendingUploads { get; set; } = new() { MaxFilesPerCitizen = 12, MaxBytesPerCitizen = 60L * 1024 * 1024 };

    public TimeSpan EscalationScanInterval { get; set; } = TimeSpan.FromMinutes(10);
}
