using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using Microsoft.Extensions.Options;
using Province.BuildingBlocks.Errors;
using Province.BuildingBlocks.Http;
using Refit;

namespace Province.Modules.Dossiers.NationalPortal;

/// <summary>
/// The national public-service portal's adapter, as one-stop systems call it (VietOpenCPS shape):
/// a session from <c>POST /auth</c>, then <c>POST /service { session, service, ... }</c>. Answers
/// carry <c>error_code</c> ("0" is success). Transport failures become <see cref="DependencyUnavailableException"/>.
/// </summary>
internal interface INationalPortalClient
{
    /// <summary><c>LayDanhSachTTHC</c>: the procedure list.</summary>
    Task<IReadOnlyList<PortalProcedureSummary>> ListProceduresAsync(CancellationToken cancellationToken);

    /// <summary><c>LayThuTuc</c>: one procedure in full; null when the portal does not know the code.</summary>
    Task<PortalProcedure?> GetProcedureAsync(string procedureCode, CancellationToken cancellationToken);

    /// <summary><c>TraCuuHoSo</c>: what the portal holds of a dossier; null when it holds nothing.</summary>
    Task<JsonObject?> LookupDossierAsync(string dossierCode, CancellationToken cancellationToken);

    /// <summary>Sends one queued call (<c>DongBoHoSoMC</c>, <c>CapNhatTienDoHoSoMC</c>); throws when the portal refuses it.</summary>
    Task SendAsync(string service, JsonObject payload, CancellationToken cancellationToken);
}

/// <summary>The portal answered with an error code (it understood us and said no).</summary>
internal sealed class NationalPortalException(string errorCode, string? message)
    : Exception($"Cổng DVCQG trả lỗi {errorCode}: {message}")
{
    public string ErrorCode => errorCode;
}

/// <summary>The session is shared by every call of this host until it expires.</summary>
internal sealed class NationalPortalSession
{
    public SemaphoreSlim Lock { get; } = new(1, 1);

    public string? Token { get; set; }

    public DateTimeOffset ExpiresAt { get; set; }
}

/// <summary>
/// The portal's two endpoints as they go over the wire (Refit generates the client; the base address is
/// <see cref="NationalPortalOptions.BaseUrl"/>). Sessions and <c>error_code</c> are <see cref="NationalPortalClient"/>'s job:
/// the portal reports them in the body of a 200 answer.
/// </summary>
internal interface INationalPortalApi
{
    [Post("/auth")]
    Task<PortalAnswer?> AuthenticateAsync([Body] PortalCredentials credentials, CancellationToken cancellationToken);

    /// <summary>One service call: <c>{ session, service, ...the service's fields }</c>.</summary>
    [Post("/service")]
    Task<PortalAnswer?> CallServiceAsync([Body] JsonObject call, CancellationToken cancellationToken);
}

internal sealed record PortalCredentials(
    [property: JsonPropertyName("username")] string UserName,
    [property: JsonPropertyName("password")] string Password);

internal sealed record PortalAnswer(
    [property: JsonPropertyName("error_code")] string? ErrorCode,
    [property: JsonPropertyName("message")] string? Message,
    [property: JsonPropertyName("session")] string? Session,
    [property: JsonPropertyName("expires_in")] int ExpiresIn,
    [property: JsonPropertyName("result")] JsonNode? Result);

