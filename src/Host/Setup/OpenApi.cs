using Microsoft.OpenApi;

namespace Province.Host.Setup;

internal static class OpenApi
{
    public static IServiceCollection AddProvinceOpenApi(this IServiceCollection services) =>
        services.AddOpenApi(options => options.AddDocumentTransformer((document, _, _) =>
        {
            document.Info = new OpenApiInfo
            {
                Title = "Province API",
                Version = "v1",
                Description = "Dịch vụ công của tỉnh trên Zalo: công dân xác thực bằng access token Zalo (Bearer), cán bộ bằng bearer token của Province.",
            };
            return Task.CompletedTask;
        }));
}
