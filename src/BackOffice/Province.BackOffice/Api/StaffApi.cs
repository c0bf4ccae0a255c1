using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Province.BackOffice.Shell;
using Province.BuildingBlocks.Security;

namespace Province.BackOffice.Api;

/// <summary>
/// The back office's one way to the data: the module APIs over HTTP on the host's own address, with the signed-in
/// staff member's bearer token (kept in the encrypted page cookie). Pages therefore get exactly the API's authorization
/// and rules; nothing here decides what a person may see or do.
/// </summary>
public sealed class StaffApi(HttpClient http, IHttpContextAccessor accessor, SelfCallerAddress selfCaller)
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    public Task<ApiResult<T>> GetAsync<T>(string path, CancellationToken cancellationToken = default) =>
        SendAsync<T>(new HttpRequestMessage(HttpMethod.Get, path), cancellationToken);

    /// <summary>A GET with a token given explicitly (right after sign-in, before the cookie holds it).</summary>
    public Task<ApiResult<T>> GetAsync<T>(string path, string accessToken, CancellationToken cancellationToken = default)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        return SendAsync<T>(request, cancellationToken);
    }

    public Task<ApiResult<T>> PostAsync<T>(string path, object? body, CancellationToken cancellationToken = default) =>
        SendAsync<T>(new HttpRequestMessage(HttpMethod.Post, path) { Content = body is null ? null : JsonContent.Create(body, options: Json) }, cancellationToken);

    public Task<ApiResult<T>> SendAsync<T>(HttpMethod method, string path, object? body, CancellationToken cancellationToken = default) =>
        SendAsync<T>(new HttpRequestMessage(method, path) { Content = body is null ? null : JsonContent.Create(body, options: Json) }, cancellationToken);

    /// <summary>A multipart upload (<c>files</c> parts), answered <c>{ items: [...] }</c>.</summary>
    public Task<ApiResult<T>> UploadAsync<T>(string path, IEnumerable<(Stream Content, string FileName, string ContentType)> files, CancellationToken cancellationToken = default)
    {
        var form = new MultipartFormDataContent();
        foreach (var (content, fileName, contentType) in files)
        {
            var part = new StreamContent(content);
            part.Headers.ContentType = new MediaTypeHeaderValue(contentType);
            form.Add(part, "files", fileName);
        }

        return SendAsync<T>(new HttpRequestMessage(HttpMethod.Post, path) { Content = form }, cancellationToken);
    }

    /// <summary>Raw bytes of an answer (CSV exports), or null with the problem.</summary>
    public async Task<(byte[]? Bytes, string? ContentType, ApiProblem? Problem)> GetBytesAsync(string path, CancellationToken cancellationToken = default)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        using var response = await SendRawAsync(request, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            return (null, null, await ProblemOf(response, cancellationToken));
        }

        return (await response.Content.ReadAsByteArrayAsync(cancellationToken), response.Content.Headers.ContentType?.ToString(), null);
    }

    /// <summary>
    /// An event stream of the API, answered as soon as its headers arrive (the client's timeout covers only that; the
    /// body is read for as long as the stream lasts). The caller disposes the answer.
    /// </summary>
    public async Task<HttpResponseMessage> OpenStreamAsync(string path, CancellationToken cancellationToken = default)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Accept.ParseAdd("text/event-stream");
        return await SendRawAsync(request, cancellationToken, HttpCompletionOption.ResponseHeadersRead);
    }

    /// <summary>A file of the API (CSV exports) with the name its Content-Disposition gives, or the problem.</summary>
    public async Task<ApiFile> GetFileAsync(string path, CancellationToken cancellationToken = default)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        using var response = await SendRawAsync(request, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            return new ApiFile(null, null, null, await ProblemOf(response, cancellationToken));
        }

        var disposition = response.Content.Headers.ContentDisposition;
        return new ApiFile(await response.Content.ReadAsByteArrayAsync(cancellationToken), response.Content.Headers.ContentType?.ToString(),
            (disposition?.FileNameStar ?? disposition?.FileName)?.Trim('"'), null);
    }

    private async Task<ApiResult<T>> SendAsync<T>(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        using (request)
        {
            using var response = await SendRawAsync(request, cancellationToken);
            if (!response.IsSuccessStatusCode)
            {
                return new ApiResult<T>(default, await ProblemOf(response, cancellationToken));
            }

            if (response.StatusCode == HttpStatusCode.NoContent || response.Content.Headers.ContentLength == 0)
            {
                return new ApiResult<T>(default, null);
            }

            return new ApiResult<T>(await response.Content.ReadFromJsonAsync<T>(Json, cancellationToken), null);
        }
    }

    private async Task<HttpResponseMessage> SendRawAsync(HttpRequestMessage request, CancellationToken cancellationToken,
        HttpCompletionOption completion = HttpCompletionOption.ResponseContentRead)
    {
        var context = accessor.HttpContext ?? throw new InvalidOperationException("StaffApi is used outside a request.");
        if (request.Headers.Authorization is null
            && await context.GetTokenAsync(BackOfficeAuthentication.Scheme, BackOfficeAuthentication.AccessTokenName) is { Length: > 0 } token)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        // The person's own address for the API's per-address limits (sign-in), not this host's loopback shared by all.
        request.Headers.Add(SelfCallerAddress.SecretHeader, selfCaller.Secret);
        request.Headers.Add(SelfCallerAddress.ClientHeader, context.Connection.RemoteIpAddress?.ToString() ?? "unknown");
        var response = await http.SendAsync(request, completion, cancellationToken);
        if (response.StatusCode == HttpStatusCode.Unauthorized && request.Headers.Authorization is not null)
        {
            response.Dispose();
            throw new StaffSessionEndedException();
        }

        return response;
    }

    private static async Task<ApiProblem> ProblemOf(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        ApiProblem? problem = null;
        if (response.Content.Headers.ContentType?.MediaType is "application/problem+json" or "application/json")
        {
            try
            {
                problem = await response.Content.ReadFromJsonAsync<ApiProblem>(Json, cancellationToken);
            }
            catch (JsonException)
            {
                problem = null;
            }
        }

        problem ??= new ApiProblem();
        problem.Status = (int)response.StatusCode;
        problem.Title ??= response.StatusCode switch
        {
            HttpStatusCode.NotFound => "Không tìm thấy",
            HttpStatusCode.Forbidden => "Không có quyền",
            HttpStatusCode.TooManyRequests => "Quá nhiều yêu cầu",
            _ => null,
        };
        return problem;
    }
}