internal sealed class NationalPortalClient(
    INationalPortalApi api,
    IOptions<NationalPortalOptions> options,
    NationalPortalSession session,
    TimeProvider clock) : INationalPortalClient
{
    private const string Dependency = "Cổng Dịch vụ công quốc gia";
    private const string SessionExpired = "401";
    private const string NotFound = "404";

    public async Task<IReadOnlyList<PortalProcedureSummary>> ListProceduresAsync(CancellationToken cancellationToken)
    {
        var result = await CallAsync("LayDanhSachTTHC", [], cancellationToken);
        return result?.Deserialize<List<PortalProcedureSummary>>() ?? [];
    }

    public async Task<PortalProcedure?> GetProcedureAsync(string procedureCode, CancellationToken cancellationToken)
    {
        try
        {
            var result = await CallAsync("LayThuTuc", new JsonObject { ["maTTHC"] = procedureCode }, cancellationToken);
            return result?.Deserialize<PortalProcedure>();
        }
        catch (NationalPortalException exception) when (exception.ErrorCode == NotFound)
        {
            return null;
        }
    }

    public async Task<JsonObject?> LookupDossierAsync(string dossierCode, CancellationToken cancellationToken)
    {
        try
        {
            return (await CallAsync("TraCuuHoSo", new JsonObject { ["MaHoSo"] = dossierCode }, cancellationToken)) as JsonObject;
        }
        catch (NationalPortalException exception) when (exception.ErrorCode == NotFound)
        {
            return null;
        }
    }

    public async Task SendAsync(string service, JsonObject payload, CancellationToken cancellationToken) =>
        await CallAsync(service, payload, cancellationToken);

    private async Task<JsonNode?> CallAsync(string service, JsonObject fields, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            var token = await SessionAsync(forceNew: attempt > 1, cancellationToken);
            var body = new JsonObject { ["session"] = token, ["service"] = service };
            foreach (var (name, value) in fields)
            {
                body[name] = value?.DeepClone();
            }

            var answer = await AnswerAsync(() => api.CallServiceAsync(body, cancellationToken));
            if (answer.ErrorCode == "0")
            {
                return answer.Result;
            }

            if (answer.ErrorCode == SessionExpired && attempt == 1)
            {
                continue;
            }

            throw new NationalPortalException(answer.ErrorCode ?? "?", answer.Message);
        }
    }

    private async Task<string> SessionAsync(bool forceNew, CancellationToken cancellationToken)
    {
        await session.Lock.WaitAsync(cancellationToken);
        try
        {
            if (!forceNew && session.Token is not null && session.ExpiresAt > clock.GetUtcNow())
            {
                return session.Token;
            }

            var settings = options.Value;
            var answer = await AnswerAsync(() => api.AuthenticateAsync(new PortalCredentials(settings.UserName, settings.Password), cancellationToken));
            if (answer.ErrorCode != "0" || string.IsNullOrEmpty(answer.Session))
            {
                throw new NationalPortalException(answer.ErrorCode ?? "?", answer.Message ?? "Không đăng nhập được Cổng DVCQG");
            }

            session.Token = answer.Session;
            // Renew a minute early so a call never starts with a session about to lapse.
            session.ExpiresAt = clock.GetUtcNow().AddSeconds(Math.Max(60, answer.ExpiresIn) - 60);
            return session.Token;
        }
        finally
        {
            session.Lock.Release();
        }
    }

    /// <summary>The portal's answer, or <see cref="DependencyUnavailableException"/> when it gave none we can read (an error status included).</summary>
    private static async Task<PortalAnswer> AnswerAsync(Func<Task<PortalAnswer?>> call)
    {
        try
        {
            return await call() ?? throw new DependencyUnavailableException(Dependency, TimeSpan.FromSeconds(30));
        }
        catch (Exception exception) when (ExternalCallFailures.MeanUnavailable(exception))
        {
            throw new DependencyUnavailableException(Dependency, TimeSpan.FromSeconds(30), exception);
        }
    }
}

internal sealed record PortalProcedureSummary(string MaTTHC, string TenTTHC, string? MaLinhVuc, string? TenLinhVuc, string? MucDo);

internal sealed record PortalProcedure(
    string MATTHC,
    string TENTTHC,
    string? MALINHVUC,
    string? LINHVUCTHUCHIEN,
    string? MUCDO,
    List<PortalStep>? TRINHTUTHUCHIEN,
    List<PortalChannel>? CACHTHUCTHUCHIEN,
    List<PortalDocument>? THANHPHANHOSO,
    List<PortalFee>? PHILEPHI,
    List<PortalAgency>? COQUANTHUCHIEN,
    List<PortalResult>? KETQUATHUCHIEN,
    List<PortalLegalBasis>? CANCUPHAPLY,
    string? YEUCAU);

internal sealed record PortalStep(string TENBUOC);

internal sealed record PortalChannel(string KENH, decimal? THOIGIAN, string? DONVITINH);

internal sealed record PortalDocument(string TENGIAYTO, int? SOLUONG, bool? BATBUOC, string? TENMAUDON, string? TEPMAUDON);

internal sealed record PortalFee(string MOTA, decimal? SOTIEN, string? GHICHU);

internal sealed record PortalAgency(string? MACOQUAN, string? TENCOQUAN);

internal sealed record PortalResult(string TENKETQUA);

internal sealed record PortalLegalBasis(string? SOVANBAN, string? TENVANBAN);
