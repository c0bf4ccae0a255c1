using Province.BuildingBlocks.Files;

namespace Province.Modules.Dossiers;

/// <summary>Configuration section <c>Dossiers</c>.</summary>
internal sealed class DossiersSettings
{
    public const string Section = "Dossiers";

    /// <summary>The largest document accepted (a phone photo is 2-5 MB; a scanned PDF rarely more).</summary>
    public long MaxUploadBytes { get; set; } = 10 * 1024 * 1024;

    /// <summary>Citizens' uploads not yet submitted with a dossier: the quota per citizen and how long they are kept.</summary>
    public PendingUploadSettings PendingUploads { get; set; } = new();

    /// <summary>
    /// What the receipt's QR code opens, <c>{code}</c> replaced by the dossier code and <c>{secret}</c> by its lookup
    /// secret: the mini app's lookup page in production; a relative URL is put under <c>PublicBaseUrl</c> (or, when that
    /// is not set, this host's listening address).
    /// </summary>
    public string LookupUrlTemplate { get; set; } = "/api/public/dossiers/lookup/{code}?secret={secret}";

    /// <summary>Extra procedures generated at demo-data time for scale tests and benchmarks (0: none).</summary>
    public int GeneratedProcedures { get; set; }
}
