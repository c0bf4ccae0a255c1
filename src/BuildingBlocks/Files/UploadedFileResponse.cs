namespace Province.BuildingBlocks.Files;

/// <summary>
/// The one shape every module answers an upload with, and lists attached files in:
/// <c>{ id, fileName, contentType, size, url }</c>, where <c>url</c> is a short-lived signed link (<see cref="SignedLinks"/>)
/// a browser can open in an <c>&lt;img&gt;</c> or a download without headers.
/// </summary>
public sealed record UploadedFileResponse(Guid Id, string FileName, string ContentType, long Size, string Url);

/// <summary>The answer to an upload request, which may carry several files: <c>{ items: [...] }</c>.</summary>
public sealed record UploadedFilesResponse(IReadOnlyList<UploadedFileResponse> Items);
